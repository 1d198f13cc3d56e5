package io.innopoints.stream.config;

import io.innopoints.schemas.config.CommonOptions;
import io.innopoints.schemas.config.ConfigException;
import io.innopoints.schemas.config.ConfigOption;
import io.innopoints.schemas.config.ConfigSpec;
import io.innopoints.schemas.config.KeyFamily;
import io.innopoints.schemas.config.Parsers;
import io.innopoints.schemas.config.Settings;
import io.innopoints.schemas.topic.TopicCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The scoring-stream configuration, resolved once at start-up and immutable afterwards. Every own option is declared
 * once in {@link #SPEC} (key, environment variable, type, default, validation, doc) with the conventions every
 * InnoPoints app shares ({@link ConfigSpec}: defaults &lt; properties file &lt; environment &lt; flags); the README
 * table is generated from it. Keys {@code kafka.*} pass to Kafka Streams and its clients without the prefix (TLS,
 * SASL, tuning); {@code topic.<default-name>} renames topics.
 */
public record ScoringConfig(String applicationId, String bootstrapServers, String schemaRegistryUrl, String model,
                            String processingGuarantee, Duration commitInterval, String stateDir, int standbyReplicas,
                            int numThreads,
                            String byStageTopic, int stagePartitions, short replicationFactor, Duration rippleInterval, int rippleMaxPerSecond,
                            Duration timeCheckInterval, Duration futureTolerance, long catchUpBacklog,
                            Duration catchUpPublishInterval, int rocksDbMemoryMb, TopicCatalog topics,
                            Map<String, String> kafkaPassthrough) {

    public static final String APPLICATION_ID = "application.id";
    public static final String BOOTSTRAP_SERVERS = CommonOptions.BOOTSTRAP_SERVERS.key();
    public static final String SCHEMA_REGISTRY_URL = CommonOptions.SCHEMA_REGISTRY_URL.key();
    public static final String MODEL = "scoring.model";
    public static final String COMMIT_INTERVAL_MS = "commit.interval.ms";
    public static final String PROCESSING_GUARANTEE = "processing.guarantee";
    /** The commit interval under at-least-once when {@value #COMMIT_INTERVAL_MS} is not set. */
    public static final Duration AT_LEAST_ONCE_COMMIT_INTERVAL = Duration.ofMillis(20);
    public static final String STATE_DIR = "state.dir";
    public static final String STANDBY_REPLICAS = "num.standby.replicas";
    public static final String NUM_THREADS = "num.stream.threads";
    public static final String BY_STAGE_TOPIC = "scoring.by-stage.topic";
    public static final String STAGE_PARTITIONS = "scoring.stage.partitions";
    public static final String REPLICATION_FACTOR = "replication.factor";
    public static final String RIPPLE_INTERVAL_MS = "scoring.ripple.interval.ms";
    public static final String RIPPLE_MAX_PER_SECOND = "scoring.ripple.max.per.second";
    public static final String TIME_CHECK_INTERVAL_MS = "scoring.time.check.interval.ms";
    public static final String FUTURE_TOLERANCE_MS = "scoring.future.tolerance.ms";
    public static final String CATCH_UP_BACKLOG = "scoring.catchup.backlog";
    public static final String CATCH_UP_PUBLISH_INTERVAL_MS = "scoring.catchup.publish.interval.ms";
    public static final String ROCKSDB_MEMORY_MB = "scoring.rocksdb.memory.mb";
    public static final String KAFKA_PREFIX = "kafka.";
    /** The consumers' session timeout unless {@code kafka.consumer.session.timeout.ms} is set. */
    static final int SESSION_TIMEOUT_MS = 10_000;

    static final ConfigOption<String> O_APPLICATION_ID = ConfigOption.of(APPLICATION_ID, "string", "scoring-stream",
            "Kafka Streams application id: consumer group, prefix of internal topics and state directories.",
            Parsers::nonBlank);
    static final ConfigOption<String> O_MODEL = ConfigOption.of(MODEL, "model id or file", "zone-20n",
            "Official scoring model: a built-in id (national-2024, zone-20n, pilot-zone-61) or a model YAML file; an ACTIVATE command "
                    + "on the scoring-models topic overrides it.", Parsers::nonBlank);
    static final ConfigOption<Duration> O_COMMIT_INTERVAL = ConfigOption.of(COMMIT_INTERVAL_MS, "ms 10..60000", "100",
            "Commit interval: everything an enterprise received within one is published once at its end (two hops, "
                    + "so about twice this is the latency floor); also the leaderboard cadence. 20 under "
                    + "at_least_once when not set.",
            Parsers.millis(10, 60_000));
    static final ConfigOption<String> O_PROCESSING_GUARANTEE = ConfigOption.of(PROCESSING_GUARANTEE,
            "exactly_once_v2 | at_least_once", StreamsConfig.EXACTLY_ONCE_V2,
            "exactly_once_v2: nothing is visible before its commit, no duplicates after a crash. at_least_once: "
                    + "a lower median latency (commit interval 20 ms unless set; measured: not a lower p99, and more "
                    + "CPU), but after a crash outputs since the last "
                    + "commit are published again (same revisions: the sink ignores them).",
            raw -> {
                if (!raw.equals(StreamsConfig.EXACTLY_ONCE_V2) && !raw.equals(StreamsConfig.AT_LEAST_ONCE)) {
                    throw new IllegalArgumentException("must be exactly_once_v2 or at_least_once");
                }
                return raw;
            });
    static final ConfigOption<String> O_STATE_DIR = ConfigOption.of(STATE_DIR, "path", "/tmp/kafka-streams",
            "Directory of the local state stores.", Parsers::nonBlank);
    static final ConfigOption<Integer> O_STANDBY_REPLICAS = ConfigOption.of(STANDBY_REPLICAS, "int 0..16", "0",
            "Standby replicas of every state store (faster fail-over).", Parsers.intIn(0, 16));
    static final ConfigOption<Integer> O_NUM_THREADS = ConfigOption.of(NUM_THREADS, "int 1..64", "2",
            "Stream threads per instance (tasks: one per input partition and one per stage partition).",
            Parsers.intIn(1, 64));
    static final ConfigOption<String> O_BY_STAGE_TOPIC = ConfigOption.of(BY_STAGE_TOPIC, "topic name",
            "<application.id>-by-stage",
            "The app's own topic from the profile stage to the rank stage (SCOREs, LEAVEs, HANDOVERs; key = stage): "
                    + "created at start when missing, emptied of what the app has ranked.",
            ScoringConfig::topicName);
    static final ConfigOption<Integer> O_STAGE_PARTITIONS = ConfigOption.of(STAGE_PARTITIONS, "int 1..1024", "8",
            "Partitions of the by-stage topic when the app creates it (ranking parallelism is bounded by the stages).",
            Parsers.intIn(1, 1024));
    static final ConfigOption<Integer> O_REPLICATION_FACTOR = ConfigOption.of(REPLICATION_FACTOR, "int -1..32", "-1",
            "Replication factor of internal topics; -1 = the broker default.", Parsers.intIn(-1, 32));
    static final ConfigOption<Duration> O_RIPPLE_INTERVAL = ConfigOption.of(RIPPLE_INTERVAL_MS, "ms 10..1000", "1000",
            "Cohort-percentile ripple cadence in stream time and wall-clock time (the staleness bound, <= 1 s).",
            Parsers.millis(10, 1000));
    static final ConfigOption<Integer> O_RIPPLE_MAX_PER_SECOND = ConfigOption.of(RIPPLE_MAX_PER_SECOND,
            "int 1..1000000", "500",
            "While stage messages keep arriving, at most this many ripple republications per second and instance, "
                    + "and 100 times as many members checked, shared by its rank tasks (a round then takes longer than "
                    + "the ripple interval); with no input the ripple runs at full speed.",
            Parsers.intIn(1, 1_000_000));
    static final ConfigOption<Duration> O_TIME_CHECK_INTERVAL = ConfigOption.of(TIME_CHECK_INTERVAL_MS, "ms ≥ 1",
            "60000", "Stream-time cadence at which enterprises whose next TIME edge passed are re-evaluated.",
            Parsers.millis(1, Long.MAX_VALUE));
    static final ConfigOption<Duration> O_FUTURE_TOLERANCE = ConfigOption.of(FUTURE_TOLERANCE_MS, "ms ≥ 0", "300000",
            "How far in the future an event time may lie (clock skew) before the record is a dead letter.",
            Parsers.millis(0, Long.MAX_VALUE));
    static final ConfigOption<Long> O_CATCH_UP_BACKLOG = ConfigOption.of(CATCH_UP_BACKLOG, "records ≥ 0", "10000",
            "Input records waiting (this instance's consumer lag on the five input topics) above which it is catching "
                    + "up until the lag is back under a tenth of it: events are folded and stored at every commit, "
                    + "but each enterprise is evaluated and published once the backlog is gone (or per catch-up "
                    + "publish interval). 0 = never.",
            Parsers.longIn(0, Long.MAX_VALUE));
    static final ConfigOption<Duration> O_CATCH_UP_PUBLISH_INTERVAL = ConfigOption.of(CATCH_UP_PUBLISH_INTERVAL_MS,
            "ms 1000..86400000", "600000",
            "While catching up, the longest time between two publications of a changed enterprise (the staleness bound "
                    + "during a catch-up), or four times the last sweep's duration (until the rank stage drained it) "
                    + "when that is longer. Each sweep evaluates, ranks and publishes every enterprise changed since "
                    + "the last: a short interval makes a long catch-up publish the whole population several times. A "
                    + "sweep due while the backlog is expected to be gone within one interval (at the rate it fell "
                    + "over the last 30 s) is left to the catch-up's end.",
            Parsers.millis(1000, 86_400_000));

    static final ConfigOption<Integer> O_ROCKSDB_MEMORY = ConfigOption.of(ROCKSDB_MEMORY_MB, "MiB 16..1048576", "256",
            "Off-heap memory of all RocksDB state stores of the JVM together: one shared block cache with the "
                    + "memtables charged to it (Kafka Streams' default is 50 MB of cache and up to 48 MB of memtables "
                    + "per store partition).",
            Parsers.intIn(16, 1_048_576));

    /** The declaration of every option: environment variables take no prefix ({@code STATE_DIR}, {@code SCORING_MODEL}). */
    public static final ConfigSpec SPEC = new ConfigSpec("scoring-stream", "", List.of(O_APPLICATION_ID,
            CommonOptions.BOOTSTRAP_SERVERS, CommonOptions.SCHEMA_REGISTRY_URL, O_MODEL, O_PROCESSING_GUARANTEE,
            O_COMMIT_INTERVAL, O_STATE_DIR,
            O_STANDBY_REPLICAS, O_NUM_THREADS, O_BY_STAGE_TOPIC, O_STAGE_PARTITIONS, O_REPLICATION_FACTOR,
            O_RIPPLE_INTERVAL,
            O_RIPPLE_MAX_PER_SECOND,
            O_TIME_CHECK_INTERVAL, O_FUTURE_TOLERANCE, O_CATCH_UP_BACKLOG, O_CATCH_UP_PUBLISH_INTERVAL,
            O_ROCKSDB_MEMORY),
            List.of(KeyFamily.kafka("Passed to Kafka Streams and its clients without the prefix (TLS/SASL: "
                    + "`kafka.security.protocol`, …; tuning: `kafka.producer.linger.ms`, …)."), KeyFamily.topics()));

    public ScoringConfig {
        kafkaPassthrough = Map.copyOf(kafkaPassthrough);
    }

    /** Resolves properties and environment (environment wins); throws {@link ConfigException} naming each key. */
    public static ScoringConfig from(Map<String, String> properties, Map<String, String> environment) {
        return from(SPEC.resolve(properties, environment, Map.of()));
    }

    /** Builds the record from resolved settings; throws {@link ConfigException} naming the key. */
    public static ScoringConfig from(Settings s) {
        TopicCatalog topics;
        try {
            topics = TopicCatalog.from(s.raw());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(List.of(e.getMessage()));
        }
        String guarantee = s.get(O_PROCESSING_GUARANTEE);
        Duration commitInterval = !s.raw().containsKey(COMMIT_INTERVAL_MS)
                && guarantee.equals(StreamsConfig.AT_LEAST_ONCE) ? AT_LEAST_ONCE_COMMIT_INTERVAL
                : s.get(O_COMMIT_INTERVAL);
        String applicationId = s.get(O_APPLICATION_ID);
        String byStage = s.get(O_BY_STAGE_TOPIC).replace("<application.id>", applicationId);
        if (!TopicCatalog.LEGAL_NAME.matcher(byStage).matches()) {
            throw new ConfigException(List.of(BY_STAGE_TOPIC + ": '" + byStage
                    + "' is not a legal topic name (1-249 of [a-zA-Z0-9._-])"));
        }
        return new ScoringConfig(applicationId, s.get(CommonOptions.BOOTSTRAP_SERVERS),
                s.get(CommonOptions.SCHEMA_REGISTRY_URL), s.get(O_MODEL), guarantee, commitInterval, s.get(O_STATE_DIR),
                s.get(O_STANDBY_REPLICAS), s.get(O_NUM_THREADS), byStage, s.get(O_STAGE_PARTITIONS),
                s.get(O_REPLICATION_FACTOR).shortValue(), s.get(O_RIPPLE_INTERVAL), s.get(O_RIPPLE_MAX_PER_SECOND),
                s.get(O_TIME_CHECK_INTERVAL),
                s.get(O_FUTURE_TOLERANCE), s.get(O_CATCH_UP_BACKLOG), s.get(O_CATCH_UP_PUBLISH_INTERVAL),
                s.get(O_ROCKSDB_MEMORY), topics,
                s.withPrefix(KAFKA_PREFIX));
    }

    private static String topicName(String raw) {
        String name = raw.strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("must not be blank");
        }
        return name;
    }

    /** Properties of an admin client of this app's cluster: the passthrough (TLS, SASL, ...) and the bootstrap servers. */
    public Properties adminProperties() {
        Properties p = new Properties();
        p.putAll(kafkaPassthrough);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return p;
    }

    /**
     * Kafka Streams properties: {@code max.task.idle.ms} -1, a consumer session timeout of 10 s and transactional
     * state stores (all overridable), the passthrough, then the own settings (guarantee included) and no optimization.
     */
    public Properties streamsProperties() {
        Properties p = new Properties();
        // no waiting for empty input partitions to synchronize stream time across topics: the result does not depend
        // on arrival order (the oracle ITs), and the idle check formatted log strings for every record it delayed
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        // a crashed instance's tasks move (or its restart is let in) once the group gives up on it: the consumer's
        // default 45 s alone would exceed the 60 s a restart may take (kafka.consumer.session.timeout.ms overrides)
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), SESSION_TIMEOUT_MS);
        // stores stage their writes until the changelog transaction commits (KIP-892), so under exactly-once a crash
        // no longer wipes the local state: a restart restores the changelog tail instead of every record
        p.put(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, true);
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class);
        p.putAll(kafkaPassthrough);
        p.put(BoundedRocksDb.MEMORY_BYTES, (long) rocksDbMemoryMb << 20);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, numThreads);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replicationFactor);
        // the topology names every store and topic itself; no optimization may rename or merge them
        p.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.NO_OPTIMIZATION);
        return p;
    }
}
