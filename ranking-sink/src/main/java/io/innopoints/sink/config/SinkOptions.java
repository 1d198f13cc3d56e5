package io.innopoints.sink.config;

import io.innopoints.schemas.config.CommonOptions;
import io.innopoints.schemas.config.ConfigOption;
import io.innopoints.schemas.config.ConfigSpec;
import io.innopoints.schemas.config.KeyFamily;
import io.innopoints.schemas.config.Parsers;
import io.innopoints.sink.credit.CreditProgrammes;
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
    public static final ConfigOption<Boolean> ACCESS_METRICS_PUBLIC = ConfigOption.of("access.metrics.public", "boolean",
            "true", "Serve /metrics without a token (false = zone admins and operators only).", Parsers::bool);
    public static final ConfigOption<String> ACCESS_JWT_JWKS_URL = ConfigOption.of("access.jwt.jwks.url", "URL", "",
            "JWKS URL of the identity provider; set = JWT bearer tokens are accepted besides the static tokens.",
            v -> v.isEmpty() ? v : Parsers.httpUrl(v).toString());
    public static final ConfigOption<String> ACCESS_JWT_ISSUER = ConfigOption.of("access.jwt.issuer", "string", "",
            "Required `iss` of a JWT (required when `access.jwt.jwks.url` is set).", Parsers::text);
    public static final ConfigOption<String> ACCESS_JWT_AUDIENCE = ConfigOption.of("access.jwt.audience", "string", "",
            "Required `aud` of a JWT (empty = not checked).", Parsers::text);
    public static final ConfigOption<Duration> ACCESS_JWT_CLOCK_SKEW_MS = ConfigOption.of("access.jwt.clock.skew.ms",
            "ms 0..600000", "60000", "Clock skew tolerated on a JWT's `exp` and `nbf`.", Parsers.millis(0, 600_000));
    public static final ConfigOption<String> ACCESS_JWT_ALGORITHMS = ConfigOption.of("access.jwt.algorithms",
            "list", "RS256,ES256", "JWS algorithms accepted, comma-separated (e.g. RS256,PS256,ES256,ES384).",
            SinkOptions::algorithms);
    public static final ConfigOption<String> ACCESS_JWT_CLAIM_ROLE = ConfigOption.of("access.jwt.claim.role", "string",
            "innopoints_role", "JWT claim with the role (zone-admin, operator, bank, enterprise, public).",
            Parsers::nonBlank);
    public static final ConfigOption<String> ACCESS_JWT_CLAIM_ZONES = ConfigOption.of("access.jwt.claim.zones",
            "string", "innopoints_zones", "JWT claim with a zone admin's zones (array or comma-separated; `*` = all).",
            Parsers::nonBlank);
    public static final ConfigOption<String> ACCESS_JWT_CLAIM_BANK = ConfigOption.of("access.jwt.claim.bank", "string",
            "innopoints_bank", "JWT claim with a bank's id (matched against enterprises' consents).", Parsers::nonBlank);
    public static final ConfigOption<String> ACCESS_JWT_CLAIM_CREDIT_CODE = ConfigOption.of(
            "access.jwt.claim.credit.code", "string", "innopoints_credit_code",
            "JWT claim with an enterprise's credit code.", Parsers::nonBlank);
    public static final ConfigOption<Boolean> CREDIT_EVENTS_ENABLED = ConfigOption.of("credit.events.enabled", "boolean",
            "true", "Publish entries/exits of the credit programmes' live candidate lists to `credit-list-changes` "
                    + "(one instance per database).", Parsers::bool);
    public static final ConfigOption<Duration> CREDIT_REFRESH_MS = ConfigOption.of("credit.refresh.ms", "ms 100..3600000",
            "5000", "Longest time between a committed batch and the credit lists' recomputation.",
            Parsers.millis(100, 3_600_000));
    public static final ConfigOption<String> RELEASE_REPORT_FONT = ConfigOption.of("release.report.font", "path", "",
            "TrueType font or collection for the period releases' PDF report (e.g. "
                    + "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc, for Chinese names); empty = Helvetica, "
                    + "which prints Chinese as `?`.", SinkOptions::fontFile);

    public static final ConfigOption<Integer> INGEST_REJECTIONS_RETENTION_DAYS = ConfigOption.of(
            "ingest.rejections.retention.days", "int 0..3650", "90", "Days an ingest dead letter stays in the database "
                    + "(by its rejection time; pruned hourly by the consuming instance); 0 = keep forever.",
            Parsers.intIn(0, 3650));

    public static final String PRINCIPAL = "principal";
    public static final List<String> PRINCIPAL_ATTRIBUTES = List.of("token-sha256", "role", "zones", "bank", "credit-code");

    public static final ConfigSpec SPEC = new ConfigSpec("ranking-sink", "SINK_", List.of(BOOTSTRAP_SERVERS,
            SCHEMA_REGISTRY_URL, GROUP_ID, JDBC_URL, JDBC_USER, JDBC_PASSWORD, JDBC_POOL_SIZE, HTTP_PORT,
            POLL_TIMEOUT_MS, DB_RETRY_MAX_ATTEMPTS, DB_RETRY_BACKOFF_MS, LAG_ENABLED, LAG_INTERVAL_MS,
            LAG_WINDOW_SAMPLES, CONSUME_ENABLED, WHATIF_MODEL_FILES, ACCESS_METRICS_PUBLIC, ACCESS_JWT_JWKS_URL,
            ACCESS_JWT_ISSUER, ACCESS_JWT_AUDIENCE, ACCESS_JWT_CLOCK_SKEW_MS, ACCESS_JWT_ALGORITHMS, ACCESS_JWT_CLAIM_ROLE,
            ACCESS_JWT_CLAIM_ZONES, ACCESS_JWT_CLAIM_BANK, ACCESS_JWT_CLAIM_CREDIT_CODE, CREDIT_EVENTS_ENABLED,
            CREDIT_REFRESH_MS, INGEST_REJECTIONS_RETENTION_DAYS, RELEASE_REPORT_FONT),
            families());

    private static List<KeyFamily> families() {
        List<KeyFamily> families = new java.util.ArrayList<>(List.of(KeyFamily.kafka("Passed to every Kafka client (consumer, lag admin) without the prefix "
                    + "(TLS/SASL: `kafka.security.protocol`, …)."), KeyFamily.topics(),
                    KeyFamily.perId(PRINCIPAL, "SINK_PRINCIPAL", "token-sha256", "Comma-separated SHA-256 hex hashes "
                            + "of a principal's static bearer tokens (`ranking-sink.jar token-hash <token>`; several allow rotation)."),
                    KeyFamily.perId(PRINCIPAL, "SINK_PRINCIPAL", "role", "The principal's role: `zone-admin`, "
                            + "`operator`, `bank`, `enterprise` or `public`."),
                    KeyFamily.perId(PRINCIPAL, "SINK_PRINCIPAL", "zones", "A zone admin's zones, comma-separated "
                            + "(`*` = every zone)."),
                    KeyFamily.perId(PRINCIPAL, "SINK_PRINCIPAL", "bank", "A bank's id (what enterprises grant consent to)."),
                    KeyFamily.perId(PRINCIPAL, "SINK_PRINCIPAL", "credit-code", "An enterprise's credit code.")));
        families.addAll(CreditProgrammes.keyFamilies("SINK_CREDIT"));
        return families;
    }

    private SinkOptions() {
    }

    private static String algorithms(String v) {
        for (String a : v.split(",")) {
            if (!a.trim().matches("(RS|PS|ES)(256|384|512)|EdDSA|Ed25519")) {
                throw new IllegalArgumentException("'" + a.trim() + "' is not an asymmetric JWS algorithm (RS256, PS256, ES256, …)");
            }
        }
        return v;
    }

    private static String fontFile(String v) {
        if (!v.isEmpty() && !java.nio.file.Files.isRegularFile(java.nio.file.Path.of(v))) {
            throw new IllegalArgumentException("'" + v + "' is not a readable font file");
        }
        return v;
    }

    private static String jdbcUrl(String v) {
        if (!v.startsWith("jdbc:sqlite:") && !v.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("is neither jdbc:sqlite:<file> nor jdbc:postgresql://…");
        }
        return v;
    }
}
