package io.innopoints.stream.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.innopoints.localstack.generator.GeneratorConfig;
import io.innopoints.localstack.junit.LocalStackExtension;
import io.innopoints.schemas.topic.TopicCatalog;
import io.innopoints.scoring.batch.BatchResult;
import io.innopoints.scoring.batch.BatchScorer;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.stream.app.ScoringStreamMain;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kills the app (a separate JVM, {@code destroyForcibly}) in the middle of the generated log and starts it again:
 * the final state still equals the oracle, the dead letters are still exactly the malformed records, and no ranking
 * change appears twice (read_committed).
 */
class KillRestartIT {
    @RegisterExtension
    static final LocalStackExtension platform = LocalStackExtension.singleNode();

    @Test
    @Timeout(900)
    void shouldEndEqualToTheOracleWithoutDuplicateChangesAfterAHardKill() throws Exception {
        // Given the generated log: large enough that the kill lands mid-stream (the app scores a few thousand events
        // a second and publishes once per commit, so 1,000 enterprises were all scored before the first poll saw 200)
        TopicCatalog topics = platform.uniqueCatalog(OracleEqualityIT.PARTITIONS);
        GeneratorConfig log = GeneratorConfig.defaults().withEnterprises(4_000).withSeed(7);
        GeneratedFeed.Result feed = GeneratedFeed.produce(platform.bootstrapServers(), platform.registryClient(),
                topics, log, OracleEqualityIT.PARTITIONS);
        BatchResult oracle = BatchScorer.score(ScoringModel.builtin("zone-20n"), feed.profiles(), feed.end());
        Map<String, String> config = OracleEqualityIT.appConfig(platform, topics, platform.uniqueName("app"),
                Files.createTempDirectory("kill-it").toString());
        Path logs = Files.createTempDirectory("kill-it-logs");

        try (Outputs outputs = new Outputs(platform.bootstrapServers(), platform.registryClient(), topics)) {
            // When the app is killed after it published part of the scores
            Process first = start(config, logs.resolve("first.log").toFile());
            try {
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
                        .until(() -> outputs.drain().scores.size() >= 200);
            } finally {
                first.destroyForcibly().waitFor();
            }
            assertThat(outputs.scores.size()).isLessThan(oracle.rows().size());

            // and started again
            Process second = start(config, logs.resolve("second.log").toFile());
            try {
                // Then it ends where the oracle says, with exact dead letters and no ranking change twice
                outputs.assertEndsAtTheOracle(oracle, feed.bad(), Duration.ofMinutes(10));
            } finally {
                second.destroy();
                second.waitFor();
            }
        }
    }

    private static Process start(Map<String, String> config, File log) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), ScoringStreamMain.class.getName()));
        config.forEach((k, v) -> {
            command.add("--set");
            command.add(k + "=" + v);
        });
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }
}
