package io.innopoints.ingest.rest;

import static io.innopoints.ingest.rest.ApiFixture.PATENT_TOKEN;
import static io.innopoints.ingest.rest.ApiFixture.TAX_TOKEN;
import static io.innopoints.ingest.rest.ApiFixture.json;
import static io.innopoints.ingest.rest.ApiFixture.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.innopoints.schemas.event.PatentEvent;
import io.innopoints.schemas.http.ProblemType;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.topic.Topic;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IngestApiTest {
    private ApiFixture api = new ApiFixture();

    @AfterEach
    void stop() {
        api.close();
    }

    private static ObjectNode patent(String eventId) {
        return ((ObjectNode) Examples.node(EventType.PATENTS)).put("eventId", eventId);
    }

    @Test
    void shouldAnswer202WithCoordinatesAfterTheBrokerAcknowledged() {
        // when
        HttpResponse<String> response = api.post("/v1/events/patents", PATENT_TOKEN, Examples.json(EventType.PATENTS));
        // then
        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = json(response);
        assertThat(body.get("status").asText()).isEqualTo("accepted");
        assertThat(body.get("topic").asText()).isEqualTo("patent-events");
        assertThat(body.get("partition").asInt()).isZero();
        assertThat(body.get("offset").asLong()).isZero();
        assertThat(api.publisher.sent(Topic.PATENT_EVENTS)).hasSize(1);
    }

    @Test
    void shouldNotAnswerBeforeTheBrokerAcknowledged() {
        // given acknowledgements are held back
        api.publisher.holdAcks();
        // when
        CompletableFuture<HttpResponse<String>> pending = CompletableFuture.supplyAsync(
                () -> api.post("/v1/events/patents", PATENT_TOKEN, Examples.json(EventType.PATENTS)));
        // then: the event was sent but no answer came yet
        org.awaitility.Awaitility.await().until(() -> api.publisher.sent().size() == 1);
        assertThat(pending).isNotDone();
        api.publisher.release();
        assertThat(pending.join().statusCode()).isEqualTo(202);
    }

    @Test
    void shouldAnswerAResendAsDuplicateWithTheFirstCoordinates() {
        api.post("/v1/events/patents", PATENT_TOKEN, Examples.json(EventType.PATENTS));
        HttpResponse<String> again = api.post("/v1/events/patents", PATENT_TOKEN, Examples.json(EventType.PATENTS));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("status").asText()).isEqualTo("duplicate");
        assertThat(json(again).get("message").asText()).contains("duplicate, already accepted");
        assertThat(api.publisher.sent()).hasSize(1);
    }

    @Test
    void shouldRejectAnInvalidEventWith400NamingEveryField() {
        ObjectNode bad = patent("p-1").put("creditCode", "91110108ma01abcden").put("actionDate", "2025-13-01");
        HttpResponse<String> response = api.post("/v1/events/patents", PATENT_TOKEN, bad.toString());
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = problem(response, ProblemType.VALIDATION);
        assertThat(body.get("eventId").asText()).isEqualTo("p-1");
        assertThat(body.get("instance").asText()).isEqualTo("/v1/events/patents");
        assertThat(body.get("errors").findValuesAsText("field")).containsExactly("actionDate");
        assertThat(api.publisher.sent(Topic.INGEST_REJECTED)).hasSize(1);
    }

    @Test
    void shouldRequireAValidBearerToken() {
        HttpResponse<String> none = api.post("/v1/events/patents", null, Examples.json(EventType.PATENTS));
        HttpResponse<String> wrong = api.post("/v1/events/patents", "not-a-token", Examples.json(EventType.PATENTS));
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        problem(wrong, ProblemType.UNAUTHORIZED);
        problem(none, ProblemType.UNAUTHORIZED);
        assertThat(api.publisher.sent()).isEmpty();
    }

    @Test
    void shouldForbidEventTypesOutsideTheProvidersScope() {
        HttpResponse<String> response = api.post("/v1/events/patents", TAX_TOKEN, Examples.json(EventType.PATENTS));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(problem(response, ProblemType.FORBIDDEN).get("detail").asText()).contains("tax-bureau").contains("patents");
        assertThat(api.publisher.sent()).isEmpty();
    }

    @Test
    void shouldAnswer404ForAnUnknownEventType() {
        HttpResponse<String> response = api.post("/v1/events/patentz", PATENT_TOKEN, "{}");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(problem(response, ProblemType.UNKNOWN_EVENT_TYPE).get("detail").asText()).contains("patentz").contains("tech-contracts");
    }

    @Test
    void shouldAnswer413ForABodyAboveTheLimit() {
        api.close();
        api = new ApiFixture(Map.of("http.max-body-bytes", "2048"));
        String big = patent("p-big").put("title", "x".repeat(5000)).toString();
        HttpResponse<String> response = api.post("/v1/events/patents", PATENT_TOKEN, big);
        assertThat(response.statusCode()).isEqualTo(413);
        problem(response, ProblemType.PAYLOAD_TOO_LARGE);
    }

    @Test
    void shouldAnswer413ForABatchAboveTheRecordLimit() {
        api.close();
        api = new ApiFixture(Map.of("batch.max-records", "2"));
        ArrayNode batch = JsonNodeFactory.instance.arrayNode().add(patent("a")).add(patent("b")).add(patent("c"));
        HttpResponse<String> response = api.post("/v1/events/patents:batch", PATENT_TOKEN, batch.toString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(problem(response, ProblemType.BATCH_TOO_LARGE).get("detail").asText()).contains("at most 2");
        assertThat(api.publisher.sent()).isEmpty();
    }

    @Test
    void shouldAnswer429WithRetryAfterBeyondTheProvidersRate() {
        api.close();
        api = new ApiFixture(Map.of("rate.requests-per-second", "0.01", "rate.burst", "2"));
        api.post("/v1/events/patents", PATENT_TOKEN, patent("r1").toString());
        api.post("/v1/events/patents", PATENT_TOKEN, patent("r2").toString());
        HttpResponse<String> third = api.post("/v1/events/patents", PATENT_TOKEN, patent("r3").toString());
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).hasValue("100");
        problem(third, ProblemType.TOO_MANY_REQUESTS);
        assertThat(api.publisher.sent()).hasSize(2);
        // other providers have their own budget
        assertThat(api.post("/v1/events/tax-filings", TAX_TOKEN, Examples.json(EventType.TAX_FILINGS)).statusCode()).isEqualTo(202);
    }

    @Test
    void shouldAnswer429WhenTooManyRecordsAwaitAcknowledgement() {
        api.close();
        api = new ApiFixture(Map.of("ingest.max-in-flight-records", "2", "batch.max-records", "2"));
        api.publisher.holdAcks();
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(
                () -> api.post("/v1/events/patents:batch", PATENT_TOKEN, "[" + patent("a") + "," + patent("b") + "]"));
        org.awaitility.Awaitility.await().until(() -> api.publisher.sent().size() == 2);
        HttpResponse<String> refused = api.post("/v1/events/patents", PATENT_TOKEN, patent("c").toString());
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        problem(refused, ProblemType.TOO_MANY_REQUESTS);
        api.publisher.release();
        assertThat(first.join().statusCode()).isEqualTo(200);
        assertThat(api.post("/v1/events/patents", PATENT_TOKEN, patent("c").toString()).statusCode()).isEqualTo(202);
    }

    @Test
    void shouldAcceptEveryValidRecordOfAMixedBatchExactlyOnceAndRejectTheOthers() {
        // given: valid, invalid, valid, valid resent, unknown field
        ArrayNode batch = JsonNodeFactory.instance.arrayNode()
                .add(patent("m-0"))
                .add(patent("m-1").put("patentType", "HOVERCRAFT"))
                .add(patent("m-2"))
                .add(patent("m-0"))
                .add(patent("m-4").put("colour", "blue"));
        // when
        HttpResponse<String> response = api.post("/v1/events/patents:batch", PATENT_TOKEN, batch.toString());
        // then
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("accepted").asInt()).isEqualTo(2);
        assertThat(body.get("duplicates").asInt()).isEqualTo(1);
        assertThat(body.get("rejected").asInt()).isEqualTo(2);
        assertThat(body.get("results").findValuesAsText("status"))
                .containsExactly("accepted", "rejected", "accepted", "duplicate", "rejected");
        assertThat(body.get("results").get(4).get("errors").get(0).get("field").asText()).isEqualTo("colour");
        assertThat(api.publisher.sent(Topic.PATENT_EVENTS)).extracting(s -> ((PatentEvent) s.value()).getEventId())
                .containsExactly("m-0", "m-2");
        assertThat(api.publisher.sent(Topic.INGEST_REJECTED)).hasSize(2);
    }

    @Test
    void shouldRouteTheLiteralColonBatchPathAndItsPercentEncodedForm() {
        String one = "[" + patent("c-1") + "]";
        assertThat(api.post("/v1/events/patents:batch", PATENT_TOKEN, one).statusCode()).isEqualTo(200);
        assertThat(api.post("/v1/events/patents%3Abatch", PATENT_TOKEN, "[" + patent("c-2") + "]").statusCode()).isEqualTo(200);
        assertThat(api.publisher.sent(Topic.PATENT_EVENTS)).hasSize(2);
    }

    @Test
    void shouldRejectABatchThatIsNotAnArray() {
        HttpResponse<String> response = api.post("/v1/events/patents:batch", PATENT_TOKEN, patent("x").toString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(problem(response, ProblemType.INVALID_BATCH).get("errors").get(0).get("reason").asText()).contains("JSON array");
    }

    @Test
    void shouldAnswer503WhenTheBrokerDoesNotAcknowledge() {
        api.publisher.failAfter(0);
        HttpResponse<String> response = api.post("/v1/events/patents", PATENT_TOKEN, Examples.json(EventType.PATENTS));
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        problem(response, ProblemType.UNAVAILABLE);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void shouldServeHealthAndReadiness() {
        assertThat(api.get("/health/live").statusCode()).isEqualTo(200);
        assertThat(api.get("/health/ready").statusCode()).isEqualTo(200);
        api.kafkaUp.set(false);
        HttpResponse<String> down = api.get("/health/ready");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(json(down).get("checks").get("kafka").asText()).isEqualTo("DOWN");
    }

    @Test
    void shouldExposeAcceptedAndRejectedCountsAndProduceLatencyAsPrometheusMetrics() {
        api.post("/v1/events/patents", PATENT_TOKEN, Examples.json(EventType.PATENTS));
        api.post("/v1/events/patents", PATENT_TOKEN, "{");
        String metrics = api.get("/metrics").body();
        assertThat(metrics).contains("ingest_events_accepted_total{provider=\"patent-office\",source=\"REST\",type=\"patents\"} 1.0");
        assertThat(metrics).contains("ingest_events_rejected_total{provider=\"patent-office\",source=\"REST\",type=\"patents\"} 1.0");
        assertThat(metrics).contains("ingest_produce_latency_seconds_count{type=\"patents\"} 1");
    }

    @Test
    void shouldServeAnOpenApiDocumentWithEveryPathSchemaAndExample() {
        JsonNode doc = json(api.get("/openapi.json"));
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        for (EventType type : EventType.values()) {
            JsonNode single = doc.at("/paths/~1v1~1events~1" + type.id() + "/post");
            JsonNode batch = doc.at("/paths/~1v1~1events~1" + type.id() + ":batch/post");
            assertThat(single.isMissingNode()).as(type.id()).isFalse();
            assertThat(batch.isMissingNode()).as(type.id() + ":batch").isFalse();
            assertThat(single.at("/requestBody/content/application~1json/example/eventId").isTextual()).isTrue();
            String schemaName = type.schema().getName();
            JsonNode schema = doc.at("/components/schemas/" + schemaName);
            assertThat(schema.get("properties").size()).isEqualTo(type.schema().getFields().size());
            assertThat(single.get("responses").fieldNames()).toIterable()
                    .contains("202", "200", "400", "401", "403", "413", "429", "503");
        }
        assertThat(doc.at("/paths/~1health~1ready").isMissingNode()).isFalse();
    }

    @Test
    void shouldAnswerUnknownPathsWithAJsonError() {
        HttpResponse<String> response = api.get("/nope");
        assertThat(response.statusCode()).isEqualTo(404);
        problem(response, ProblemType.NOT_FOUND);
    }
}
