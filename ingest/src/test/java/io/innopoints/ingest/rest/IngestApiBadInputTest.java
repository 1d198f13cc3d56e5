package io.innopoints.ingest.rest;

import static io.innopoints.ingest.rest.ApiFixture.PATENT_TOKEN;
import static io.innopoints.ingest.rest.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.innopoints.ingest.domain.FakePublisher;
import io.innopoints.schemas.dlq.DeadLetter;
import io.innopoints.schemas.http.ErrorBody;
import io.innopoints.schemas.http.ProblemType;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.topic.Topic;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 12's bad input against the REST API: each answered 4xx in the one error shape (RFC 9457 problem+json), nothing lost. */
class IngestApiBadInputTest {
    private final ApiFixture api = new ApiFixture();

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<String> post(String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri("/v1/events/patents"))
                .header("Authorization", "Bearer " + PATENT_TOKEN).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return api.send(request.build());
    }

    private static void assertErrorShape(int status, ProblemType type, HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(ErrorBody.CONTENT_TYPE));
        JsonNode body = json(response);
        assertThat(body).as("JSON body of %s", response.body()).isNotNull();
        assertThat(body.get("type").asText()).isEqualTo(type.uri());
        assertThat(body.get("title").asText()).isEqualTo(type.title());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("detail").asText()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"eventTime", "actionDate"})
    void shouldRejectAnAbsurdExponentWith400NamingTheFieldAndWriteADeadLetter(String field) {
        // given a patent whose field holds 1e2147483648 (no BigDecimal can represent it)
        String body = Examples.json(EventType.PATENTS).replaceFirst("\"" + field + "\":\"[^\"]*\"", "\"" + field + "\":1e2147483648");
        // when
        HttpResponse<String> response = post("application/json", body);
        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errors").findValuesAsText("field")).containsExactly(field);
        assertThat(api.publisher.sent(Topic.INGEST_REJECTED)).hasSize(1);
    }

    @Test
    void shouldRejectAnAbsurdExponentInsideABatchNamingIndexAndField() {
        String good = Examples.json(EventType.PATENTS);
        String bad = good.replaceFirst("\"eventTime\":\"[^\"]*\"", "\"eventTime\":-1E2147483648");
        HttpResponse<String> response = api.post("/v1/events/patents:batch", PATENT_TOKEN, "[" + good + "," + bad + "]");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errors").findValuesAsText("field")).containsExactly("[1].eventTime");
        assertThat(api.publisher.sent(Topic.INGEST_REJECTED)).hasSize(1);
    }

    @Test
    void shouldAnswer400NotUnavailableForAnInvalidBodyAtTheBodyLimit() {
        // given a malformed body of exactly http.max-body-bytes
        byte[] body = new byte[(int) api.config.maxBodyBytes()];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[1] = '"';
        // when
        HttpResponse<String> response = api.postBytes("/v1/events/patents", PATENT_TOKEN, body);
        // then it is rejected, and its dead letter (truncated, with size and digest) fits the producer's limit
        assertThat(response.statusCode()).isEqualTo(400);
        DeadLetter letter = (DeadLetter) api.publisher.sent(Topic.INGEST_REJECTED).get(0).value();
        assertThat(letter.getOriginalSize()).isEqualTo(body.length);
        assertThat(letter.getOriginalValue().remaining()).isLessThan(FakePublisher.MAX_RECORD_BYTES / 2);
    }

    @Test
    void shouldRefuseATokenDifferingOnlyInCaseFromOneSentBeforeOnTheSameConnection() {
        // regression: Jetty's per-connection header cache matched values ignoring case, so after a request with the
        // real token, "Bearer PATENT-OFFICE-SECRET-TOKEN" on the same keep-alive connection arrived as the real one
        String event = Examples.json(EventType.PATENTS);
        assertThat(api.post("/v1/events/patents", PATENT_TOKEN, event).statusCode()).isEqualTo(202);

        HttpResponse<String> upper = api.post("/v1/events/patents", PATENT_TOKEN.toUpperCase(java.util.Locale.ROOT),
                event.replace("pat-2025-000001", "pat-2025-000002"));

        assertThat(upper.statusCode()).isEqualTo(401);
        assertThat(api.publisher.sent(Topic.PATENT_EVENTS)).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain; note=json", "application/jsonx", "application/json-patch+json",
            "text/json", "application/json; charset=iso-8859-1", "application/x-www-form-urlencoded"})
    void shouldRefuseAnyMediaTypeButApplicationJsonWith415(String contentType) {
        HttpResponse<String> response = post(contentType, Examples.json(EventType.PATENTS));
        assertErrorShape(415, ProblemType.UNSUPPORTED_MEDIA_TYPE, response);
        assertThat(json(response).get("instance").asText()).isEqualTo("/v1/events/patents");
        assertThat(json(response).get("errors").findValuesAsText("field")).containsExactly("Content-Type");
        assertThat(api.publisher.sent()).isEmpty();
    }

    @Test
    void shouldRefuseARequestWithoutContentType() {
        HttpResponse<String> response = post(null, Examples.json(EventType.PATENTS));
        assertErrorShape(415, ProblemType.UNSUPPORTED_MEDIA_TYPE, response);
        assertThat(api.publisher.sent()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "Application/JSON", "application/json; charset=utf-8",
            "application/json;charset=\"UTF-8\"", "application/json ; version=1"})
    void shouldAcceptApplicationJsonWithParameters(String contentType) {
        assertThat(post(contentType, Examples.json(EventType.PATENTS)).statusCode()).isEqualTo(202);
    }

    @Test
    void shouldAnswerAnUnknownPathWithAJsonContentTypeInTheErrorShape() {
        HttpResponse<String> response = api.send(HttpRequest.newBuilder(api.uri("/v1/nothing-here"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertErrorShape(404, ProblemType.NOT_FOUND, response);
        assertThat(json(response).get("instance").asText()).isEqualTo("/v1/nothing-here");
    }

    @Test
    void shouldAnswerAWrongMethodInTheErrorShape() {
        HttpResponse<String> response = api.send(HttpRequest.newBuilder(api.uri("/v1/events/patents")).GET().build());
        assertThat(response.statusCode()).isIn(404, 405);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(ErrorBody.CONTENT_TYPE));
        assertThat(json(response).get("status").asInt()).isEqualTo(response.statusCode());
    }

    @Test
    void shouldAnswerAHeaderAboveTheLimitInTheErrorShape() {
        HttpResponse<String> response = api.send(HttpRequest.newBuilder(api.uri("/health/live"))
                .header("X-Padding", "x".repeat(10 * 1024)).GET().build());
        assertErrorShape(431, ProblemType.HEADER_TOO_LARGE, response);
    }

    @Test
    void shouldAnswerAMalformedUriInTheErrorShape() throws IOException {
        String response = raw("GET /v1/events/% HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 400");
        assertThat(response.toLowerCase()).contains("content-type: application/problem+json");
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertThat(parseJson(body).get("type").asText()).isEqualTo(ProblemType.BAD_REQUEST.uri());
        assertThat(parseJson(body).get("status").asInt()).isEqualTo(400);
        assertThat(body).doesNotContain("<html");
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", api.app.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonNode parseJson(String text) {
        return io.innopoints.schemas.json.AvroJson.parse(text).value();
    }
}
