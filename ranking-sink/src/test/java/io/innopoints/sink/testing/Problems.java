package io.innopoints.sink.testing;

import io.innopoints.sink.json.SinkJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.innopoints.schemas.http.ErrorBody;
import io.innopoints.schemas.http.ProblemType;
import java.io.IOException;
import java.net.http.HttpHeaders;

/** Checks that an error answer is the one RFC 9457 problem document of the expected kind and status. */
public final class Problems {
    private static final ObjectMapper JSON = SinkJson.mapper();

    private Problems() {
    }

    /** The problem's body after checking content type, {@code type}, {@code title}, the integer {@code status} and a detail. */
    public static JsonNode assertProblem(int status, HttpHeaders headers, String body, ProblemType type) throws IOException {
        assertThat(headers.firstValue("Content-Type").orElse("")).as(body).startsWith(ErrorBody.CONTENT_TYPE);
        return assertProblemBody(status, body, type);
    }

    public static JsonNode assertProblemBody(int status, String body, ProblemType type) throws IOException {
        JsonNode problem = JSON.readTree(body);
        assertThat(problem.path("type").asText()).as(body).isEqualTo(type.uri());
        assertThat(problem.path("title").asText()).isEqualTo(type.title());
        assertThat(problem.path("status").isInt()).as(body).isTrue();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(body).doesNotContain("Exception").doesNotContain("\tat ");
        return problem;
    }
}
