package io.innopoints.ingest.it;

import io.innopoints.schemas.http.BearerTokens;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.innopoints.ingest.app.IngestRuntime;
import io.innopoints.ingest.rest.Examples;
import io.innopoints.localstack.junit.LocalStackExtension;
import io.innopoints.schemas.dlq.DeadLetter;
import io.innopoints.schemas.dlq.RejectSource;
import io.innopoints.schemas.event.PatentEvent;
import io.innopoints.schemas.json.AvroJson;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.topic.TopicCatalog;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The REST API on the embedded broker and registry: what it answers is what a consumer reads with the Avro serde. */
class IngestRestIT {
    @RegisterExtension
    static final LocalStackExtension platform = LocalStackExtension.singleNode();

    private static final String TOKEN = "patent-office-it-token";
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(Javalin server, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void shouldPublishWhatTheApiAcceptedReadableByTheAvroDeserializer() throws Exception {
        // given
        TopicCatalog topics = platform.uniqueCatalog(3);
        var config = Platforms.config(platform, topics, Map.of(
                "provider.patent-office.token-sha256", BearerTokens.sha256Hex(TOKEN),
                "provider.patent-office.event-types", "patents"));
        try (IngestRuntime runtime = new IngestRuntime(config, Clock.systemUTC())) {
            Javalin server = runtime.startServer();
            String body = Examples.json(EventType.PATENTS);
            String bad = ((ObjectNode) Examples.node(EventType.PATENTS)).put("eventId", "bad-1")
                    .put("creditCode", "91110108MA01ABCDE0").toString();
            String batch = "[" + ((ObjectNode) Examples.node(EventType.PATENTS)).put("eventId", "b-1") + "," + bad + "]";
            // when
            HttpResponse<String> accepted = post(server, "/v1/events/patents", body);
            HttpResponse<String> rejected = post(server, "/v1/events/patents", bad);
            HttpResponse<String> mixed = post(server, "/v1/events/patents:batch", batch);
            HttpResponse<String> duplicate = post(server, "/v1/events/patents", body);
            // then
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            assertThat(rejected.statusCode()).isEqualTo(400);
            assertThat(mixed.statusCode()).isEqualTo(200);
            assertThat(duplicate.statusCode()).isEqualTo(200);
            JsonNode coordinates = AvroJson.parse(accepted.body()).value();
            assertThat(coordinates.get("topic").asText()).isEqualTo(topics.name(Topic.PATENT_EVENTS));

            List<ConsumerRecord<String, PatentEvent>> events = platform.consumeUntil(topics.name(Topic.PATENT_EVENTS),
                    PatentEvent.class, read -> read.size() >= 2);
            assertThat(events).hasSize(2);
            ConsumerRecord<String, PatentEvent> first = events.stream()
                    .filter(r -> r.value().getEventId().equals("pat-2025-000001")).findFirst().orElseThrow();
            assertThat(first.key()).isEqualTo("91110108MA01ABCDEN");
            assertThat(first.value()).isEqualTo(AvroJson.read(body, PatentEvent.class).value());
            assertThat(first.partition()).isEqualTo(coordinates.get("partition").asInt());
            assertThat(first.offset()).isEqualTo(coordinates.get("offset").asLong());
            assertThat(events).extracting(r -> r.value().getEventId()).containsExactlyInAnyOrder("pat-2025-000001", "b-1");

            List<ConsumerRecord<String, DeadLetter>> letters = platform.consumeUntil(topics.name(Topic.INGEST_REJECTED),
                    DeadLetter.class, read -> read.size() >= 2);
            assertThat(letters).hasSize(2).allSatisfy(r -> {
                assertThat(r.value().getSource()).isEqualTo(RejectSource.REST);
                assertThat(r.value().getProvider()).isEqualTo("patent-office");
                assertThat(r.value().getEventId()).isEqualTo("bad-1");
                assertThat(r.value().getErrors()).extracting(e -> e.getField()).containsExactly("creditCode");
            });

            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void shouldAcknowledgeTheDeadLetterOfAnInvalidBodyAtTheSizeLimitOnARealBroker() throws Exception {
        // given a malformed body of exactly the default 1 MiB limit, and one with an absurd exponent
        TopicCatalog topics = platform.uniqueCatalog(1);
        var config = Platforms.config(platform, topics, Map.of(
                "provider.patent-office.token-sha256", BearerTokens.sha256Hex(TOKEN),
                "provider.patent-office.event-types", "patents"));
        String huge = "{\"title\":\"" + "x".repeat((int) config.maxBodyBytes() - 10);
        assertThat(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize((int) config.maxBodyBytes());
        String absurd = Examples.json(EventType.PATENTS).replaceFirst("\"eventTime\":\"[^\"]*\"", "\"eventTime\":1e2147483648");
        try (IngestRuntime runtime = new IngestRuntime(config, Clock.systemUTC())) {
            Javalin server = runtime.startServer();
            // when
            HttpResponse<String> tooBigToKeep = post(server, "/v1/events/patents", huge);
            HttpResponse<String> exponent = post(server, "/v1/events/patents", absurd);
            // then both are rejected (not 503), and both dead letters are in the topic
            assertThat(tooBigToKeep.statusCode()).as(tooBigToKeep.body()).isEqualTo(400);
            assertThat(exponent.statusCode()).as(exponent.body()).isEqualTo(400);
            assertThat(AvroJson.parse(exponent.body()).value().get("errors").findValuesAsText("field")).containsExactly("eventTime");
            List<ConsumerRecord<String, DeadLetter>> letters = platform.consumeUntil(topics.name(Topic.INGEST_REJECTED),
                    DeadLetter.class, read -> read.size() >= 2);
            DeadLetter truncated = letters.stream().map(ConsumerRecord::value)
                    .filter(l -> l.getOriginalSize() != null && l.getOriginalSize() == config.maxBodyBytes())
                    .findFirst().orElseThrow();
            assertThat(truncated.getOriginalSha256()).hasSize(64);
            assertThat(truncated.getOriginalValue().remaining()).isLessThan((int) config.maxBodyBytes());
        }
    }
}
