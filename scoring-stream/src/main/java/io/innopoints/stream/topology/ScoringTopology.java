package io.innopoints.stream.topology;

import io.innopoints.schemas.control.ModelCommand;
import io.innopoints.schemas.dlq.DeadLetter;
import io.innopoints.schemas.score.EnterpriseScore;
import io.innopoints.schemas.score.Leaderboard;
import io.innopoints.schemas.score.ModelShadowDiff;
import io.innopoints.schemas.score.RankingChange;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.topic.TopicCatalog;
import io.innopoints.schemas.validation.EventValidator;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.stream.domain.StageMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the scoring-stream topology (pure: no I/O). From the five input topics (raw bytes, key = credit code) to
 * enterprise-scores, ranking-changes, leaderboards, model-shadow-diffs and scoring-stream-dlq:
 * <pre>
 *  inputs ─► decode-&lt;type&gt; ─► merge ─► fold ─► touched-enterprises ─► profile ─► by-stage ─► rank-intake
 *                 └──────── dead letters ─┴─────────── (per commit) ──────┴──────────────────────┐      │
 *                                      rank ◄─ (per commit) ─ touched-stages ◄────────────────────┼──────┘
 *                                        └─► scores, changes, leaderboards, shadow diffs, dlq ◄───┘
 *                                        └─► HANDOVERs after a stage change (back onto by-stage)
 * </pre>
 * Work per key per commit ({@link PerCommit}): the fold and the intake only collect; the profile and rank
 * processors run once per touched enterprise / stage when Kafka Streams flushes its record cache at the commit, so
 * everything an enterprise received within one commit interval is evaluated, ranked and published once.
 * Every processor, store and internal topic is named here; every serde is explicit.
 */
public final class ScoringTopology {
    /** One entry per fact of an enterprise's profile ({@link ProfileFactStore}). */
    public static final String PROFILE_STORE = "profile-fact-store";
    public static final String STATE_STORE = "enterprise-state-store";
    public static final String DUE_STORE = "due-store";
    public static final String MEMBER_STORE = "member-store";
    public static final String COHORT_STORE = "cohort-store";
    public static final String SHADOW_MEMBER_STORE = "shadow-member-store";
    /** HANDOVERs ahead of their SCORE and LEAVEs whose HANDOVER is to be passed on (stage ‖ code ‖ sequence). */
    public static final String HANDOVER_STORE = "handover-store";
    /**
     * Enterprises whose evaluation a catch-up deferred: credit code → cause eventIds (changelogged, written in the
     * same commit as their facts, so a restart still owes them their evaluation).
     */
    public static final String UNSCORED_STORE = "unscored-store";
    /** Fact writes and causes folded since the last commit, as objects ({@link PendingStore}). */
    public static final String PENDING_FACTS_STORE = "pending-facts-store";
    /** By-stage messages received since the last commit, per stage ({@link PendingStore}). */
    public static final String PENDING_STAGE_STORE = "pending-stage-store";
    /** The decoded facts and the owed flag the fold and the profile processors of a task share ({@link ProfileMemory}). */
    public static final String PROFILE_MEMORY = "profile-memory";
    /** The per-commit table of enterprises touched since the last commit (in memory, cached, not logged). */
    public static final String TOUCHED_ENTERPRISES = "touched-enterprises";
    /** The per-commit table of stages touched since the last commit (in memory, cached, not logged). */
    public static final String TOUCHED_STAGES = "touched-stages";
    /** Global store over the scoring-models topic (key 'official' / 'shadow'). */
    public static final String MODELS_STORE = "models-store";

    /**
     * Options of the topology besides topics, serdes and model.
     *
     * @param applicationId         names the app in dead letters
     * @param byStageTopic          the app's topic from the profile stage to the rank stage (it must exist)
     * @param backlog               tells the profile stage whether the instance is catching up on a backlog
     * @param catchUpPublishInterval while catching up, how long an enterprise's evaluation may be deferred at most
     * @param rippleMaxPerSecond     ripple republications per second and instance while stage messages arrive
     */
    public record Options(String applicationId, String byStageTopic, Duration commitInterval,
                          Duration rippleInterval, Duration timeCheckInterval, EventValidator validator,
                          Backlog backlog, Duration catchUpPublishInterval, int rippleMaxPerSecond) {

        public static Options defaults(String applicationId) {
            return new Options(applicationId, applicationId + "-by-stage", Duration.ofSeconds(1),
                    Duration.ofSeconds(1), Duration.ofMinutes(1),
                    new EventValidator(Clock.systemUTC(), Duration.ofMinutes(5)), Backlog.NONE,
                    Duration.ofMinutes(1), 500);
        }
    }

    private ScoringTopology() {
    }

    public static Topology build(TopicCatalog topics, ScoringSerdes serdes, ScoringModel model, Options options) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(store(PROFILE_STORE, Serdes.String(), Serdes.ByteArray()));
        builder.addStateStore(store(STATE_STORE, Serdes.String(), serdes.enterpriseState()));
        builder.addStateStore(store(DUE_STORE, Serdes.String(), Serdes.String()));
        builder.addStateStore(store(UNSCORED_STORE, Serdes.String(), Serdes.ByteArray()));
        builder.addStateStore(store(MEMBER_STORE, Serdes.String(), serdes.member()));
        builder.addStateStore(store(COHORT_STORE, Serdes.String(), serdes.board()));
        builder.addStateStore(store(SHADOW_MEMBER_STORE, Serdes.String(), serdes.member()));
        builder.addStateStore(store(HANDOVER_STORE, Serdes.String(), serdes.stageMessage()));
        builder.addStateStore(PendingStore.builder(PENDING_FACTS_STORE));
        builder.addStateStore(PendingStore.builder(PENDING_STAGE_STORE));
        builder.addStateStore(ProfileMemory.builder(PROFILE_MEMORY));

        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(MODELS_STORE), Serdes.String(),
                        LastValueSerde.of(serdes.value(ModelCommand.class))).withLoggingDisabled(),
                topics.name(Topic.SCORING_MODELS),
                Consumed.with(serdes.key(), serdes.value(ModelCommand.class)).withName("source-scoring-models"),
                ModelCommandProcessor::new);

        KStream<byte[], Decoded> decoded = null;
        for (EventType type : EventType.values()) {
            @SuppressWarnings("unchecked")
            Serde<SpecificRecord> valueSerde = (Serde<SpecificRecord>) serdes.value(type.recordClass());
            KStream<byte[], Decoded> one = builder
                    .stream(topics.name(type), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                            .withName("source-" + type.id()))
                    .processValues(() -> new DecodeProcessor(options.applicationId(), type,
                            serdes.key().deserializer(), valueSerde.deserializer(), options.validator()),
                            Named.as("decode-" + type.id()));
            decoded = decoded == null ? one : decoded.merge(one, Named.as("merge-" + type.id()));
        }

        // fold every event, then evaluate each touched enterprise once per commit
        Map<String, KStream<byte[], Object>> folded = decoded
                .processValues(() -> new FoldProcessor(options.applicationId(), serdes, options.backlog()),
                        Named.as("fold"), PROFILE_STORE, PENDING_FACTS_STORE, UNSCORED_STORE, PROFILE_MEMORY)
                .split(Named.as("fold-out-"))
                .branch((k, v) -> v instanceof String, Branched.as("touched"))
                .defaultBranch(Branched.as("dead"));
        BulkWork bulkWork = new BulkWork(); // one per instance: its profile tasks tell its rank tasks
        Map<String, KStream<String, Object>> profiled = PerCommit.of(folded.get("fold-out-touched")
                        .mapValues(v -> (String) v, Named.as("as-touched-enterprise")),
                        TOUCHED_ENTERPRISES, Serdes.ByteArray())
                .process(() -> new ProfileProcessor(serdes, model, options, bulkWork),
                        Named.as("profile"), PROFILE_STORE, STATE_STORE, DUE_STORE, UNSCORED_STORE,
                        PENDING_FACTS_STORE, TOUCHED_ENTERPRISES, PROFILE_MEMORY)
                .split(Named.as("profile-out-"))
                .branch((k, v) -> v instanceof StageMessage, Branched.as("messages"))
                .defaultBranch(Branched.as("dead"));

        // onto the app's by-stage topic (key = stage): one rank task per partition, every cohort of a stage in one
        profiled.get("profile-out-messages")
                .mapValues(v -> (StageMessage) v, Named.as("as-stage-message"))
                .to(options.byStageTopic(), Produced.with(Serdes.String(), serdes.stageMessage())
                        .withName("sink-by-stage"));
        KStream<String, StageMessage> byStage = builder.stream(options.byStageTopic(),
                Consumed.with(Serdes.String(), serdes.stageMessage()).withName("source-by-stage"));
        // collect every message, then rank each touched stage's enterprises once per commit
        KStream<String, String> touchedStages = byStage.processValues(() -> new RankIntakeProcessor(options.backlog()),
                Named.as("rank-intake"), PENDING_STAGE_STORE);
        // one per instance; a step per commit interval (the leaderboard punctuation goes on with a running round)
        RippleBudget rippleBudget = new RippleBudget(options.rippleMaxPerSecond(), options.commitInterval());
        Map<String, KStream<String, Object>> ranked = PerCommit.of(touchedStages, TOUCHED_STAGES, Serdes.String())
                .process(() -> new RankProcessor(options.applicationId(), model, options.rippleInterval(),
                        options.commitInterval(), options.backlog(), rippleBudget, bulkWork), Named.as("rank"), MEMBER_STORE,
                        COHORT_STORE,
                        SHADOW_MEMBER_STORE, HANDOVER_STORE, PENDING_STAGE_STORE)
                .split(Named.as("rank-out-"))
                .branch((k, v) -> v instanceof EnterpriseScore, Branched.as("scores"))
                .branch((k, v) -> v instanceof RankingChange, Branched.as("changes"))
                .branch((k, v) -> v instanceof Leaderboard, Branched.as("leaderboards"))
                .branch((k, v) -> v instanceof ModelShadowDiff, Branched.as("shadow-diffs"))
                .branch((k, v) -> v instanceof StageMessage, Branched.as("handovers"))
                .defaultBranch(Branched.as("dead"));

        // back onto the by-stage topic (key = new stage, the same partitioner): behind the SCORE the old stage's
        // LEAVE was committed with, so the new stage's task reads the HANDOVER after that SCORE
        ranked.get("rank-out-handovers")
                .mapValues(v -> (StageMessage) v, Named.as("as-handover"))
                .to(options.byStageTopic(), Produced.with(Serdes.String(), serdes.stageMessage())
                        .withName("sink-handover"));

        sink(ranked.get("rank-out-scores"), topics, Topic.ENTERPRISE_SCORES, serdes, EnterpriseScore.class);
        sink(ranked.get("rank-out-changes"), topics, Topic.RANKING_CHANGES, serdes, RankingChange.class);
        sink(ranked.get("rank-out-leaderboards"), topics, Topic.LEADERBOARDS, serdes, Leaderboard.class);
        sink(ranked.get("rank-out-shadow-diffs"), topics, Topic.MODEL_SHADOW_DIFFS, serdes, ModelShadowDiff.class);
        KStream<String, Object> dead = folded.get("fold-out-dead")
                .map((k, v) -> KeyValue.pair(((Decoded.Dead) v).key(), (Object) ((Decoded.Dead) v).letter()),
                        Named.as("as-dead-input"))
                .merge(profiled.get("profile-out-dead"), Named.as("merge-dead-profile"))
                .merge(ranked.get("rank-out-dead"), Named.as("merge-dead"));
        sink(dead, topics, Topic.SCORING_STREAM_DLQ, serdes, DeadLetter.class);
        return builder.build();
    }

    private static <T extends SpecificRecord> void sink(KStream<String, Object> stream, TopicCatalog topics, Topic topic,
                                                        ScoringSerdes serdes, Class<T> type) {
        stream.mapValues(type::cast, Named.as("as-" + topic.defaultName()))
                .to(topics.name(topic), Produced.with(serdes.key(), serdes.value(type))
                        .withName("sink-" + topic.defaultName()));
    }

    private static <K, V> StoreBuilder<KeyValueStore<K, V>> store(String name, Serde<K> key, Serde<V> value) {
        // changelogged (the default) so a restart or a rebalance restores the exact state
        return Stores.keyValueStoreBuilder(PositionlessStore.supplier(name), key, value).withLoggingEnabled(Map.of());
    }
}
