package io.innopoints.sink.app;

import static io.innopoints.sink.testing.Fixtures.code;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.innopoints.schemas.event.EnterpriseRegistration;
import io.innopoints.schemas.topic.EventHeader;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.topic.TopicCatalog;
import io.innopoints.sink.config.SinkConfig;
import io.innopoints.sink.json.SinkJson;
import io.innopoints.sink.testing.Platform;
import io.innopoints.sink.testing.ReleaseEvents;
import io.innopoints.sink.testing.TestAccess;
import io.innopoints.sink.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing a period end to end on the embedded platform: input events on Kafka (one transaction of them aborted) → an
 * operator's POST → the release on {@code period-releases} → materialized by the sink → served; a later cut-off makes
 * version 2 with its changes; a sink on an empty database materializes both again from the topic.
 */
@Timeout(180)
class PeriodReleaseIT {
    final HttpClient http = HttpClient.newHttpClient();
    final List<SinkApp> apps = new ArrayList<>();
    TopicCatalog topics;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        topics = Platform.topics(2);
    }

    @AfterEach
    void tearDown() {
        apps.forEach(SinkApp::close);
    }

    SinkApp startSink(String database) {
        Map<String, String> props = new HashMap<>(Platform.topicProperties(topics));
        props.put("jdbc.url", TestDatabases.sqliteUrl(dir.resolve(database)));
        props.put("bootstrap.servers", Platform.bootstrapServers());
        props.put("schema.registry.url", Platform.registryUrl());
        props.put("group.id", Platform.unique("sink-releases"));
        props.put("http.port", "0");
        props.put("poll.timeout.ms", "100");
        props.put("lag.enabled", "false");
        props.putAll(TestAccess.adminProperties());
        SinkApp app = SinkApp.start(SinkConfig.load(props, Map.of()));
        apps.add(app);
        return app;
    }

    HttpResponse<String> send(SinkApp app, String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + app.httpPort() + path))
                .headers(TestAccess.bearer(token))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return SinkJson.mapper().readTree(r.body());
    }

    static String close(String cutOff) {
        return "{\"asOf\": \"2024-12-31\", \"cutOff\": \"" + cutOff + "\", \"model\": \"national-2024\"}";
    }

    @Test
    void shouldCloseAPeriodFromTheTopicsAndServeEveryVersionAgainFromAnEmptyDatabase() throws Exception {
        // Given the log on the input topics, and a registration of enterprise 7 in an aborted transaction
        try (Platform.Producer producer = new Platform.Producer(Map.of("transactional.id", Platform.unique("tx")))) {
            var tx = producer.raw();
            tx.initTransactions();
            tx.beginTransaction();
            for (SpecificRecord e : ReleaseEvents.all()) {
                String topic = topics.name(EventType.byRecordClass(e.getClass()).orElseThrow());
                String key = EventHeader.of(e).creditCode();
                tx.send(new ProducerRecord<>(topic, producer.key(topic, key), producer.value(topic, e)));
            }
            tx.commitTransaction();
            tx.beginTransaction();
            EnterpriseRegistration aborted = EnterpriseRegistration.newBuilder(
                    (EnterpriseRegistration) ReleaseEvents.registrations().get(0)).setEventId("reg-7")
                    .setCreditCode(code(7)).build();
            String registrations = topics.name(Topic.ENTERPRISE_REGISTRATIONS);
            tx.send(new ProducerRecord<>(registrations, producer.key(registrations, code(7)),
                    producer.value(registrations, aborted)));
            tx.flush();
            tx.abortTransaction();
        }
        SinkApp sink = startSink("first.db");

        // When an operator closes 2024-annual with the January cut-off
        HttpResponse<String> v1 = send(sink, "POST", "/api/v1/releases/2024-annual", TestAccess.OPERATOR, close("2025-01-10"));

        // Then version 1 is published from the committed events only, and materialized
        assertThat(v1.statusCode()).as(v1.body()).isEqualTo(201);
        assertThat(json(v1).get("eventsCounted").asInt()).isEqualTo(6);
        assertThat(json(v1).get("eventsAfterCutOff").asInt()).isEqualTo(5);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                send(sink, "GET", "/api/v1/releases/2024-annual", TestAccess.ADMIN, null).statusCode() == 200);
        JsonNode first = json(send(sink, "GET", "/api/v1/releases/2024-annual", TestAccess.ADMIN, null));
        assertThat(first.get("enterprises").asInt()).isEqualTo(3);
        assertThat(first.get("digest").asText()).isEqualTo(json(v1).get("digest").asText());

        // When it is closed again with the same cut-off, then with the February one
        HttpResponse<String> again = send(sink, "POST", "/api/v1/releases/2024-annual", TestAccess.OPERATOR, close("2025-01-10"));
        HttpResponse<String> v2 = send(sink, "POST", "/api/v1/releases/2024-annual", TestAccess.ADMIN, close("2025-02-01"));

        // Then nothing new the first time, version 2 with enterprise 2's rise the second
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(v2.statusCode()).as(v2.body()).isEqualTo(201);
        assertThat(json(v2).get("version").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                json(send(sink, "GET", "/api/v1/releases", TestAccess.OPERATOR, null)).size() == 2);
        JsonNode second = json(send(sink, "GET", "/api/v1/releases/2024-annual", TestAccess.BANK, null));
        assertThat(second.get("changes")).anyMatch(c -> c.get("creditCode").asText().equals(code(2))
                && c.get("kind").asText().equals("MOVED"));

        // And a sink on an empty database serves both versions, byte-identical by digest, from the topic alone
        SinkApp fresh = startSink("second.db");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                json(send(fresh, "GET", "/api/v1/releases", TestAccess.OPERATOR, null)).size() == 2);
        JsonNode restored = json(send(fresh, "GET", "/api/v1/releases/2024-annual?version=1", TestAccess.ADMIN, null));
        assertThat(restored.get("digest").asText()).isEqualTo(json(v1).get("digest").asText());
    }
}
