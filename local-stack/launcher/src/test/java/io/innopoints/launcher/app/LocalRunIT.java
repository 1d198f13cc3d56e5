package io.innopoints.launcher.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.innopoints.launcher.feed.SampleFeeder;
import io.innopoints.schemas.serde.AvroTrust;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.topic.TopicCatalog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-JVM run end to end, twice on the same data directory: the first start feeds a small sample through
 * ingest's REST API until leaderboards appear in ranking-sink's API; the second start resumes (feeder position,
 * Streams state, sink offsets) instead of resending and rescoring everything.
 */
class LocalRunIT {
    private static final int ENTERPRISES = 60;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @BeforeAll
    static void trustAvro() {
        AvroTrust.install();
    }

    private LocalRun.Options options() {
        return new LocalRun.Options(dataDir, 0, 0, 0, 0, 2, 5_000, ENTERPRISES, "zone-20n", true);
    }

    @Test
    void shouldServeLeaderboardsAndResumeWithoutResendingOrRescoringWhenRestartedOnTheSameDataDir() throws Exception {
        long sentFirst;
        long scoresFirst;
        // Given the whole stack started on an empty data directory
        String adminFirst;
        try (LocalRun run = LocalRun.start(options())) {
            adminFirst = run.tokens().admin();
            SampleFeeder feeder = run.feeder().orElseThrow();
            // When the sample has been fed through ingest and scored
            await().atMost(Duration.ofMinutes(3)).until(feeder::complete);
            await().atMost(Duration.ofMinutes(3)).until(() -> scoringCaughtUp(run.bootstrapServers()));
            // Then ranking-sink's API serves leaderboards
            await().atMost(Duration.ofMinutes(2)).until(() -> leaderboards(run.sinkApiUrl()).size() > 0);
            assertThat(feeder.resumedFrom()).isZero();
            assertThat(feeder.accepted()).isPositive();
            // every sample provider posted its own registry's events within its token's scope
            assertThat(feeder.refused()).isZero();
            sentFirst = feeder.position();
            // the last cohort-percentile ripple may still publish after the inputs are consumed: wait until the
            // score topic has stopped growing
            String scores = TopicCatalog.defaults().name(Topic.ENTERPRISE_SCORES);
            AtomicLong seen = new AtomicLong(-1);
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).during(Duration.ofSeconds(3))
                    .until(() -> {
                        long now = endOffsets(run.bootstrapServers(), scores);
                        return seen.getAndSet(now) == now;
                    });
            scoresFirst = seen.get();
            assertThat(scoresFirst).isGreaterThanOrEqualTo(ENTERPRISES / 2);
        }

        // When it is started again on the same data directory
        try (LocalRun run = LocalRun.start(options())) {
            SampleFeeder feeder = run.feeder().orElseThrow();
            // Then the sink serves the leaderboards it already had, the feeder resumes after everything it sent ...
            await().atMost(Duration.ofMinutes(1)).until(() -> leaderboards(run.sinkApiUrl()).size() > 0);
            assertThat(feeder.resumedFrom()).isEqualTo(sentFirst);
            assertThat(run.tokens().admin()).isEqualTo(adminFirst);
            // ... with the same admin token as before (read from the data directory), which opens the lag panel
            assertThat(status(run.sinkApiUrl() + "/lag", run.tokens().admin())).isEqualTo(200);
            assertThat(status(run.sinkApiUrl() + "/lag", null)).isEqualTo(401);
            await().atMost(Duration.ofMinutes(1)).until(feeder::complete);
            assertThat(feeder.accepted()).isZero();
            // ... and scoring-stream continues from its committed offsets and state: no full rescore (which would
            // publish at least one new score per enterprise)
            await().atMost(Duration.ofMinutes(2)).until(() -> scoringCaughtUp(run.bootstrapServers()));
            long scoresAfterRestart = endOffsets(run.bootstrapServers(),
                    TopicCatalog.defaults().name(Topic.ENTERPRISE_SCORES)) - scoresFirst;
            assertThat(scoresAfterRestart).as("scores published after the restart (first run: %d)", scoresFirst)
                    .isLessThan(ENTERPRISES);
        }
    }

    private static int status(String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static JsonNode leaderboards(String apiUrl) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(apiUrl + "/leaderboards")).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createArrayNode();
    }

    /**
     * True when scoring-stream's committed offsets reached the end of every non-empty partition it reads: the input
     * topics and its own by-stage topic (scores are published after the by-stage hop).
     */
    private static boolean scoringCaughtUp(String bootstrap) throws Exception {
        Set<String> inputs = Arrays.stream(EventType.values()).map(t -> TopicCatalog.defaults().name(t))
                .collect(Collectors.toSet());
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin
                    .listConsumerGroupOffsets(LocalRun.SCORING_APPLICATION_ID).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            Set<String> topics = new java.util.HashSet<>(inputs);
            committed.keySet().forEach(tp -> topics.add(tp.topic()));
            Map<TopicPartition, Long> ends = ends(admin, topics);
            return ends.entrySet().stream().allMatch(e -> e.getValue() == 0 || committed.get(e.getKey()) != null
                    && committed.get(e.getKey()).offset() >= e.getValue());
        }
    }

    private static long endOffsets(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            return ends(admin, Set.of(topic)).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static Map<TopicPartition, Long> ends(Admin admin, Set<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> request = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS)
                .values().stream().flatMap(d -> d.partitions().stream()
                        .map(p -> new TopicPartition(d.name(), p.partition())))
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin.listOffsets(request,
                new org.apache.kafka.clients.admin.ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(30, TimeUnit.SECONDS);
        return result.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
