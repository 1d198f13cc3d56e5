package io.innopoints.sink.app;

import io.innopoints.sink.json.SinkJson;
import static io.innopoints.sink.testing.Fixtures.change;
import static io.innopoints.sink.testing.Fixtures.code;
import static io.innopoints.sink.testing.Fixtures.leaderboard;
import static io.innopoints.sink.testing.Fixtures.score;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.innopoints.schemas.score.RankingChangeKind;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.topic.TopicCatalog;
import io.innopoints.sink.config.SinkConfig;
import io.innopoints.sink.testing.Platform;
import io.innopoints.sink.testing.TestAccess;
import io.innopoints.sink.testing.Snapshots;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Topic → database → API on the embedded platform (real broker, real schema registry, Confluent-wire Avro), for
 * each supported database by a subclass.
 */
@Timeout(120)
abstract class SinkEndToEndContract {
    static final ObjectMapper JSON = SinkJson.mapper();
    static final String COHORT = "zone:ZONE-A:growth";

    final List<SinkApp> apps = new ArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();
    TopicCatalog topics;
    Platform.Producer producer;

    /** JDBC settings of a new, empty database. */
    abstract Map<String, String> newDatabase();

    abstract void disposeDatabases();

    @BeforeEach
    void setUp() {
        topics = Platform.topics(2);
        producer = new Platform.Producer();
    }

    @AfterEach
    void tearDown() {
        apps.forEach(SinkApp::close);
        producer.close();
        disposeDatabases();
    }

    SinkApp startSink(String groupId, Map<String, String> database) {
        Map<String, String> props = new HashMap<>(Platform.topicProperties(topics));
        props.putAll(database);
        props.put("bootstrap.servers", Platform.bootstrapServers());
        props.put("schema.registry.url", Platform.registryUrl());
        props.put("group.id", groupId);
        props.put("http.port", "0");
        props.put("poll.timeout.ms", "100");
        props.put("lag.enabled", "false");
        props.putAll(TestAccess.adminProperties());
        SinkApp app = SinkApp.start(SinkConfig.load(props, Map.of()));
        apps.add(app);
        return app;
    }

    JsonNode get(SinkApp app, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.httpPort() + path))
                .headers(TestAccess.bearer(TestAccess.ADMIN))
                .build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    }

    /** Scores (one enterprise twice), a duplicated change, a leaderboard, and one undecodable record. */
    void produceScenario() {
        String scores = topics.name(Topic.ENTERPRISE_SCORES);
        String changes = topics.name(Topic.RANKING_CHANGES);
        producer.send(scores, code(1), score(1, 1, 40, 2, "A"));
        producer.send(scores, code(2), score(2, 1, 60, 1, "A"));
        producer.send(scores, code(1), score(1, 2, 80, 1, "A"));
        producer.sendRaw(scores, 0, "junk".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 99, 1, 2, 3});
        producer.send(changes, code(1), change("e1-r2-moved", 1, RankingChangeKind.MOVED, 2, 1, 2));
        producer.send(changes, code(1), change("e1-r2-moved", 1, RankingChangeKind.MOVED, 2, 1, 2));
        producer.send(topics.name(Topic.LEADERBOARDS), COHORT, leaderboard(COHORT, 1, 1, 2));
    }

    long storedOffsetSum(SinkApp app, String group) throws Exception {
        return Long.parseLong(Snapshots.rows(app.database().dataSource(),
                "SELECT COALESCE(SUM(next_offset), 0) FROM consumer_offset WHERE group_id = '" + group + "'").get(0).get(0));
    }

    long endOffsetSum() throws Exception {
        var admin = Platform.kafka().admin();
        Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> request = new HashMap<>();
        for (String t : Platform.sinkTopicNames(topics)) {
            for (int p = 0; p < 2; p++) {
                request.put(new org.apache.kafka.common.TopicPartition(t, p), org.apache.kafka.clients.admin.OffsetSpec.latest());
            }
        }
        return admin.listOffsets(request).all().get().values().stream().mapToLong(i -> i.offset()).sum();
    }

    @Test
    void shouldMaterializeTopicsIntoDatabaseAndServeThem() throws Exception {
        // Given a running sink
        String group = Platform.unique("sink");
        SinkApp app = startSink(group, newDatabase());

        // When scores, changes, a leaderboard and a corrupt record are published, and scoring-stream dead-letters one
        produceScenario();
        producer.send(topics.name(Topic.SCORING_STREAM_DLQ), code(3),
                io.innopoints.sink.testing.Fixtures.streamDeadLetter("patent-events", 41, "patents", 5));

        // Then the read API shows the latest revision, the change once, the leaderboard, and the dead letters
        await().atMost(Duration.ofSeconds(60)).until(() -> storedOffsetSum(app, group) == endOffsetSum());
        JsonNode e1 = get(app, "/api/v1/enterprises/" + code(1));
        assertThat(e1.get("revision").asLong()).isEqualTo(2);
        assertThat(e1.get("total").asDouble()).isEqualTo(80.0);
        assertThat(e1.get("lastChange").get("changeId").asText()).isEqualTo("e1-r2-moved");
        assertThat(get(app, "/api/v1/enterprises/" + code(1) + "/history")).hasSize(2);
        assertThat(get(app, "/api/v1/changes")).hasSize(1);
        assertThat(get(app, "/api/v1/leaderboards/" + COHORT).get("entries")).hasSize(2);
        JsonNode rejected = get(app, "/api/v1/rejected");
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).get("topic").asText()).isEqualTo(topics.name(Topic.ENTERPRISE_SCORES));
        assertThat(rejected.get(0).get("errorClass").asText()).isEqualTo("DESERIALIZATION");
        JsonNode streamDead = get(app, "/api/v1/stream-dead-letters");
        assertThat(streamDead).hasSize(1);
        assertThat(streamDead.get(0).get("topic").asText()).isEqualTo(topics.name(Topic.SCORING_STREAM_DLQ));
        assertThat(streamDead.get(0).get("sourceTopic").asText()).isEqualTo("patent-events");
        assertThat(streamDead.get(0).get("sourceOffset").asLong()).isEqualTo(41);
        assertThat(get(app, "/api/v1/ingest-rejections")).isEmpty();
        assertThat(app.consumer().state()).isEqualTo(io.innopoints.sink.consume.SinkConsumer.State.RUNNING);
    }

    @Test
    void shouldRebuildSameStateFromEmptyDatabaseAndEarliestOffsets() throws Exception {
        // Given a sink that materialized the scenario, then a newer score
        String group = Platform.unique("sink");
        SinkApp live = startSink(group, newDatabase());
        produceScenario();
        await().atMost(Duration.ofSeconds(60)).until(() -> storedOffsetSum(live, group) == endOffsetSum());
        producer.send(topics.name(Topic.ENTERPRISE_SCORES), code(2), score(2, 2, 90, 1, "A"));
        await().atMost(Duration.ofSeconds(60)).until(() -> storedOffsetSum(live, group) == endOffsetSum());

        // When a second sink starts on an empty database (a dropped database: no stored offsets)
        String rebuildGroup = Platform.unique("rebuild");
        SinkApp rebuilt = startSink(rebuildGroup, newDatabase());
        await().atMost(Duration.ofSeconds(60)).until(() -> storedOffsetSum(rebuilt, rebuildGroup) == endOffsetSum());

        // Then it holds exactly the same read model
        assertThat(Snapshots.snapshot(rebuilt.database().dataSource(), Snapshots.READ_MODEL_TABLES))
                .isEqualTo(Snapshots.snapshot(live.database().dataSource(), Snapshots.READ_MODEL_TABLES))
                .isNotEmpty();
    }

    @Test
    void shouldPushPublishedRankingChangeToSseSubscriberOfItsCohort() throws Exception {
        // Given a sink and a subscriber of one cohort
        SinkApp app = startSink(Platform.unique("sink"), newDatabase());
        List<String> lines = new CopyOnWriteArrayList<>();
        var stream = http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + app.httpPort()
                        + "/api/v1/stream?cohort=" + COHORT)).header("Accept", "text/event-stream")
                        .headers(TestAccess.bearer(TestAccess.ADMIN)).build(),
                HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> r.body().forEach(lines::add));
        await().atMost(Duration.ofSeconds(30)).until(() -> app.feed().subscriberCount() == 1);

        // When a ranking change of that cohort is published to Kafka
        producer.send(topics.name(Topic.RANKING_CHANGES), code(7), change("e7-entered", 7, RankingChangeKind.ENTERED_TOP_N, 21, 18, 5));

        // Then the subscriber receives it
        await().atMost(Duration.ofSeconds(60)).until(() -> lines.stream().anyMatch(l -> l.contains("e7-entered")));
        assertThat(lines).contains("event: ranking-change");
        stream.cancel(true);
    }
}
