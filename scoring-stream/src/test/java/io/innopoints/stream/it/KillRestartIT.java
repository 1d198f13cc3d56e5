package io.innopoints.stream.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.innopoints.localstack.generator.GeneratorConfig;
import io.innopoints.localstack.junit.LocalStackExtension;
import io.innopoints.localstack.junit.TestRecords;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.topic.TopicCatalog;
import io.innopoints.scoring.batch.BatchResult;
import io.innopoints.scoring.batch.BatchScorer;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.stream.app.ScoringStreamMain;
import io.innopoints.stream.config.ScoringConfig;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kills the app (a separate JVM, {@code destroyForcibly}) in the middle of the generated log and starts it again,
 * once while it publishes at every commit and once in the middle of a catch-up (evaluations deferred):
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
        killAndRestart("0", (outputs, lag) -> outputs.drain().scores.size() >= 200);
    }

    @Test
    @Timeout(900)
    void shouldEndEqualToTheOracleAfterAHardKillInTheMiddleOfACatchUp() throws Exception {
        // Given a catch-up (any lag is a backlog: evaluations are deferred to the sweeps, their causes in the
        // changelogged unscored store), killed once a third of the input is committed
        killAndRestart("1", (outputs, lag) -> lag.getAsLong() < 2 * total / 3);
    }

    /** When to kill: given the outputs read so far and the app's committed input lag. */
    private interface KillWhen {
        boolean now(Outputs outputs, LongSupplier lag) throws Exception;
    }

    private long total;

    private void killAndRestart(String catchUpBacklog, KillWhen when) throws Exception {
        TopicCatalog topics = platform.uniqueCatalog(OracleEqualityIT.PARTITIONS);
        GeneratorConfig log = GeneratorConfig.defaults().withEnterprises(4_000).withSeed(7);
        GeneratedFeed.Result feed = GeneratedFeed.produce(platform.bootstrapServers(), platform.registryClient(),
                topics, log, OracleEqualityIT.PARTITIONS);
        total = feed.records();
        BatchResult oracle = BatchScorer.score(ScoringModel.builtin("zone-20n"), feed.profiles(), feed.end());
        String appId = platform.uniqueName("app");
        Map<String, String> config = OracleEqualityIT.appConfig(platform, topics, appId,
                Files.createTempDirectory("kill-it").toString());
        config.put(ScoringConfig.CATCH_UP_BACKLOG, catchUpBacklog);
        Path logs = Files.createTempDirectory("kill-it-logs");
        List<String> inputs = Arrays.stream(EventType.values()).map(topics::name).toList();
        LongSupplier lag = () -> {
            try {
                return TestRecords.lag(platform.kafka().admin(), appId, inputs);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };

        try (Outputs outputs = new Outputs(platform.bootstrapServers(), platform.registryClient(), topics)) {
            // When the app is killed mid-stream
            Process first = start(config, logs.resolve("first.log").toFile());
            try {
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
                        .until(() -> when.now(outputs, lag));
            } finally {
                first.destroyForcibly().waitFor();
            }
            assertThat(lag.getAsLong()).as("input left when killed").isPositive();
            assertThat(outputs.drain().scores.size()).isLessThan(oracle.rows().size());

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

    /** Starts scoring-stream in its own JVM ({@link ScoringStreamMain}, this JVM's class path), output to {@code log}. */
    static Process start(Map<String, String> config, File log) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), ScoringStreamMain.class.getName()));
        config.forEach((k, v) -> {
            command.add("--set");
            command.add(k + "=" + v);
        });
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
    }
}
