package io.innopoints.sink.config;

import io.innopoints.schemas.config.CommonOptions;
import io.innopoints.schemas.config.ConfigOption;
import io.innopoints.schemas.config.ConfigSpec;
import io.innopoints.schemas.config.KeyFamily;
import io.innopoints.schemas.config.Parsers;
import java.time.Duration;
import java.util.List;

/**
 * Every own option of the ranking-sink, declared once (key, type, default, doc, validation) with the conventions
 * every InnoPoints app shares ({@link ConfigSpec}). Environment variables are {@code SINK_} + the key
 * ({@code SINK_JDBC_URL}; the prefix keeps generic names such as HTTP_PORT from colliding), except the two every app
 * shares: {@code KAFKA_BOOTSTRAP_SERVERS} and {@code SCHEMA_REGISTRY_URL}. The README table is generated from
 * {@link #SPEC}.
 */
public final class SinkOptions {
    public static final ConfigOption<String> BOOTSTRAP_SERVERS = CommonOptions.BOOTSTRAP_SERVERS;
    public static final ConfigOption<String> SCHEMA_REGISTRY_URL = CommonOptions.SCHEMA_REGISTRY_URL
            .withDefault("http://localhost:8081");
    public static final ConfigOption<String> GROUP_ID = ConfigOption.of("group.id", "string", "innopoints-ranking-sink",
            "Consumer group id; also the key of the offsets stored in the database.", Parsers::nonBlank);
    public static final ConfigOption<String> JDBC_URL = ConfigOption.of("jdbc.url", "jdbc url",
            "jdbc:sqlite:data/innopoints-sink.db", "Database: jdbc:sqlite:<file> or jdbc:postgresql://host:port/db.",
            SinkOptions::jdbcUrl);
    public static final ConfigOption<String> JDBC_USER = ConfigOption.of("jdbc.user", "string", "",
            "Database user (PostgreSQL).", Parsers::text);
    public static final ConfigOption<String> JDBC_PASSWORD = ConfigOption.of("jdbc.password", "string", "",
            "Database password (PostgreSQL).", Parsers::text);
    public static final ConfigOption<Integer> JDBC_POOL_SIZE = ConfigOption.of("jdbc.pool.size", "int 1..64", "4",
            "Maximum JDBC connections (one writer, the rest serve reads).", Parsers.intIn(1, 64));
    public static final ConfigOption<Integer> HTTP_PORT = ConfigOption.of("http.port", "int 0..65535", "7070",
            "Port of the read API, SSE stream, health and /metrics (0 = any free port).", Parsers.intIn(0, 65535));
    public static final ConfigOption<Duration> POLL_TIMEOUT_MS = ConfigOption.of("poll.timeout.ms", "ms 10..60000",
            "500", "Longest wait of one consumer poll.", Parsers.millis(10, 60_000));
    public static final ConfigOption<Integer> DB_RETRY_MAX_ATTEMPTS = ConfigOption.of("db.retry.max.attempts",
            "int 1..1000", "10", "Attempts to write one batch before the consumer stops with an error (never skips).",
            Parsers.intIn(1, 1000));
    public static final ConfigOption<Duration> DB_RETRY_BACKOFF_MS = ConfigOption.of("db.retry.backoff.ms",
            "ms 1..60000", "200", "First retry delay after a database error; doubles up to 30 s.",
            Parsers.millis(1, 60_000));
    public static final ConfigOption<Boolean> LAG_ENABLED = ConfigOption.of("lag.enabled", "boolean", "true",
            "Run the consumer-lag monitor for every consumer group of the cluster.", Parsers::bool);
    public static final ConfigOption<Duration> LAG_INTERVAL_MS = ConfigOption.of("lag.interval.ms", "ms 100..3600000",
            "10000", "Time between two lag samples.", Parsers.millis(100, 3_600_000));
    public static final ConfigOption<Integer> LAG_WINDOW_SAMPLES = ConfigOption.of("lag.window.samples", "int 2..1000",
            "10", "Samples in the sliding window the group status is evaluated over.", Parsers.intIn(2, 1000));
    public static final ConfigOption<Boolean> CONSUME_ENABLED = ConfigOption.of("consume.enabled", "boolean", "true",
            "Run the consumer (false = serve the database read-only).", Parsers::bool);
    public static final ConfigOption<String> WHATIF_MODEL_FILES = ConfigOption.of("whatif.model.files", "paths", "",
            "Comma-separated scoring-model YAML files for what-if and the dashboard, besides the built-in models.",
            Parsers::text);

    public static final ConfigSpec SPEC = new ConfigSpec("ranking-sink", "SINK_", List.of(BOOTSTRAP_SERVERS,
            SCHEMA_REGISTRY_URL, GROUP_ID, JDBC_URL, JDBC_USER, JDBC_PASSWORD, JDBC_POOL_SIZE, HTTP_PORT,
            POLL_TIMEOUT_MS, DB_RETRY_MAX_ATTEMPTS, DB_RETRY_BACKOFF_MS, LAG_ENABLED, LAG_INTERVAL_MS,
            LAG_WINDOW_SAMPLES, CONSUME_ENABLED, WHATIF_MODEL_FILES),
            List.of(KeyFamily.kafka("Passed to every Kafka client (consumer, lag admin) without the prefix "
                    + "(TLS/SASL: `kafka.security.protocol`, …)."), KeyFamily.topics()));

    private SinkOptions() {
    }

    private static String jdbcUrl(String v) {
        if (!v.startsWith("jdbc:sqlite:") && !v.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("is neither jdbc:sqlite:<file> nor jdbc:postgresql://…");
        }
        return v;
    }
}
