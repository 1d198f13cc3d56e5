package io.innopoints.stream.config;

import io.innopoints.schemas.topic.TopicCatalog;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The scoring-stream configuration, parsed once at start-up from properties and environment variables and
 * immutable afterwards. Every own option is declared once in {@link #DEFINITION} (key, type, default, validation,
 * doc); the README table is checked against it. Keys starting with {@code kafka.} are passed to Kafka Streams and
 * its clients without the prefix (TLS, SASL, tuning); {@code topic.<default-name>} keys rename topics.
 *
 * <p>Environment: a variable maps to the key by lower-casing it and turning {@code _} into {@code .}
 * ({@code SCORING_MODEL} → {@code scoring.model}); {@code KAFKA_*} variables are Kafka passthrough
 * ({@code KAFKA_BOOTSTRAP_SERVERS} → {@code bootstrap.servers}, {@code KAFKA_SECURITY_PROTOCOL} →
 * {@code security.protocol}). Precedence: defaults &lt; properties &lt; environment.
 */
public record ScoringConfig(String applicationId, String bootstrapServers, String schemaRegistryUrl, String model,
                            Duration commitInterval, String stateDir, int standbyReplicas, int numThreads,
                            int stagePartitions, short replicationFactor, Duration rippleInterval,
                            Duration timeCheckInterval, Duration futureTolerance, TopicCatalog topics,
                            Map<String, String> kafkaPassthrough) {

    public static final String APPLICATION_ID = "application.id";
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String MODEL = "scoring.model";
    public static final String COMMIT_INTERVAL_MS = "commit.interval.ms";
    public static final String STATE_DIR = "state.dir";
    public static final String STANDBY_REPLICAS = "num.standby.replicas";
    public static final String NUM_THREADS = "num.stream.threads";
    public static final String STAGE_PARTITIONS = "scoring.stage.partitions";
    public static final String REPLICATION_FACTOR = "replication.factor";
    public static final String RIPPLE_INTERVAL_MS = "scoring.ripple.interval.ms";
    public static final String TIME_CHECK_INTERVAL_MS = "scoring.time.check.interval.ms";
    public static final String FUTURE_TOLERANCE_MS = "scoring.future.tolerance.ms";
    public static final String KAFKA_PREFIX = "kafka.";

    /** The declaration of every own option. */
    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(APPLICATION_ID, Type.STRING, "scoring-stream", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Kafka Streams application id: consumer group, prefix of internal topics and state directories.")
            .define(BOOTSTRAP_SERVERS, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Kafka bootstrap servers, host:port[,host:port].")
            .define(SCHEMA_REGISTRY_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Schema registry URL(s), comma-separated.")
            .define(MODEL, Type.STRING, "zone-20n", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Official scoring model: a built-in id (national-2024, zone-20n) or a model YAML file; "
                            + "an ACTIVATE command on the scoring-models topic overrides it.")
            .define(COMMIT_INTERVAL_MS, Type.LONG, 1000L, Range.between(10L, 60_000L), Importance.MEDIUM,
                    "Commit interval; also the cadence at which leaderboards are coalesced and published.")
            .define(STATE_DIR, Type.STRING, "/tmp/kafka-streams",
                    new ConfigDef.NonEmptyString(), Importance.MEDIUM, "Directory of the local state stores.")
            .define(STANDBY_REPLICAS, Type.INT, 0, Range.atLeast(0), Importance.MEDIUM,
                    "Standby replicas of every state store (faster fail-over).")
            .define(NUM_THREADS, Type.INT, 1, Range.between(1, 64), Importance.MEDIUM, "Stream threads per instance.")
            .define(STAGE_PARTITIONS, Type.INT, 8, Range.between(1, 1024), Importance.MEDIUM,
                    "Partitions of the by-stage repartition topic (ranking parallelism is bounded by the stages).")
            .define(REPLICATION_FACTOR, Type.SHORT, (short) -1, Importance.MEDIUM,
                    "Replication factor of internal topics; -1 = the broker default.")
            .define(RIPPLE_INTERVAL_MS, Type.LONG, 1000L, Range.between(10L, 1000L), Importance.LOW,
                    "Cohort-percentile ripple cadence in stream time and wall-clock time (the staleness bound, <= 1 s).")
            .define(TIME_CHECK_INTERVAL_MS, Type.LONG, 60_000L, Range.atLeast(1L), Importance.LOW,
                    "Stream-time cadence at which enterprises whose next TIME edge passed are re-evaluated.")
            .define(FUTURE_TOLERANCE_MS, Type.LONG, 300_000L, Range.atLeast(0L), Importance.LOW,
                    "How far in the future an event time may lie (clock skew) before the record is a dead letter.");

    public ScoringConfig {
        kafkaPassthrough = Map.copyOf(kafkaPassthrough);
    }

    /** Parses properties and environment (env wins); throws {@link ConfigException} naming the key. */
    public static ScoringConfig from(Map<String, String> properties, Map<String, String> environment) {
        Map<String, String> merged = new LinkedHashMap<>(properties);
        Map<String, String> passthrough = new HashMap<>();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            if (e.getKey().startsWith(KAFKA_PREFIX)) {
                passthrough.put(e.getKey().substring(KAFKA_PREFIX.length()), e.getValue());
            }
        }
        for (Map.Entry<String, String> e : environment.entrySet()) {
            String key = e.getKey().toLowerCase().replace('_', '.');
            if (DEFINITION.names().contains(key) || key.startsWith("topic.")) {
                merged.put(key.startsWith("topic.") ? "topic." + key.substring(6).replace('.', '-') : key,
                        e.getValue());
            } else if (key.startsWith(KAFKA_PREFIX)) {
                String kafkaKey = key.substring(KAFKA_PREFIX.length());
                if (DEFINITION.names().contains(kafkaKey)) {
                    merged.put(kafkaKey, e.getValue());
                } else {
                    passthrough.put(kafkaKey, e.getValue());
                }
            }
        }
        Map<String, Object> parsed = DEFINITION.parse(merged);
        String modelSpec = (String) parsed.get(MODEL);
        TopicCatalog topics;
        try {
            topics = TopicCatalog.from(merged);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        return new ScoringConfig((String) parsed.get(APPLICATION_ID), (String) parsed.get(BOOTSTRAP_SERVERS),
                (String) parsed.get(SCHEMA_REGISTRY_URL), modelSpec,
                Duration.ofMillis((Long) parsed.get(COMMIT_INTERVAL_MS)), (String) parsed.get(STATE_DIR),
                (Integer) parsed.get(STANDBY_REPLICAS), (Integer) parsed.get(NUM_THREADS),
                (Integer) parsed.get(STAGE_PARTITIONS), (Short) parsed.get(REPLICATION_FACTOR),
                Duration.ofMillis((Long) parsed.get(RIPPLE_INTERVAL_MS)),
                Duration.ofMillis((Long) parsed.get(TIME_CHECK_INTERVAL_MS)),
                Duration.ofMillis((Long) parsed.get(FUTURE_TOLERANCE_MS)), topics, passthrough);
    }

    /** Kafka Streams properties: exactly-once v2, the own settings, then the passthrough. */
    public Properties streamsProperties() {
        Properties p = new Properties();
        p.putAll(kafkaPassthrough);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, numThreads);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replicationFactor);
        // the topology names every store and topic itself; no optimization may rename or merge them
        p.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.NO_OPTIMIZATION);
        return p;
    }

    /** The README table rows (key | type | default | doc), in declaration order. */
    public static List<String> markdownRows() {
        return DEFINITION.configKeys().values().stream()
                .map(k -> "| `" + k.name + "` | " + k.type.name().toLowerCase() + " | "
                        + (k.hasDefault() ? (k.defaultValue == null ? "" : "`" + ConfigDef.convertToString(
                        k.defaultValue, k.type) + "`") : "(required)") + " | " + k.documentation + " |")
                .toList();
    }
}
