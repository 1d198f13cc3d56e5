package io.innopoints.ingest.it;

import io.innopoints.schemas.http.BearerTokens;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.innopoints.ingest.app.IngestRuntime;
import io.innopoints.ingest.rest.BadInputCorpus;
import io.innopoints.ingest.rest.Examples;
import io.innopoints.localstack.junit.LocalStackExtension;
import io.innopoints.schemas.dlq.DeadLetter;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bad-input corpus against the service on the real broker: every malformed request is rejected (400) and
 * dead-lettered, the service stays ready, and in mixed batches every valid record reaches its topic exactly once.
 */
class BadInputCorpusIT {
    @RegisterExtension
    static final LocalStackExtension platform = LocalStackExtension.singleNode();

    private final HttpClient http = HttpClient.newHttpClient();

    private static String token(EventType type) {
        return Examples.node(type).get("provider").textValue() + "-it-token";
    }

    private HttpResponse<String> post(Javalin server, String path, String token, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldRejectEveryMalformedRequestAndPublishEveryValidBatchRecordExactlyOnce() throws Exception {
        // given
        TopicCatalog topics = platform.uniqueCatalog(3);
        Map<String, String> extra = new HashMap<>(Map.of("rate.requests-per-second", "100000", "rate.burst", "100000"));
        for (EventType type : EventType.values()) {
            String provider = Examples.node(type).get("provider").textValue();
            extra.put("provider." + provider + ".token-sha256", BearerTokens.sha256Hex(token(type)));
            extra.put("provider." + provider + ".event-types", type.id());
        }
        List<BadInputCorpus.Case> corpus = BadInputCorpus.cases();
        try (IngestRuntime runtime = new IngestRuntime(Platforms.config(platform, topics, extra), Clock.systemUTC())) {
            Javalin server = runtime.startServer();
            // when every malformed request is sent alone
            List<String> notRejected = new ArrayList<>();
            for (BadInputCorpus.Case c : corpus) {
                HttpResponse<String> response = post(server, "/v1/events/" + c.type().id(), token(c.type()), c.body());
                if (response.statusCode() != 400 || response.body().contains("Exception")) {
                    notRejected.add(c.name() + " -> " + response.statusCode() + " " + response.body());
                }
            }
            // and mixed batches interleave a unique valid event with each malformed object
            Map<EventType, List<String>> expected = new HashMap<>();
            int rejectedInBatches = 0;
            for (EventType type : EventType.values()) {
                List<BadInputCorpus.Case> bad = corpus.stream().filter(c -> c.type() == type && c.isObject()).toList();
                // malformed objects go in as their original text: re-serialising could repair them
                StringBuilder batch = new StringBuilder("[");
                int pairs = 0;
                for (int i = 0; i < bad.size(); i++) {
                    String id = "it-mixed-" + type.id() + "-" + i;
                    batch.append(pairs++ == 0 ? "" : ",").append(((ObjectNode) Examples.node(type)).put("eventId", id));
                    expected.computeIfAbsent(type, t -> new ArrayList<>()).add(id);
                    batch.append(',').append(bad.get(i).text());
                    rejectedInBatches++;
                    if (pairs >= 200 || i == bad.size() - 1) {
                        HttpResponse<String> response = post(server, "/v1/events/" + type.id() + ":batch", token(type),
                                batch.append(']').toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                        JsonNode body = AvroJson.parse(response.body()).value();
                        assertThat(body.get("rejected").asInt()).isEqualTo(pairs);
                        assertThat(body.get("accepted").asInt()).isEqualTo(pairs);
                        batch = new StringBuilder("[");
                        pairs = 0;
                    }
                }
            }
            // then
            assertThat(notRejected).isEmpty();
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
            for (var entry : expected.entrySet()) {
                EventType type = entry.getKey();
                @SuppressWarnings("unchecked")
                Class<SpecificRecord> cls = (Class<SpecificRecord>) type.recordClass();
                int count = entry.getValue().size();
                var records = platform.consumeUntil(topics.name(type.topic()), cls, read -> read.size() >= count, Duration.ofSeconds(60));
                List<String> ids = records.stream().map(r -> (String) r.value().get(r.value().getSchema().getField("eventId").pos())).toList();
                assertThat(ids).as(type.id()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(entry.getValue());
            }
            int letters = corpus.size() + rejectedInBatches;
            var dead = platform.consumeUntil(topics.name(Topic.INGEST_REJECTED), DeadLetter.class,
                    read -> read.size() >= letters, Duration.ofSeconds(60));
            assertThat(dead).hasSize(letters);
        }
    }
}
