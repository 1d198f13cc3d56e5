package io.innopoints.sink.app;

import static io.innopoints.sink.testing.Fixtures.code;
import static io.innopoints.sink.testing.Fixtures.score;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.topic.TopicCatalog;
import io.innopoints.sink.config.SinkConfig;
import io.innopoints.sink.consume.SinkConsumer;
import io.innopoints.sink.testing.Platform;
import io.innopoints.sink.testing.Snapshots;
import io.innopoints.sink.testing.TestDatabases;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink dies right after a database commit, before anything reaches Kafka (no offset commit there). Because the
 * position lives in the database, the restarted sink resumes exactly after the committed batch: nothing is read
 * twice, nothing is missed, no row is duplicated.
 */
@Timeout(120)
class CrashBetweenCommitsIT {
    @TempDir
    Path dir;

    @Test
    void shouldResumeExactlyAfterLastDatabaseCommitWhenKilledBeforeKafkaCommit() throws Exception {
        TopicCatalog topics = Platform.topics(1);
        String scores = topics.name(Topic.ENTERPRISE_SCORES);
        String group = Platform.unique("crash");
        Map<String, String> props = new HashMap<>(Platform.topicProperties(topics));
        props.putAll(Map.of("bootstrap.servers", Platform.bootstrapServers(), "schema.registry.url", Platform.registryUrl(),
                "group.id", group, "jdbc.url", TestDatabases.sqliteUrl(dir), "http.port", "0", "poll.timeout.ms", "100",
                "lag.enabled", "false"));
        SinkConfig config = SinkConfig.load(props, Map.of());

        try (Platform.Producer producer = new Platform.Producer()) {
            // Given three scores and a sink that crashes right after its first database commit
            for (int n = 1; n <= 3; n++) {
                producer.send(scores, code(n), score(n, 1, 10.0 * n, n, "A"));
            }
            AtomicBoolean crashed = new AtomicBoolean();
            long committedBeforeCrash;
            try (SinkApp first = SinkApp.start(config, batch -> {
                if (crashed.compareAndSet(false, true)) {
                    throw new IllegalStateException("simulated crash between database commit and Kafka commit");
                }
            })) {
                await().atMost(Duration.ofSeconds(60)).until(() -> first.consumer().state() == SinkConsumer.State.FAILED);
                committedBeforeCrash = Snapshots.count(first.database().dataSource(), "score_history");
                assertThat(committedBeforeCrash).isBetween(1L, 3L);
                assertThat(storedOffset(first, group)).isEqualTo(committedBeforeCrash);
            }
            assertThat(Platform.kafka().admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .values().stream().filter(o -> o != null)).as("nothing was committed to Kafka").isEmpty();

            // When more records arrive and the sink restarts on the same database
            producer.send(scores, code(1), score(1, 2, 55.0, 1, "A"));
            producer.send(scores, code(4), score(4, 1, 40.0, 2, "A"));
            try (SinkApp second = SinkApp.start(config)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> storedOffset(second, group) == 5L);

                // Then it read only what followed the committed batch, and every revision is stored exactly once
                MeterRegistry m = second.metrics();
                assertThat(m.counter("innopoints.sink.records", "outcome", "applied").count())
                        .isEqualTo(5.0 - committedBeforeCrash);
                assertThat(m.counter("innopoints.sink.records", "outcome", "stale").count()).isZero();
                assertThat(Snapshots.count(second.database().dataSource(), "score_history")).isEqualTo(5);
                assertThat(Snapshots.rows(second.database().dataSource(),
                        "SELECT credit_code, revision FROM enterprise_score ORDER BY credit_code"))
                        .containsExactly(java.util.List.of(code(1), "2"), java.util.List.of(code(2), "1"),
                                java.util.List.of(code(3), "1"), java.util.List.of(code(4), "1"));
            }
        }
    }

    private static long storedOffset(SinkApp app, String group) throws Exception {
        return Long.parseLong(Snapshots.rows(app.database().dataSource(),
                "SELECT COALESCE(SUM(next_offset), 0) FROM consumer_offset WHERE group_id = '" + group + "'").get(0).get(0));
    }
}
