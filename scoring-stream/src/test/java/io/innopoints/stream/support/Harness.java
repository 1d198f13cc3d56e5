package io.innopoints.stream.support;

import io.innopoints.schemas.dlq.DeadLetter;
import io.innopoints.schemas.registry.InMemorySchemaRegistryClient;
import io.innopoints.schemas.score.EnterpriseScore;
import io.innopoints.schemas.score.Leaderboard;
import io.innopoints.schemas.score.RankingChange;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.topic.TopicCatalog;
import io.innopoints.schemas.validation.EventValidator;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.stream.domain.Member;
import io.innopoints.stream.topology.ScoringSerdes;
import io.innopoints.stream.topology.ScoringTopology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import io.innopoints.stream.topology.Backlog;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A TopologyTestDriver over the real topology with an in-memory registry: typed input helpers with explicit
 * timestamps, raw-byte input for poison records, readers for every output topic and access to the stores.
 */
public final class Harness implements AutoCloseable {
    public static final String APP = "scoring-test";
    public static final Instant NOW = Instant.parse("2026-11-24T00:00:00Z");
    /** The event time the topology tests start from (the validator's clock is {@link #NOW}). */
    public static final Instant T = Instant.parse("2025-06-01T00:00:00Z");

    public final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    public final ScoringSerdes serdes = new ScoringSerdes(registry);
    public final TopicCatalog topics = TopicCatalog.defaults();
    public final TopologyTestDriver driver;
    public final ScoringModel model;
    /** Whether the profile stage is told it is catching up (false unless a test sets it). */
    public final java.util.concurrent.atomic.AtomicBoolean backlog = new java.util.concurrent.atomic.AtomicBoolean();
    /** How long the catch-up is told it should still take (unknown unless a test sets it). */
    public final java.util.concurrent.atomic.AtomicLong millisToCaughtUp =
            new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
    /** Whether the rank stage is told it is behind (false unless a test sets it). */
    public final java.util.concurrent.atomic.AtomicBoolean rankingBehind = new java.util.concurrent.atomic.AtomicBoolean();
    /** By-stage partitions whose rank task runs, and the last offset each took (-1: none yet), as reported. */
    public final Map<Integer, Long> stageTaken = new java.util.concurrent.ConcurrentHashMap<>();
    private boolean closed;
    /** The longest deferral while catching up. */
    public static final Duration CATCH_UP_PUBLISH = Duration.ofMinutes(1);

    public Harness(ScoringModel model) {
        this(model, 1_000_000);
    }

    /** @param rippleMaxPerSecond ripple republications per second while stage messages arrive */
    public Harness(ScoringModel model, int rippleMaxPerSecond) {
        this.model = model;
        ScoringTopology.Options options = new ScoringTopology.Options(APP, APP + "-by-stage", Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofHours(1),
                new EventValidator(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5)), new Backlog() {
                    @Override
                    public boolean catchingUp() {
                        return backlog.get();
                    }

                    @Override
                    public long millisToCaughtUp() {
                        return millisToCaughtUp.get();
                    }

                    @Override
                    public boolean rankingBehind() {
                        return rankingBehind.get();
                    }

                    @Override
                    public void stageAssigned(int partition) {
                        stageTaken.put(partition, -1L);
                    }

                    @Override
                    public void stageTaken(int partition, long offset) {
                        stageTaken.put(partition, offset);
                    }

                    @Override
                    public void stageReleased(int partition) {
                        stageTaken.remove(partition);
                    }
                }, CATCH_UP_PUBLISH, rippleMaxPerSecond);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try {
            props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("ttd").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        driver = new TopologyTestDriver(ScoringTopology.build(topics, serdes, model, options), props,
                Instant.parse("2025-06-01T00:00:00Z"));
    }

    /** Pipes an event keyed by its credit code at {@code timestamp}. */
    public void send(SpecificRecord event, Instant timestamp) {
        String code = (String) event.get(event.getSchema().getField("creditCode").pos());
        send(code, event, timestamp);
    }

    @SuppressWarnings("unchecked")
    public void send(String key, SpecificRecord event, Instant timestamp) {
        EventType type = EventType.byRecordClass(event.getClass()).orElseThrow();
        String topic = topics.name(type);
        byte[] k = serdes.key().serializer().serialize(topic, key);
        Serializer<SpecificRecord> values = (Serializer<SpecificRecord>) serdes.value(type.recordClass()).serializer();
        byte[] v = values.serialize(topic, event);
        sendRaw(type, k, v, timestamp);
    }

    public void sendRaw(EventType type, byte[] key, byte[] value, Instant timestamp) {
        driver.createInputTopic(topics.name(type), new ByteArraySerializer(), new ByteArraySerializer())
                .pipeInput(key, value, timestamp);
    }

    public byte[] keyBytes(EventType type, String key) {
        return serdes.key().serializer().serialize(topics.name(type), key);
    }

    /** Pipes a model command (key 'official' or 'shadow') to the scoring-models topic. */
    public void command(String slot, io.innopoints.schemas.control.ModelCommand command, Instant timestamp) {
        String topic = topics.name(Topic.SCORING_MODELS);
        driver.createInputTopic(topic, serdes.key().serializer(),
                serdes.value(io.innopoints.schemas.control.ModelCommand.class).serializer())
                .pipeInput(slot, command, timestamp);
    }

    /** The YAML of a built-in model with another version and its top-N changed. */
    public static String builtinYaml(String id, String version) {
        try (var in = ScoringModel.class.getClassLoader().getResourceAsStream("models/" + id + ".yaml")) {
            String yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return yaml.replaceFirst("(?m)^version: .*$", "version: \"" + version + "\"");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public List<EnterpriseScore> scores() {
        return read(Topic.ENTERPRISE_SCORES, EnterpriseScore.class);
    }

    public List<RankingChange> changes() {
        return read(Topic.RANKING_CHANGES, RankingChange.class);
    }

    public List<Leaderboard> leaderboards() {
        return read(Topic.LEADERBOARDS, Leaderboard.class);
    }

    public List<io.innopoints.schemas.score.ModelShadowDiff> shadowDiffs() {
        return read(Topic.MODEL_SHADOW_DIFFS, io.innopoints.schemas.score.ModelShadowDiff.class);
    }

    public List<DeadLetter> deadLetters() {
        return read(Topic.SCORING_STREAM_DLQ, DeadLetter.class);
    }

    private <T extends SpecificRecord> List<T> read(Topic topic, Class<T> type) {
        return driver.createOutputTopic(topics.name(topic), serdes.key().deserializer(),
                serdes.value(type).deserializer()).readValuesToList();
    }

    public Member member(String stage, String code) {
        KeyValueStore<String, Member> store = driver.getKeyValueStore(ScoringTopology.MEMBER_STORE);
        return store.get(stage + "|" + code);
    }

    public <V> KeyValueStore<String, V> store(String name) {
        return driver.getKeyValueStore(name);
    }

    /** Advances wall-clock time so the leaderboard and ripple punctuators run. */
    public void tick() {
        driver.advanceWallClockTime(Duration.ofSeconds(1));
    }

    /** A built-in model with another top-N (tests of top-N entry and exit). */
    public static ScoringModel builtinWithTopN(String id, int topN) {
        try (var in = ScoringModel.class.getClassLoader().getResourceAsStream("models/" + id + ".yaml")) {
            String yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return ScoringModel.load(yaml.replaceFirst("(?m)^topN: \\d+", "topN: " + topN), "test:" + id);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Closes the driver (its processors close); idempotent, so a test may close before its teardown does. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            driver.close();
        }
    }


}
