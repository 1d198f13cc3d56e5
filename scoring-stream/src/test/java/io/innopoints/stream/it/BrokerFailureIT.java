package io.innopoints.stream.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.innopoints.localstack.generator.GeneratorConfig;
import io.innopoints.localstack.junit.LocalStackExtension;
import io.innopoints.schemas.topic.TopicCatalog;
import io.innopoints.scoring.batch.BatchResult;
import io.innopoints.scoring.batch.BatchScorer;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.stream.app.ScoringStreamApp;
import io.innopoints.stream.config.ScoringConfig;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * scoring-stream on three brokers (replication 3, min ISR 2, the reliability layout of the platform): a broker is
 * stopped while the app works through the generated log and started again later. Exactly-once must hold across
 * the leader changes: the app keeps scoring with one broker down, and in the end every enterprise equals the
 * oracle, the dead letters are exactly the malformed records, no ranking change appears twice and every published
 * explanation matches the score before it.
 */
class BrokerFailureIT {
    private static final int BROKER_STOPPED = 1;

    @RegisterExtension
    static final LocalStackExtension platform = LocalStackExtension.cluster(3);

    @Test
    @Timeout(900)
    void shouldKeepScoringWithABrokerDownAndEndEqualToTheOracleWithoutDuplicates() throws Exception {
        // Given the generated log on replicated input topics (8,000 enterprises: with 3,000 the app, once it ranked
        // per commit again, had scored them all before the stopped broker left the cluster)
        TopicCatalog topics = platform.uniqueCatalog(OracleEqualityIT.PARTITIONS);
        GeneratedFeed.Result feed = GeneratedFeed.produce(platform.bootstrapServers(), platform.registryClient(),
                topics, GeneratorConfig.defaults().withEnterprises(8_000).withSeed(11), OracleEqualityIT.PARTITIONS);
        ScoringModel model = ScoringModel.builtin("zone-20n");
        BatchResult oracle = BatchScorer.score(model, feed.profiles(), feed.end());
        Map<String, String> props = OracleEqualityIT.appConfig(platform, topics, platform.uniqueName("app"),
                Files.createTempDirectory("broker-failure-it").toString());
        props.put(ScoringConfig.REPLICATION_FACTOR, "3");
        // published at every commit, so the broker stops while scores stream out (a catch-up would publish at its end)
        props.put(ScoringConfig.CATCH_UP_BACKLOG, "0");
        ScoringConfig config = ScoringConfig.from(props, Map.of());
        ScoringStreamApp streams = ScoringStreamApp.start(config, model, platform.registryClient());
        try (Outputs outputs = new Outputs(platform.bootstrapServers(), platform.registryClient(), topics)) {
            // When a broker stops after the app has published part of the scores
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                    .until(() -> outputs.drain().scores.size() >= 200);
            platform.kafka().stopBroker(BROKER_STOPPED);
            try {
                await().atMost(Duration.ofMinutes(1)).until(() ->
                        platform.kafka().admin().describeCluster().nodes().get().size() == 2);
                // (enough input is left: the app scores a few thousand events a second, so 800 enterprises were
                // all scored before the broker was down)
                assertThat(outputs.drain().scores.size()).isLessThan(oracle.rows().size());
                int before = outputs.scoreRecords;
                // Then the app keeps publishing committed scores on the two brokers left (min ISR 2 still holds)
                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                        .until(() -> outputs.drain().scoreRecords >= before + 300);
                System.out.printf("with broker %d down: %d -> %d score records, app %s%n", BROKER_STOPPED, before,
                        outputs.scoreRecords, streams.state());
            } finally {
                // and when the broker is back
                platform.kafka().restartBroker(BROKER_STOPPED);
            }

            // the result is the oracle's, with exactly the malformed records dead-lettered and nothing duplicated
            outputs.assertEndsAtTheOracle(oracle, feed.bad(), Duration.ofMinutes(8));
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
        } finally {
            streams.close();
        }
    }
}
