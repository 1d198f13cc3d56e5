package io.innopoints.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.innopoints.schemas.json.AvroJson;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonErrorHandlerTest {

    @Test
    void shouldAnswerJettysOwnErrorsAsAProblemDocumentWithAFixedDetail() throws Exception {
        // When Jetty rejects a request header above the limit, on a path that carries markup
        byte[] body = JsonErrorHandler.body(431, "/api/v1/<script>");

        // Then the body is the problem document of that status, the path only as the instance
        JsonNode problem = AvroJson.mapper().readTree(new String(body, StandardCharsets.UTF_8));
        assertThat(problem.path("status").asInt()).isEqualTo(431);
        assertThat(problem.path("type").asText()).startsWith("https://innopoints.io/problems/");
        assertThat(problem.path("instance").asText()).isEqualTo("/api/v1/<script>");
        assertThat(problem.path("detail").asText()).doesNotContain("<script>");
    }

    @Test
    void shouldLeaveOutTheInstanceWhenJettyHasNoRequestPath() throws Exception {
        JsonNode problem = AvroJson.mapper().readTree(new String(JsonErrorHandler.body(400, null), StandardCharsets.UTF_8));

        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.has("instance")).isFalse();
    }
}
