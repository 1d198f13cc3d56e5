package io.innopoints.localstack.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry's HTTP API as raw requests and responses (state in memory): paths, bodies, status and error codes. */
class EmbeddedSchemaRegistryHttpTest {
    private static final String CT = "application/vnd.schemaregistry.v1+json";
    private static final String PERSON_V1 = "{\"type\":\"record\",\"name\":\"Person\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";
    private static final String PERSON_V2 = "{\"type\":\"record\",\"name\":\"Person\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"},"
            + "{\"name\":\"name\",\"type\":\"string\",\"default\":\"\"}]}";
    private static final String PERSON_AGE = "{\"type\":\"record\",\"name\":\"Person\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"},"
            + "{\"name\":\"age\",\"type\":\"int\"}]}";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddedSchemaRegistry registry;

    private record Reply(int status, String contentType, JsonNode body) {
    }

    @BeforeEach
    void start() {
        registry = EmbeddedSchemaRegistry.startInMemory(0);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private Reply call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(registry.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", CT);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                json.readTree(response.body()));
    }

    private String schemaBody(String schema) {
        return json.createObjectNode().put("schema", schema).toString();
    }

    @Test
    void shouldRegisterAndReturnSameIdForSameSchema() throws Exception {
        Reply first = call("POST", "/subjects/people-value/versions", schemaBody(PERSON_V1));
        Reply again = call("POST", "/subjects/people-value/versions", schemaBody(PERSON_V1));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.contentType()).startsWith(CT);
        assertThat(first.body().get("id").asInt()).isEqualTo(1);
        assertThat(again.body().get("id").asInt()).isEqualTo(1);
        assertThat(call("GET", "/subjects/people-value/versions", null).body().toString()).isEqualTo("[1]");
    }

    @Test
    void shouldServeSchemaByIdAsJsonString() throws Exception {
        int id = call("POST", "/subjects/people-value/versions", schemaBody(PERSON_V1)).body().get("id").asInt();

        Reply byId = call("GET", "/schemas/ids/" + id, null);
        Reply raw = call("GET", "/schemas/ids/" + id + "/schema", null);

        assertThat(byId.body().get("schema").isTextual()).isTrue();
        assertThat(json.readTree(byId.body().get("schema").asText())).isEqualTo(json.readTree(PERSON_V1));
        assertThat(raw.body()).isEqualTo(json.readTree(PERSON_V1));
    }

    @Test
    void shouldServeVersionsLatestAndLookup() throws Exception {
        call("POST", "/subjects/people-value/versions", schemaBody(PERSON_V1));
        call("POST", "/subjects/people-value/versions", schemaBody(PERSON_V2));

        JsonNode latest = call("GET", "/subjects/people-value/versions/latest", null).body();
        JsonNode first = call("GET", "/subjects/people-value/versions/1", null).body();
        JsonNode lookedUp = call("POST", "/subjects/people-value", schemaBody(PERSON_V1)).body();

        assertThat(latest.get("version").asInt()).isEqualTo(2);
        assertThat(latest.get("id").asInt()).isEqualTo(2);
        assertThat(latest.get("subject").asText()).isEqualTo("people-value");
        assertThat(first.get("id").asInt()).isEqualTo(1);
        assertThat(lookedUp.get("version").asInt()).isEqualTo(1);
        assertThat(lookedUp.get("id").asInt()).isEqualTo(1);
        assertThat(call("GET", "/subjects", null).body().toString()).isEqualTo("[\"people-value\"]");
        assertThat(call("GET", "/subjects/people-value/versions/2/schema", null).body())
                .isEqualTo(json.readTree(PERSON_V2));
    }

    @Test
    void shouldRejectIncompatibleSchemaWith409() throws Exception {
        call("POST", "/subjects/people-value/versions", schemaBody(PERSON_V1));

        Reply reply = call("POST", "/subjects/people-value/versions", schemaBody(PERSON_AGE));

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.body().get("error_code").asInt()).isEqualTo(409);
        assertThat(reply.body().get("message").asText()).contains("incompatible").contains("age");
    }

    @Test
    void shouldTestCompatibilityVerboselyAgainstLatestAndAVersion() throws Exception {
        call("POST", "/subjects/people-value/versions", schemaBody(PERSON_V1));

        JsonNode verbose = call("POST", "/compatibility/subjects/people-value/versions/latest?verbose=true",
                schemaBody(PERSON_AGE)).body();
        JsonNode terse = call("POST", "/compatibility/subjects/people-value/versions/1", schemaBody(PERSON_V2)).body();

        assertThat(verbose.get("is_compatible").asBoolean()).isFalse();
        assertThat(verbose.get("messages").get(0).asText()).contains("age");
        assertThat(terse.get("is_compatible").asBoolean()).isTrue();
        assertThat(terse.has("messages")).isFalse();
    }

    @Test
    void shouldAnswerConfluentErrorCodes() throws Exception {
        call("POST", "/subjects/people-value/versions", schemaBody(PERSON_V1));

        assertError(call("GET", "/subjects/nobody/versions", null), 404, 40401);
        assertError(call("GET", "/subjects/people-value/versions/9", null), 404, 40402);
        assertError(call("GET", "/schemas/ids/77", null), 404, 40403);
        assertError(call("POST", "/subjects/people-value", schemaBody(PERSON_V2)), 404, 40403);
        assertError(call("POST", "/subjects/people-value/versions", schemaBody("{\"type\":\"recrod\"}")), 422, 42201);
        assertError(call("POST", "/subjects/people-value/versions", "{\"schema\":\"x\",\"schemaType\":\"PROTOBUF\"}"),
                422, 42201);
        assertError(call("POST", "/subjects/people-value/versions", "not json"), 422, 42201);
        assertError(call("GET", "/subjects/people-value/versions/one", null), 422, 42202);
        assertError(call("PUT", "/config", "{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203);
        assertError(call("GET", "/no/such/endpoint", null), 404, 404);
    }

    @Test
    void shouldSetGlobalAndSubjectLevelsIncludingTransitive() throws Exception {
        Reply put = call("PUT", "/config", "{\"compatibility\":\"FULL_TRANSITIVE\"}");
        Reply putSubject = call("PUT", "/config/people-value", "{\"compatibility\":\"NONE\"}");

        assertThat(put.body().get("compatibility").asText()).isEqualTo("FULL_TRANSITIVE");
        assertThat(putSubject.body().get("compatibility").asText()).isEqualTo("NONE");
        assertThat(call("GET", "/config", null).body().get("compatibilityLevel").asText()).isEqualTo("FULL_TRANSITIVE");
        assertThat(call("GET", "/config/people-value", null).body().get("compatibilityLevel").asText()).isEqualTo("NONE");
        assertError(call("GET", "/config/other-value", null), 404, 40408);
        assertThat(call("GET", "/config/other-value?defaultToGlobal=true", null).body().get("compatibilityLevel")
                .asText()).isEqualTo("FULL_TRANSITIVE");

        // NONE on the subject lets an incompatible schema in
        call("POST", "/subjects/people-value/versions", schemaBody(PERSON_V1));
        assertThat(call("POST", "/subjects/people-value/versions", schemaBody(PERSON_AGE)).status()).isEqualTo(200);
    }

    @Test
    void shouldDecodeUrlEncodedSubjects() throws Exception {
        call("POST", "/subjects/my%20topic-value/versions", schemaBody(PERSON_V1));

        assertThat(call("GET", "/subjects", null).body().toString()).isEqualTo("[\"my topic-value\"]");
        assertThat(call("GET", "/subjects/my%20topic-value/versions/latest", null).body().get("subject").asText())
                .isEqualTo("my topic-value");
    }

    @Test
    void shouldSoftDeleteSubject() throws Exception {
        call("POST", "/subjects/people-value/versions", schemaBody(PERSON_V1));

        Reply deleted = call("DELETE", "/subjects/people-value", null);

        assertThat(deleted.body().toString()).isEqualTo("[1]");
        assertThat(call("GET", "/subjects", null).body().toString()).isEqualTo("[]");
        assertThat(call("GET", "/schemas/ids/1", null).status()).isEqualTo(200);
    }

    private static void assertError(Reply reply, int status, int errorCode) {
        assertThat(reply.status()).as("HTTP status of %s", reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith(CT);
        assertThat(reply.body().get("error_code").asInt()).as("error_code of %s", reply.body()).isEqualTo(errorCode);
        assertThat(reply.body().get("message").asText()).isNotBlank();
    }
}
