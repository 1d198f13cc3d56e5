package io.innopoints.sink.app;

import io.innopoints.sink.json.SinkJson;
import static io.innopoints.sink.testing.Fixtures.code;
import static io.innopoints.sink.testing.Fixtures.score;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.innopoints.schemas.credit.CreditListChange;
import io.innopoints.schemas.registry.RestSchemaRegistryClient;
import io.innopoints.schemas.serde.AvroDeserializer;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.topic.TopicCatalog;
import io.innopoints.sink.config.SinkConfig;
import io.innopoints.sink.store.CreditListStore;
import io.innopoints.sink.store.Database;
import io.innopoints.sink.testing.Platform;
import io.innopoints.sink.testing.TestAccess;
import io.innopoints.sink.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bank's credit programme end to end on the embedded platform: scores published to Kafka → the sink's read model
 * → the allocation served to the bank (and refused to others) → entries and exits on {@code credit-list-changes},
 * exactly once across a restart of the sink on the same database.
 */
@Timeout(120)
class CreditListIT {
    static final ObjectMapper JSON = SinkJson.mapper();
    final HttpClient http = HttpClient.newHttpClient();
    final List<SinkApp> apps = new ArrayList<>();
    TopicCatalog topics;
    Platform.Producer producer;
    String jdbcUrl;
    String group;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        topics = Platform.topics(2);
        producer = new Platform.Producer();
        jdbcUrl = TestDatabases.sqliteUrl(dir);
        group = Platform.unique("sink-credit");
    }

    @AfterEach
    void tearDown() {
        apps.forEach(SinkApp::close);
        producer.close();
    }

    SinkApp startSink() {
        Map<String, String> props = new HashMap<>(Platform.topicProperties(topics));
        props.put("jdbc.url", jdbcUrl);
        props.put("bootstrap.servers", Platform.bootstrapServers());
        props.put("schema.registry.url", Platform.registryUrl());
        props.put("group.id", group);
        props.put("http.port", "0");
        props.put("poll.timeout.ms", "100");
        props.put("lag.enabled", "false");
        props.put("credit.refresh.ms", "100");
        props.put("credit.pilot.bank", TestAccess.BANK_ID);
        props.put("credit.pilot.zone", "ZONE-A");
        props.put("credit.pilot.budget-yuan", "800000000");
        props.put("credit.pilot.cap-yuan", "500000000");
        props.put("credit.pilot.tiers", "A=2000000,B=1000000");
        props.put("credit.pilot.eligibility", "*:rank<=2");
        props.putAll(TestAccess.adminProperties());
        SinkApp app = SinkApp.start(SinkConfig.load(props, Map.of()));
        apps.add(app);
        return app;
    }

    HttpResponse<String> get(SinkApp app, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + app.httpPort() + path));
        if (token != null) {
            b.headers(TestAccess.bearer(token));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every event on the credit topic, read_committed from the beginning, by sequence. */
    List<CreditListChange> events() {
        String topic = topics.name(Topic.CREDIT_LIST_CHANGES);
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Platform.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        AvroDeserializer<CreditListChange> values = new AvroDeserializer<>(
                new RestSchemaRegistryClient(Platform.registryUrl()), CreditListChange.class);
        List<CreditListChange> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(values.deserialize(topic, r.value()));
                }
            }
        }
        out.sort(Comparator.comparingLong(CreditListChange::getSequence));
        return out;
    }

    static List<String> summary(List<CreditListChange> events) {
        return events.stream().map(e -> e.getSequence() + " " + e.getKind() + " " + e.getCreditCode()).toList();
    }

    @Test
    void shouldServeTheBanksAllocationAndPublishEntriesAndExitsOnceAcrossARestart() throws Exception {
        // Given a sink with the bank's programme (ZONE-A, live top 2 per stage, 800 million yuan)
        SinkApp sink = startSink();
        String scores = topics.name(Topic.ENTERPRISE_SCORES);

        // When three ZONE-A enterprises and one of ZONE-B are scored
        producer.send(scores, code(1), score(1, 1, 90, 1, "A"));
        producer.send(scores, code(2), score(2, 1, 80, 2, "A"));
        producer.send(scores, code(3), score(3, 1, 70, 3, "B"));
        producer.send(scores, code(4), score(4, 1, 99, "ZONE-B", "growth", "C39", 1, "A"));

        // Then the top 2 enter the list, on the topic and in the bank's allocation (both tier A: half the budget each)
        await().atMost(Duration.ofSeconds(60)).until(() -> events().size() == 2);
        assertThat(summary(events())).containsExactly("1 ENTERED " + code(1), "2 ENTERED " + code(2));
        JsonNode allocation = JSON.readTree(get(sink, "/api/v1/credit-programmes/pilot/allocation", TestAccess.BANK).body());
        assertThat(allocation.get("entries")).extracting(e -> e.get("creditCode").asText()).containsExactly(code(1), code(2));
        assertThat(allocation.get("programme").get("allocatedYuan").asLong()).isEqualTo(800_000_000L);
        assertThat(allocation.get("entries")).extracting(e -> e.get("amountYuan").asLong())
                .containsExactly(400_000_000L, 400_000_000L);
        // and refused without a token (401) or to an operator (403), as problem documents
        HttpResponse<String> anonymous = get(sink, "/api/v1/credit-programmes/pilot/allocation", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(get(sink, "/api/v1/credit-programmes/pilot/allocation", TestAccess.OPERATOR).statusCode())
                .isEqualTo(403);

        // When the sink restarts on the same database and enterprise 3 then overtakes enterprise 2
        sink.close();
        SinkApp restarted = startSink();
        producer.send(scores, code(3), score(3, 2, 85, 2, "A"));

        // Then 2 exits and 3 enters once; nothing of the first list is announced again; one epoch, no gap
        await().atMost(Duration.ofSeconds(60)).until(() -> events().size() >= 4);
        List<CreditListChange> events = events();
        assertThat(summary(events)).containsExactly("1 ENTERED " + code(1), "2 ENTERED " + code(2),
                "3 EXITED " + code(2), "4 ENTERED " + code(3));
        assertThat(events).extracting(CreditListChange::getEpoch).containsOnly(events.get(0).getEpoch());
        assertThat(events).extracting(CreditListChange::getEventId).doesNotHaveDuplicates();
        assertThat(events.get(2).getLiveRank()).isEqualTo(3);
        JsonNode after = JSON.readTree(get(restarted, "/api/v1/credit-programmes/pilot/allocation", TestAccess.BANK).body());
        assertThat(after.get("entries")).extracting(e -> e.get("creditCode").asText()).containsExactly(code(1), code(3));
    }

    @Test
    void shouldNotSendAgainWhatTheLastRunSentButCouldNotMarkSent() throws Exception {
        // Given two entries published by a first run
        SinkApp first = startSink();
        String scores = topics.name(Topic.ENTERPRISE_SCORES);
        producer.send(scores, code(1), score(1, 1, 90, 1, "A"));
        producer.send(scores, code(2), score(2, 1, 80, 2, "A"));
        await().atMost(Duration.ofSeconds(60)).until(() -> events().size() == 2);
        first.close();
        // ... which crashed after the broker's acknowledgement and before marking the rows sent
        try (Database db = Database.open(jdbcUrl, "", "", 1); Connection c = db.dataSource().getConnection();
             Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("UPDATE credit_list_outbox SET sent_at = NULL")).isEqualTo(2);
        }

        // When the sink starts again and enterprise 3 enters
        startSink();
        producer.send(scores, code(3), score(3, 1, 85, 2, "A"));

        // Then the two are found on the topic and not sent again; only the new changes follow
        await().atMost(Duration.ofSeconds(60)).until(() -> events().size() >= 4);
        assertThat(summary(events())).containsExactly("1 ENTERED " + code(1), "2 ENTERED " + code(2),
                "3 EXITED " + code(2), "4 ENTERED " + code(3));
        try (Database db = Database.open(jdbcUrl, "", "", 1)) {
            assertThat(new CreditListStore(db.dataSource()).unsent(10)).isEmpty();
        }
    }
}
