package io.innopoints.stream.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.innopoints.localstack.generator.GeneratorConfig;
import io.innopoints.localstack.junit.LocalStackExtension;
import io.innopoints.schemas.dlq.DeadLetter;
import io.innopoints.schemas.topic.TopicCatalog;
import io.innopoints.scoring.batch.BatchResult;
import io.innopoints.scoring.batch.BatchScorer;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.stream.app.ScoringStreamApp;
import io.innopoints.stream.config.ScoringConfig;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The generator's 2,807-enterprise log (duplicates, amendments, retractions, out-of-order and malformed records)
 * streamed through the app on an embedded broker, once evaluated at every commit and once as a catch-up (evaluations
 * deferred to sweeps): the final scores and leaderboards equal the batch oracle's for every enterprise and cohort,
 * the dead-letter topic holds exactly the malformed records, and every score's explanation matches the
 * enterprise's previous score (also across stage changes, where two rank tasks meet).
 */
class OracleEqualityIT {
    static final int PARTITIONS = 4;

    @RegisterExtension
    static final LocalStackExtension platform = LocalStackExtension.singleNode();

    static Map<String, String> appConfig(LocalStackExtension platform, TopicCatalog topics, String appId,
                                         String stateDir) {
        return appConfig(platform.bootstrapServers(), platform.schemaRegistryUrl(), topics, appId, stateDir);
    }

    static Map<String, String> appConfig(String bootstrapServers, String registryUrl, TopicCatalog topics,
                                         String appId, String stateDir) {
        Map<String, String> props = new HashMap<>();
        props.put(ScoringConfig.APPLICATION_ID, appId);
        props.put(ScoringConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        props.put(ScoringConfig.SCHEMA_REGISTRY_URL, registryUrl);
        props.put(ScoringConfig.MODEL, "zone-20n");
        props.put(ScoringConfig.COMMIT_INTERVAL_MS, "200");
        props.put(ScoringConfig.STATE_DIR, stateDir);
        props.put(ScoringConfig.STAGE_PARTITIONS, Integer.toString(PARTITIONS));
        props.put(ScoringConfig.REPLICATION_FACTOR, "1");
        props.put(ScoringConfig.KAFKA_PREFIX + "repartition.purge.interval.ms", "1000");
        // producer settings stay the app's defaults (idempotent, 5 in flight, exactly-once v2), as in production
        topics.all().forEach((topic, name) -> props.put(topic.configKey(), name));
        return props;
    }

    @Test
    @Timeout(600)
    void shouldEndWithTheOraclesScoresAndRanksAndDeadLetterExactlyTheMalformedRecords() throws Exception {
        // evaluated and published at every commit (no catch-up deferral): explanations cross every stage change
        int stageChanges = runAgainstTheOracle("0", "zone-20n");
        assertThat(stageChanges).isPositive();
    }

    @Test
    @Timeout(600)
    void shouldEndWithTheOraclesScoresUnderTheSeedZonesSixtyOneIndicatorModel() throws Exception {
        // pilot-zone-61: 61 indicators, four of them cohort percentiles, local credential kinds the generator sends
        int stageChanges = runAgainstTheOracle("0", "pilot-zone-61");
        assertThat(stageChanges).isPositive();
    }

    @Test
    @Timeout(600)
    void shouldEndWithTheOraclesScoresWhenTheWholeLogIsACatchUp() throws Exception {
        // any lag is a backlog: facts are folded at every commit, evaluations deferred to the sweeps
        runAgainstTheOracle("1", "zone-20n");
    }

    /** Streams the generated log through the app; returns how many stage changes' explanations were checked. */
    private int runAgainstTheOracle(String catchUpBacklog, String modelId) throws Exception {
        // Given the generated log on the input topics
        TopicCatalog topics = platform.uniqueCatalog(PARTITIONS);
        GeneratedFeed.Result feed = GeneratedFeed.produce(platform.bootstrapServers(), platform.registryClient(),
                topics, GeneratorConfig.defaults().withEnterprises(Integer.getInteger("it.enterprises",
                        GeneratorConfig.SEED_ZONE_ENTERPRISES)), PARTITIONS);
        System.out.printf("produced %d records, %d dead, end %s%n", feed.records(), feed.bad().size(), feed.end());
        ScoringModel model = ScoringModel.builtin(modelId);
        BatchResult oracle = BatchScorer.score(model, feed.profiles(), feed.end());

        // When the app runs over it
        Map<String, String> props = appConfig(platform, topics, platform.uniqueName("app"),
                Files.createTempDirectory("oracle-it").toString());
        props.put(ScoringConfig.CATCH_UP_BACKLOG, catchUpBacklog);
        props.put(ScoringConfig.MODEL, modelId);
        ScoringStreamApp streams = ScoringStreamApp.start(ScoringConfig.from(props, Map.of()), model,
                platform.registryClient());
        try (Outputs outputs = new Outputs(platform.bootstrapServers(), platform.registryClient(), topics)) {
            // Then every enterprise and cohort ends where the oracle says, the dead letters are exactly the malformed
            // records, no ranking change appears twice and every score is explained against the one before it
            outputs.assertEndsAtTheOracle(oracle, feed.bad(), Duration.ofMinutes(8));
            // and the by-stage topic is emptied of what was ranked (purged once a second here)
            String byStage = props.get(ScoringConfig.APPLICATION_ID) + "-by-stage";
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(retained(byStage)).isZero());
            System.out.printf("catch-up backlog %s: explanations checked across %d stage changes%n", catchUpBacklog,
                    outputs.stageChangesChecked);
            return outputs.stageChangesChecked;
        } finally {
            streams.close();
        }
    }

    /** Records still in a topic: end offsets minus log start offsets. */
    private static long retained(String topic) throws Exception {
        Admin admin = platform.kafka().admin();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            earliest.put(new TopicPartition(topic, p), OffsetSpec.earliest());
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        var starts = admin.listOffsets(earliest).all().get();
        var ends = admin.listOffsets(latest).all().get();
        // a transaction's commit marker may follow the last message of a partition: at most one offset each
        return ends.entrySet().stream()
                .mapToLong(e -> Math.max(0, e.getValue().offset() - starts.get(e.getKey()).offset() - 1)).sum();
    }

    static String provenance(DeadLetter d) {
        return GeneratedFeed.provenance(d.getSourceTopic(), d.getSourcePartition(), d.getSourceOffset());
    }
}
