package io.innopoints.ingest.config;

import io.innopoints.schemas.config.CommonOptions;
import io.innopoints.schemas.config.ConfigOption;
import io.innopoints.schemas.config.ConfigSpec;
import io.innopoints.schemas.config.KeyFamily;
import io.innopoints.schemas.config.Parsers;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The ingest service's own options, each declared exactly once (key, type, default, doc, validation) with the
 * conventions every InnoPoints app shares ({@link ConfigSpec}); environment variables take no prefix
 * ({@code HTTP_PORT}). Besides them: {@code kafka.*} producer pass-through, {@code topic.*} renames and the provider
 * grants {@code provider.<id>.token-sha256|event-types}. The README table is generated from {@link #SPEC}.
 */
public final class IngestOptions {
    public static final ConfigOption<String> BOOTSTRAP_SERVERS = CommonOptions.BOOTSTRAP_SERVERS
            .withDefault("localhost:9092");
    public static final ConfigOption<String> SCHEMA_REGISTRY_URL = CommonOptions.SCHEMA_REGISTRY_URL
            .withDefault("http://localhost:8081");
    public static final ConfigOption<String> HTTP_HOST = ConfigOption.of("http.host", "host", "0.0.0.0",
            "Interface the REST API listens on.", Parsers::nonBlank);
    public static final ConfigOption<Integer> HTTP_PORT = ConfigOption.of("http.port", "int 0..65535", "8080",
            "Port of the REST API (0 = any free port).", Parsers.intIn(0, 65535));
    public static final ConfigOption<Long> HTTP_MAX_BODY_BYTES = ConfigOption.of("http.max-body-bytes",
            "bytes 1024..268435456", "1048576", "Largest accepted request body; larger ones get 413.",
            Parsers.longIn(1024, 256L * 1024 * 1024));
    public static final ConfigOption<Integer> BATCH_MAX_RECORDS = ConfigOption.of("batch.max-records",
            "int 1..100000", "500", "Most records in one `:batch` request; more get 413.", Parsers.intIn(1, 100_000));
    public static final ConfigOption<Double> RATE_REQUESTS_PER_SECOND = ConfigOption.of("rate.requests-per-second",
            "decimal > 0", "200", "Sustained requests per second allowed per provider; beyond it 429 with Retry-After.",
            Parsers::positiveDouble);
    public static final ConfigOption<Integer> RATE_BURST = ConfigOption.of("rate.burst", "int 1..1000000", "400",
            "Requests a provider may send at once above the sustained rate.", Parsers.intIn(1, 1_000_000));
    public static final ConfigOption<Integer> MAX_IN_FLIGHT_RECORDS = ConfigOption.of("ingest.max-in-flight-records",
            "int 1..10000000", "20000",
            "Records awaiting a broker acknowledgement across all requests; beyond it 429 (keeps memory flat under overload).",
            Parsers.intIn(1, 10_000_000));
    public static final ConfigOption<Duration> FUTURE_TOLERANCE = ConfigOption.of("validation.future-tolerance",
            "ISO-8601 duration", "PT5M",
            "How far in the future event times and occurrence dates may lie (clock skew).",
            Parsers.isoDuration(Duration.ZERO));
    public static final ConfigOption<Integer> IDEMPOTENCY_CACHE_SIZE = ConfigOption.of("idempotency.cache-size",
            "int 0..10000000", "20000",
            "Recently accepted eventIds remembered per provider to answer resends as duplicates (0 = off).",
            Parsers.intIn(0, 10_000_000));
    public static final ConfigOption<Duration> PUBLISH_TIMEOUT = ConfigOption.of("publish.timeout",
            "ISO-8601 duration", "PT30S",
            "Longest wait for the broker's acknowledgement before answering 503 (also the producer's delivery.timeout.ms).",
            Parsers.isoDuration(Duration.ofMillis(1)));
    public static final ConfigOption<Integer> LOAD_BATCH_SIZE = ConfigOption.of("load.batch-size", "int 1..1000000",
            "1000", "Records the bulk loader sends before it waits for acknowledgements and writes its checkpoint.",
            Parsers.intIn(1, 1_000_000));

    static final Pattern PROVIDER_KEY = Pattern.compile("provider\\.([a-z0-9][a-z0-9._-]{0,63})\\.(token-sha256|event-types)");
    public static final ConfigSpec SPEC = new ConfigSpec("ingest", "", List.of(BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL,
            HTTP_HOST, HTTP_PORT, HTTP_MAX_BODY_BYTES, BATCH_MAX_RECORDS, RATE_REQUESTS_PER_SECOND, RATE_BURST,
            MAX_IN_FLIGHT_RECORDS, FUTURE_TOLERANCE, IDEMPOTENCY_CACHE_SIZE, PUBLISH_TIMEOUT, LOAD_BATCH_SIZE),
            List.of(KeyFamily.kafka("Passed to the Kafka producer without the prefix (TLS/SASL: "
                            + "`kafka.security.protocol`, `kafka.sasl.jaas.config`, …)."),
                    KeyFamily.topics(),
                    KeyFamily.perId("provider", "PROVIDER", "token-sha256",
                            "Comma-separated SHA-256 hex hashes of the provider's API tokens (several allow rotation)."),
                    KeyFamily.perId("provider", "PROVIDER", "event-types", "Comma-separated event types the provider may publish "
                            + "(`registrations`, `patents`, `tech-contracts`, `tax-filings`, `credentials`).")));

    private IngestOptions() {
    }
}
