package io.innopoints.schemas.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.innopoints.schemas.json.AvroJson;
import io.innopoints.schemas.validation.Problem;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorBodyTest {
    @Test
    void shouldRenderAnRfc9457ProblemWithTheFieldsAtFaultAndTheInstance() throws Exception {
        // Given a validation problem of one field
        ObjectNode body = ErrorBody.field(ProblemType.VALIDATION, "top", "'zero' is not an integer");

        // When the sender adds the request path
        JsonNode rendered = AvroJson.mapper().readTree(ErrorBody.render(ErrorBody.at(body, "/api/v1/leaderboards/x")));

        // Then the members are the RFC's, in order, with the project's errors extension
        assertThat(rendered.fieldNames()).toIterable()
                .containsExactly("type", "title", "status", "detail", "instance", "errors");
        assertThat(rendered.get("type").asText()).isEqualTo("https://innopoints.io/problems/validation");
        assertThat(rendered.get("title").asText()).isEqualTo("Invalid input");
        assertThat(rendered.get("status").isInt()).isTrue();
        assertThat(rendered.get("status").asInt()).isEqualTo(400);
        assertThat(rendered.get("detail").asText()).isEqualTo("top: 'zero' is not an integer");
        assertThat(rendered.get("instance").asText()).isEqualTo("/api/v1/leaderboards/x");
        assertThat(rendered.get("errors").get(0).get("field").asText()).isEqualTo("top");
        assertThat(rendered.get("errors").get(0).get("reason").asText()).isEqualTo("'zero' is not an integer");
    }

    @Test
    void shouldListEveryProblemOfAMultiFieldError() {
        ObjectNode body = ErrorBody.of(ProblemType.INVALID_BATCH, "the batch could not be read",
                List.of(new Problem("$", "malformed"), new Problem("[1].eventTime", "not a timestamp")));

        assertThat(body.get("errors").findValuesAsText("field")).containsExactly("$", "[1].eventTime");
        assertThat(ErrorBody.status(body)).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 405, 406, 408, 409, 413, 414, 415, 429, 431, 500, 503})
    void shouldGiveEveryStatusTheServerAnswersADeclaredTypeWithThatStatus(int status) {
        ObjectNode body = ErrorBody.forStatus(status);

        assertThat(body.get("type").asText()).startsWith(ProblemType.BASE);
        assertThat(ErrorBody.status(body)).isEqualTo(status);
        assertThat(body.get("detail").asText()).isNotBlank();
    }

    @Test
    void shouldAnswerAStatusWithoutADeclaredKindAsAboutBlankWithItsReasonPhrase() {
        ObjectNode body = ErrorBody.forStatus(502, "upstream failed");

        assertThat(body.get("type").asText()).isEqualTo("about:blank");
        assertThat(body.get("title").asText()).isEqualTo("Bad Gateway");
        assertThat(body.get("status").asInt()).isEqualTo(502);
    }

    @Test
    void shouldKeepTypeUrisUniqueAndStable() {
        Set<String> uris = Arrays.stream(ProblemType.values()).map(ProblemType::uri).collect(Collectors.toSet());

        assertThat(uris).hasSize(ProblemType.values().length);
        assertThat(ProblemType.NOT_FOUND.uri()).isEqualTo("https://innopoints.io/problems/not-found");
        assertThat(ProblemType.forStatus(400)).contains(ProblemType.BAD_REQUEST);
        assertThat(ProblemType.forStatus(413)).contains(ProblemType.PAYLOAD_TOO_LARGE);
    }

    @Test
    void shouldLeaveTheBodyUnchangedWithoutAnInstance() {
        ObjectNode body = ErrorBody.of(ProblemType.UNAVAILABLE, "retry later");

        assertThat(ErrorBody.at(body, null)).isSameAs(body);
        assertThat(body.has("instance")).isFalse();
    }
}
