package io.innopoints.sink.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;


/**
 * Every own option of the ranking-sink, declared once: key, type, default (null = required), one-line doc and the
 * parser that validates it. {@link SinkConfig} reads them; the README's configuration table is checked against
 * {@link #markdownTable()} by a test. Besides these, {@code kafka.*} keys pass through to the Kafka clients and
 * {@code topic.<default-name>} keys rename topics (see {@link io.innopoints.schemas.topic.TopicCatalog}).
 */
public enum SinkOption {
    BOOTSTRAP_SERVERS("bootstrap.servers", "string", null,
            "Kafka bootstrap servers (env KAFKA_BOOTSTRAP_SERVERS).", SinkOption::nonBlank),
    SCHEMA_REGISTRY_URL("schema.registry.url", "url", "http://localhost:8081",
            "Schema registry base URL used to decode Confluent-wire Avro records.", SinkOption::url),
    GROUP_ID("group.id", "string", "innopoints-ranking-sink",
            "Consumer group id; also the key of the offsets stored in the database.", SinkOption::nonBlank),
    JDBC_URL("jdbc.url", "jdbc url", "jdbc:sqlite:data/innopoints-sink.db",
            "Database: jdbc:sqlite:<file> or jdbc:postgresql://host:port/db.", SinkOption::jdbcUrl),
    JDBC_USER("jdbc.user", "string", "",
            "Database user (PostgreSQL).", v -> v),
    JDBC_PASSWORD("jdbc.password", "string", "",
            "Database password (PostgreSQL).", v -> v),
    JDBC_POOL_SIZE("jdbc.pool.size", "int 1..64", "4",
            "Maximum JDBC connections (one writer, the rest serve reads).", v -> intIn(v, 1, 64)),
    HTTP_PORT("http.port", "int 0..65535", "7070",
            "Port of the read API, SSE stream, health and /metrics (0 = any free port).", v -> intIn(v, 0, 65535)),
    POLL_TIMEOUT_MS("poll.timeout.ms", "int 10..60000", "500",
            "Longest wait of one consumer poll.", v -> intIn(v, 10, 60_000)),
    DB_RETRY_MAX_ATTEMPTS("db.retry.max.attempts", "int 1..1000", "10",
            "Attempts to write one batch before the consumer stops with an error (never skips).", v -> intIn(v, 1, 1000)),
    DB_RETRY_BACKOFF_MS("db.retry.backoff.ms", "int 1..60000", "200",
            "First retry delay after a database error; doubles up to 30 s.", v -> intIn(v, 1, 60_000)),
    LAG_ENABLED("lag.enabled", "boolean", "true",
            "Run the consumer-lag monitor for every consumer group of the cluster.", SinkOption::bool),
    LAG_INTERVAL_MS("lag.interval.ms", "int 100..3600000", "10000",
            "Time between two lag samples.", v -> intIn(v, 100, 3_600_000)),
    LAG_WINDOW_SAMPLES("lag.window.samples", "int 2..1000", "10",
            "Samples in the sliding window the group status is evaluated over.", v -> intIn(v, 2, 1000)),
    CONSUME_ENABLED("consume.enabled", "boolean", "true",
            "Run the consumer (false = serve the database read-only).", SinkOption::bool);

    private final String key;
    private final String type;
    private final String defaultValue;
    private final String doc;
    private final Function<String, Object> parser;

    SinkOption(String key, String type, String defaultValue, String doc, Function<String, Object> parser) {
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
        this.doc = doc;
        this.parser = parser;
    }

    public String key() {
        return key;
    }

    public String type() {
        return type;
    }

    /** Empty when the option is required. */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public String doc() {
        return doc;
    }

    /**
     * Environment variable that sets this option: {@code SINK_} + the key upper-cased with dots as underscores
     * (the prefix keeps generic names such as HTTP_PORT from colliding), except the two shared with every app:
     * {@code KAFKA_BOOTSTRAP_SERVERS} and {@code SCHEMA_REGISTRY_URL}.
     */
    public String envName() {
        return switch (this) {
            case BOOTSTRAP_SERVERS -> "KAFKA_BOOTSTRAP_SERVERS";
            case SCHEMA_REGISTRY_URL -> "SCHEMA_REGISTRY_URL";
            default -> "SINK_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
        };
    }

    /** Parses and validates a raw value; the exception message says what is wrong (without the key). */
    Object parse(String raw) {
        return parser.apply(raw.trim());
    }

    public static Optional<SinkOption> byKey(String key) {
        return Arrays.stream(values()).filter(o -> o.key.equals(key)).findFirst();
    }

    /** The README table: | key | env | type | default | description |. */
    public static String markdownTable() {
        StringBuilder out = new StringBuilder("| key | env | type | default | description |\n|---|---|---|---|---|\n");
        for (SinkOption o : values()) {
            out.append("| `").append(o.key).append("` | `").append(o.envName()).append("` | ").append(o.type)
                    .append(" | ").append(o.defaultValue == null ? "(required)"
                            : o.defaultValue.isEmpty() ? "(empty)" : "`" + o.defaultValue + "`")
                    .append(" | ").append(o.doc).append(" |\n");
        }
        return out.toString();
    }

    static List<SinkOption> all() {
        return List.of(values());
    }

    private static Object nonBlank(String v) {
        if (v.isBlank()) {
            throw new IllegalArgumentException("must not be blank");
        }
        return v;
    }

    private static Object url(String v) {
        if (!v.matches("https?://[^\\s/]+(/\\S*)?")) {
            throw new IllegalArgumentException("'" + v + "' is not an http(s) URL");
        }
        return v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
    }

    private static Object jdbcUrl(String v) {
        if (!v.startsWith("jdbc:sqlite:") && !v.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("'" + v + "' is neither jdbc:sqlite:<file> nor jdbc:postgresql://…");
        }
        return v;
    }

    private static Object intIn(String v, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + v + "' is not an integer");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(n + " is outside " + min + ".." + max);
        }
        return n;
    }

    private static Object bool(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("'" + v + "' is not true or false");
        };
    }
}
