package io.innopoints.sink.app;

import io.innopoints.sink.json.SinkJson;
import static io.innopoints.sink.testing.Fixtures.code;
import static io.innopoints.sink.testing.Fixtures.score;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.topic.TopicCatalog;
import io.innopoints.sink.config.SinkConfig;
import io.innopoints.localstack.junit.TestRecords;
import io.innopoints.sink.testing.Platform;
import io.innopoints.sink.testing.TestAccess;
import io.innopoints.sink.testing.Snapshots;
import io.innopoints.sink.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The running sink watches the lag of the cluster's groups — its own included — on /api/v1/lag and /metrics. */
@Timeout(120)
class SinkLagIT {
    @TempDir
    Path dir;

    @Test
    void shouldReportOwnGroupCaughtUpOnLagEndpointAndMetrics() throws Exception {
        // Given a sink with the lag monitor sampling every 200 ms
        TopicCatalog topics = Platform.topics(2);
        String group = Platform.unique("sink-lag");
        Map<String, String> props = new HashMap<>(Platform.topicProperties(topics));
        props.putAll(Map.of("bootstrap.servers", Platform.bootstrapServers(), "schema.registry.url", Platform.registryUrl(),
                "group.id", group, "jdbc.url", TestDatabases.sqliteUrl(dir), "http.port", "0", "poll.timeout.ms", "100",
                "lag.interval.ms", "200", "lag.window.samples", "3"));
        props.putAll(TestAccess.adminProperties());
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = SinkJson.mapper();
        try (SinkApp app = SinkApp.start(SinkConfig.load(props, Map.of()));
             Platform.Producer producer = new Platform.Producer()) {
            // When it consumes some scores
            for (int n = 1; n <= 6; n++) {
                producer.send(topics.name(Topic.ENTERPRISE_SCORES), code(n), score(n, 1, n, 1, "A"));
            }

            // Then its own group shows up caught up: lag 0 on every partition it committed, status OK
            String base = "http://localhost:" + app.httpPort();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                JsonNode report = json.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/lag"))
                        .headers(TestAccess.bearer(TestAccess.ADMIN)).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                for (JsonNode g : report.get("groups")) {
                    if (g.get("latest").get("groupId").asText().equals(group)) {
                        long lag = 0;
                        long committed = 0;
                        for (JsonNode p : g.get("latest").get("partitions")) {
                            lag += p.get("lagRecords").asLong();
                            committed += p.get("committedOffset").asLong();
                        }
                        return committed == 6 && lag == 0 && g.get("status").asText().equals("OK");
                    }
                }
                return false;
            });
            String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("innopoints_consumer_group_status{group=\"" + group + "\"} 0.0");
            assertThat(metrics).containsPattern("innopoints_consumer_lag_records\\{group=\"" + group + "\",partition=\"\\d\",topic=\""
                    + topics.name(Topic.ENTERPRISE_SCORES).replace(".", "\\.") + "\"} 0\\.0");
            assertThat(metrics).contains("innopoints_sink_records_total{outcome=\"applied\"} 6.0");

            // And every metric the shipped Grafana dashboard queries exists
            String dashboard = Files.readString(Path.of("grafana/innopoints-lag.json"));
            Matcher names = Pattern.compile("innopoints_[a-z_]+").matcher(dashboard);
            Set<String> queried = new TreeSet<>();
            while (names.find()) {
                queried.add(names.group().replaceAll("_(sum|count|total)$", ""));
            }
            assertThat(queried).isNotEmpty().allSatisfy(name -> assertThat(metrics).contains(name));
        }
    }

    @Test
    void shouldCommitPositionPastTransactionMarkersSoNaiveLagToolsReadZero() throws Exception {
        // Given a sink reading a topic written by a transactional producer (as scoring-stream's outputs are)
        TopicCatalog topics = Platform.topics(1);
        String scores = topics.name(Topic.ENTERPRISE_SCORES);
        String group = Platform.unique("sink-eos");
        Map<String, String> props = new HashMap<>(Platform.topicProperties(topics));
        props.putAll(Map.of("bootstrap.servers", Platform.bootstrapServers(), "schema.registry.url", Platform.registryUrl(),
                "group.id", group, "jdbc.url", TestDatabases.sqliteUrl(dir), "http.port", "0", "poll.timeout.ms", "100",
                "lag.enabled", "false"));
        try (SinkApp app = SinkApp.start(SinkConfig.load(props, Map.of()));
             Platform.Producer producer = new Platform.Producer(Map.of("transactional.id", Platform.unique("tx")))) {
            var tx = producer.raw();
            tx.initTransactions();

            // When three transactions of two scores each are committed (each leaves a commit marker)
            for (int t = 0; t < 3; t++) {
                tx.beginTransaction();
                for (int i = 1; i <= 2; i++) {
                    var s = score(t * 2 + i, 1, 10.0 * i, i, "A");
                    tx.send(new org.apache.kafka.clients.producer.ProducerRecord<>(scores, 0,
                            producer.key(scores, s.getCreditCode()), producer.value(scores, s)));
                }
                tx.commitTransaction();
            }

            // Then the group's committed offset reaches the last stable offset (9 = 6 records + 3 markers), in Kafka
            // (so offset-difference tools and the fixture's awaitNoLag read 0) and in the database
            TestRecords.awaitNoLag(Platform.kafka().admin(), group, java.util.List.of(scores), Duration.ofSeconds(60));
            assertThat(Snapshots.rows(app.database().dataSource(),
                    "SELECT next_offset FROM consumer_offset WHERE group_id = '" + group + "' AND topic = '" + scores + "'"))
                    .containsExactly(java.util.List.of("9"));
            assertThat(Snapshots.count(app.database().dataSource(), "enterprise_score")).isEqualTo(6);
        }
    }
}
