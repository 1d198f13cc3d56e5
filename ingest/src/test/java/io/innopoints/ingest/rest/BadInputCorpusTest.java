package io.innopoints.ingest.rest;

import io.innopoints.localstack.junit.ErrorShape;
import io.innopoints.schemas.http.BearerTokens;
import static io.innopoints.ingest.rest.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.topic.Topic;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every case of the {@link BadInputCorpus} against the running API with an in-memory broker. */
class BadInputCorpusTest {
    private static ApiFixture api;

    /** The token of the provider that the type's example events name. */
    static String token(EventType type) {
        return Examples.node(type).get("provider").textValue() + "-token";
    }

    @BeforeAll
    static void start() {
        Map<String, String> props = new HashMap<>(Map.of("rate.requests-per-second", "100000", "rate.burst", "100000"));
        for (EventType type : EventType.values()) {
            String provider = Examples.node(type).get("provider").textValue();
            props.put("provider." + provider + ".token-sha256", BearerTokens.sha256Hex(token(type)));
            props.put("provider." + provider + ".event-types", type.id());
        }
        api = new ApiFixture(props);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    /** Distinct bodies per event type: a generator change that drops cases (or repeats them) fails here. */
    @Test
    void shouldHoldAtLeast4000DistinctBodiesAnd120Requests() {
        long distinct = BadInputCorpus.cases().stream()
                .map(c -> c.type().id() + "\n" + java.util.HexFormat.of().formatHex(c.body())).distinct().count();
        long requests = requests().stream().map(BadRequests.Request::name).distinct().count();

        assertThat(distinct).as("distinct bodies").isGreaterThanOrEqualTo(4000);
        assertThat(requests).as("distinct requests").isEqualTo(requests().size()).isGreaterThanOrEqualTo(120);
    }

    private static List<BadRequests.Request> requests() {
        return BadRequests.all(token(EventType.PATENTS), token(EventType.TAX_FILINGS), api.config.maxBodyBytes(),
                api.config.batchMaxRecords());
    }

    @Test
    void shouldRefuseEveryMalformedRequestWithA4xxInTheErrorShapeAndPublishNothing() {
        List<String> failures = new ArrayList<>();
        for (BadRequests.Request r : requests()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(rawUri(r.path()))
                    .method(r.method(), HttpRequest.BodyPublishers.ofByteArray(r.body()));
            if (r.contentType() != null) {
                request.header("Content-Type", r.contentType());
            }
            if (r.authorization() != null) {
                request.header("Authorization", r.authorization());
            }
            HttpResponse<String> response;
            try {
                response = api.send(request.build());
            } catch (RuntimeException e) {
                failures.add(r.name() + " -> no answer: " + e);
                continue;
            }
            ErrorShape.violation(response, r.field()).ifPresent(why -> failures.add(r.name() + " -> " + why));
        }

        assertThat(failures).as("requests not refused in the error shape").isEmpty();
        assertThat(api.publisher.sent(Topic.PATENT_EVENTS)).as("nothing published").isEmpty();
        assertThat(api.get("/health/live").statusCode()).isEqualTo(200);
    }

    /** A URI as written, percent-escapes and all (URI.create keeps them; the client sends them unchanged). */
    private static java.net.URI rawUri(String path) {
        return java.net.URI.create("http://127.0.0.1:" + api.app.port() + path);
    }

    @Test
    void shouldRejectEveryMalformedRequestWithAClearReasonAndStayUp() {
        List<String> failures = new ArrayList<>();
        int before = api.publisher.sent(Topic.INGEST_REJECTED).size();
        int cases = 0;
        for (BadInputCorpus.Case c : BadInputCorpus.cases()) {
            cases++;
            // the corpus is written with the providers' own ids; this provider may send any of them
            byte[] body = c.body();
            HttpResponse<String> response = api.postBytes("/v1/events/" + c.type().id(), token(c.type()), body);
            String why = check(c, response);
            if (why != null) {
                failures.add(c.name() + " -> " + why);
            }
        }
        assertThat(failures).as("cases not rejected clearly").isEmpty();
        assertThat(api.publisher.sent(Topic.PATENT_EVENTS)).as("nothing malformed was published").isEmpty();
        assertThat(api.publisher.sent(Topic.INGEST_REJECTED).size() - before).as("one dead letter per case").isEqualTo(cases);
        assertThat(api.get("/health/live").statusCode()).isEqualTo(200);
    }

    private static String check(BadInputCorpus.Case c, HttpResponse<String> response) {
        if (response.statusCode() != 400) {
            return "status " + response.statusCode() + ": " + response.body();
        }
        if (json(response).path("errors").isEmpty()) {
            return "no errors listed: " + response.body();
        }
        return ErrorShape.violation(response, c.field()).orElse(null);
    }

    @Test
    void shouldPublishEveryValidRecordOfMixedBatchesExactlyOnce() {
        // given: batches interleaving unique valid events with every corpus case that is a JSON object
        Map<EventType, List<BadInputCorpus.Case>> objects = BadInputCorpus.cases().stream().filter(BadInputCorpus.Case::isObject)
                .collect(Collectors.groupingBy(BadInputCorpus.Case::type));
        Map<EventType, List<String>> expected = new HashMap<>();
        int rejected = 0;
        for (var entry : objects.entrySet()) {
            EventType type = entry.getKey();
            List<BadInputCorpus.Case> bad = entry.getValue();
            for (int start = 0; start < bad.size(); start += 100) {
                // the malformed objects go in as their original text: re-serialising could repair them
                StringBuilder batch = new StringBuilder("[");
                int pairs = 0;
                for (int i = start; i < Math.min(bad.size(), start + 100); i++) {
                    String id = "mixed-" + type.id() + "-" + i;
                    batch.append(pairs++ == 0 ? "" : ",").append(((ObjectNode) Examples.node(type)).put("eventId", id));
                    expected.computeIfAbsent(type, t -> new ArrayList<>()).add(id);
                    batch.append(',').append(bad.get(i).text());
                    rejected++;
                }
                batch.append(']');
                // when
                HttpResponse<String> response = api.post("/v1/events/" + type.id() + ":batch", token(type), batch.toString());
                // then
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonNode body = json(response);
                assertThat(body.get("failed").asInt()).isZero();
                assertThat(body.get("rejected").asInt()).as("every malformed object rejected").isEqualTo(pairs);
                assertThat(body.get("accepted").asInt()).isEqualTo(pairs);
            }
        }
        for (var entry : expected.entrySet()) {
            Function<SpecificRecord, String> id = r -> (String) r.get(r.getSchema().getField("eventId").pos());
            List<String> published = api.publisher.sent(entry.getKey().topic()).stream().map(s -> id.apply(s.value()))
                    .filter(e -> e.startsWith("mixed-")).toList();
            assertThat(published).as(entry.getKey().id()).containsExactlyInAnyOrderElementsOf(entry.getValue());
        }
        assertThat(rejected).isGreaterThan(300);
    }
}
