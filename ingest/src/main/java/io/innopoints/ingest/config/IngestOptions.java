package io.innopoints.ingest.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * The ingest service's own options, each declared exactly once (key, environment variable, type, default, doc,
 * parser). {@link #markdownTable()} renders them for the README; prefixed pass-through keys ({@code kafka.*},
 * {@code topic.*}, {@code provider.*}) are documented in {@link #PREFIXES}.
 */
public final class IngestOptions {
    public static final ConfigOption<String> BOOTSTRAP_SERVERS = new ConfigOption<>("bootstrap.servers",
            "KAFKA_BOOTSTRAP_SERVERS", "host:port list", "localhost:9092",
            "Kafka brokers the producer connects to.", IngestOptions::nonBlank);
    public static final ConfigOption<URI> SCHEMA_REGISTRY_URL = new ConfigOption<>("schema.registry.url",
            "SCHEMA_REGISTRY_URL", "URL", "http://localhost:8081",
            "Confluent-compatible schema registry for the Avro serde.", IngestOptions::httpUrl);
    public static final ConfigOption<String> HTTP_HOST = new ConfigOption<>("http.host", "HTTP_HOST", "host",
            "0.0.0.0", "Interface the REST API listens on.", IngestOptions::nonBlank);
    public static final ConfigOption<Integer> HTTP_PORT = new ConfigOption<>("http.port", "HTTP_PORT", "int 0-65535",
            "8080", "Port of the REST API (0 = any free port).", range(0, 65535));
    public static final ConfigOption<Long> HTTP_MAX_BODY_BYTES = new ConfigOption<>("http.max-body-bytes",
            "HTTP_MAX_BODY_BYTES", "bytes", "1048576",
            "Largest accepted request body; larger ones get 413.", longRange(1024, 256L * 1024 * 1024));
    public static final ConfigOption<Integer> BATCH_MAX_RECORDS = new ConfigOption<>("batch.max-records",
            "BATCH_MAX_RECORDS", "int", "500", "Most records in one `:batch` request; more get 413.", range(1, 100_000));
    public static final ConfigOption<Double> RATE_REQUESTS_PER_SECOND = new ConfigOption<>(
            "rate.requests-per-second", "RATE_REQUESTS_PER_SECOND", "decimal", "200",
            "Sustained requests per second allowed per provider; beyond it 429 with Retry-After.",
            s -> positiveDouble(s));
    public static final ConfigOption<Integer> RATE_BURST = new ConfigOption<>("rate.burst", "RATE_BURST", "int", "400",
            "Requests a provider may send at once above the sustained rate.", range(1, 1_000_000));
    public static final ConfigOption<Integer> MAX_IN_FLIGHT_RECORDS = new ConfigOption<>("ingest.max-in-flight-records",
            "INGEST_MAX_IN_FLIGHT_RECORDS", "int", "20000",
            "Records awaiting a broker acknowledgement across all requests; beyond it 429 (keeps memory flat under overload).",
            range(1, 10_000_000));
    public static final ConfigOption<Duration> FUTURE_TOLERANCE = new ConfigOption<>("validation.future-tolerance",
            "VALIDATION_FUTURE_TOLERANCE", "ISO-8601 duration", "PT5M",
            "How far in the future event times and occurrence dates may lie (clock skew).", IngestOptions::nonNegativeDuration);
    public static final ConfigOption<Integer> IDEMPOTENCY_CACHE_SIZE = new ConfigOption<>("idempotency.cache-size",
            "IDEMPOTENCY_CACHE_SIZE", "int", "20000",
            "Recently accepted eventIds remembered per provider to answer resends as duplicates (0 = off).",
            range(0, 10_000_000));
    public static final ConfigOption<Duration> PUBLISH_TIMEOUT = new ConfigOption<>("publish.timeout", "PUBLISH_TIMEOUT",
            "ISO-8601 duration", "PT30S",
            "Longest wait for the broker's acknowledgement before answering 503 (also the producer's delivery.timeout.ms).",
            IngestOptions::positiveDuration);
    public static final ConfigOption<Integer> LOAD_BATCH_SIZE = new ConfigOption<>("load.batch-size", "LOAD_BATCH_SIZE",
            "int", "1000", "Records the bulk loader sends before it waits for acknowledgements and writes its checkpoint.",
            range(1, 1_000_000));

    /** Every declared option, in README order. */
    public static final List<ConfigOption<?>> ALL = List.of(BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL, HTTP_HOST, HTTP_PORT,
            HTTP_MAX_BODY_BYTES, BATCH_MAX_RECORDS, RATE_REQUESTS_PER_SECOND, RATE_BURST, MAX_IN_FLIGHT_RECORDS,
            FUTURE_TOLERANCE, IDEMPOTENCY_CACHE_SIZE, PUBLISH_TIMEOUT, LOAD_BATCH_SIZE);

    /** Pass-through key families: pattern, environment form, meaning. */
    public static final List<List<String>> PREFIXES = List.of(
            List.of("kafka.<producer property>", "KAFKA_<PROPERTY>",
                    "Passed to the Kafka producer without the prefix (TLS/SASL: `kafka.security.protocol`, `kafka.sasl.jaas.config`, …)."),
            List.of("topic.<default-name>", "TOPIC_<DEFAULT_NAME>",
                    "Overrides a topic name, e.g. `topic.patent-events=pilot.patent-events`."),
            List.of("provider.<id>.token-sha256", "PROVIDER_<ID>_TOKEN_SHA256",
                    "Comma-separated SHA-256 hex hashes of the provider's API tokens (several allow rotation)."),
            List.of("provider.<id>.event-types", "PROVIDER_<ID>_EVENT_TYPES",
                    "Comma-separated event types the provider may publish (`registrations`, `patents`, `tech-contracts`, `tax-filings`, `credentials`)."));

    private IngestOptions() {
    }

    /** The README's configuration table, rendered from the declarations. */
    public static String markdownTable() {
        StringBuilder out = new StringBuilder();
        out.append("| key | environment | type | default | meaning |\n|---|---|---|---|---|\n");
        for (ConfigOption<?> o : ALL) {
            out.append("| `").append(o.key()).append("` | `").append(o.env()).append("` | ").append(o.type())
                    .append(" | `").append(o.defaultValue()).append("` | ").append(o.doc()).append(" |\n");
        }
        for (List<String> p : PREFIXES) {
            out.append("| `").append(p.get(0)).append("` | `").append(p.get(1)).append("` | string | — | ")
                    .append(p.get(2)).append(" |\n");
        }
        return out.toString();
    }

    private static String nonBlank(String s) {
        if (s.isBlank()) {
            throw new IllegalArgumentException("must not be blank");
        }
        return s;
    }

    private static URI httpUrl(String s) {
        URI uri = URI.create(s);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("expected an http(s) URL with a host");
        }
        return uri;
    }

    private static Function<String, Integer> range(int min, int max) {
        return s -> {
            int v = Integer.parseInt(s);
            if (v < min || v > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return v;
        };
    }

    private static Function<String, Long> longRange(long min, long max) {
        return s -> {
            long v = Long.parseLong(s);
            if (v < min || v > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return v;
        };
    }

    private static double positiveDouble(String s) {
        double v = Double.parseDouble(s);
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("must be a positive finite number");
        }
        return v;
    }

    private static Duration nonNegativeDuration(String s) {
        Duration d = Duration.parse(s);
        if (d.isNegative()) {
            throw new IllegalArgumentException("must not be negative");
        }
        return d;
    }

    private static Duration positiveDuration(String s) {
        Duration d = Duration.parse(s);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("must be positive");
        }
        return d;
    }
}
