package io.innopoints.localstack.junit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;

/**
 * The one test-side check of InnoPoints' HTTP error body, shared by ingest's and ranking-sink's bad-input corpora and
 * fuzzers so a change of the error format is adapted here only: a refusal is a 4xx (never a 5xx) with an RFC 9457
 * problem document ({@code application/problem+json}: {@code type}, {@code title}, the integer {@code status} equal
 * to the HTTP status, {@code detail}), never a stack trace, and — where a field is at fault — an {@code errors} array
 * of {@code {field, reason}} that names it.
 */
public final class ErrorShape {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM_JSON = "application/problem+json";

    /** One entry of the body's {@code errors} array. */
    public record FieldError(String field, String reason) {
    }

    private ErrorShape() {
    }

    /**
     * What is wrong with an answer to a bad request, or empty when it is a well-formed refusal.
     *
     * @param field the field the errors must name, or null when the refusal need not name one
     */
    public static Optional<String> violation(HttpResponse<String> response, String field) {
        return violation(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), field);
    }

    /** {@link #violation(HttpResponse, String)} on a raw status, content type and body. */
    public static Optional<String> violation(int status, String contentType, String body, String field) {
        if (status < 400 || status > 499) {
            return Optional.of("status " + status + " is not a client error: " + abbreviate(body));
        }
        if (!contentType.toLowerCase(java.util.Locale.ROOT).startsWith(PROBLEM_JSON)) {
            return Optional.of("content type '" + contentType + "' is not " + PROBLEM_JSON + ": " + abbreviate(body));
        }
        if (body.contains("Exception") || body.contains("\tat ") || body.contains("<html")) {
            return Optional.of("the body leaks internals or is a server page: " + abbreviate(body));
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            return Optional.of("the body is not JSON: " + abbreviate(body));
        }
        if (json == null || !json.isObject() || json.path("type").asText().isBlank()
                || json.path("title").asText().isBlank() || !json.path("status").isInt()
                || json.path("status").asInt() != status || json.path("detail").asText().isBlank()) {
            return Optional.of("not a problem document {type, title, status: " + status + ", detail}: "
                    + abbreviate(body));
        }
        List<FieldError> errors;
        try {
            errors = errors(json);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage() + ": " + abbreviate(body));
        }
        if (field != null && errors.stream().noneMatch(e -> e.field().equals(field))) {
            return Optional.of("expected an error naming '" + field + "', got " + errors);
        }
        return Optional.empty();
    }

    /** Fails unless the answer is a well-formed refusal naming {@code field} (null: any or none); returns its errors. */
    public static List<FieldError> assertRefusal(HttpResponse<String> response, String field) {
        violation(response, field).ifPresent(Assertions::fail);
        try {
            return errors(JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Fails unless the answer is a well-formed refusal whose problem type is {@code code} (the last segment of its
     * {@code type} URI, e.g. {@code unauthorized}).
     */
    public static void assertRefusalCode(HttpResponse<String> response, int status, String code) {
        Assertions.assertEquals(status, response.statusCode(), () -> "status of " + response.body());
        assertRefusal(response, null);
        try {
            String type = JSON.readTree(response.body()).path("type").asText();
            Assertions.assertEquals(code, type.substring(type.lastIndexOf('/') + 1), response::body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<FieldError> errors(JsonNode json) {
        List<FieldError> out = new ArrayList<>();
        JsonNode errors = json.get("errors");
        if (errors == null) {
            return out;
        }
        if (!errors.isArray() || errors.isEmpty()) {
            throw new IllegalArgumentException("errors is present but not a non-empty array");
        }
        for (JsonNode e : errors) {
            String field = e.path("field").asText();
            String reason = e.path("reason").asText();
            if (field.isBlank() || reason.isBlank()) {
                throw new IllegalArgumentException("an error without field or reason: " + e);
            }
            out.add(new FieldError(field, reason));
        }
        return out;
    }

    private static String abbreviate(String body) {
        return body.length() <= 300 ? body : body.substring(0, 297) + "...";
    }
}
