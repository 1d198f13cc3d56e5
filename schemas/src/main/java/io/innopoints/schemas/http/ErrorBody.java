package io.innopoints.schemas.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.innopoints.schemas.json.AvroJson;
import io.innopoints.schemas.validation.Problem;
import java.util.List;

/**
 * The one JSON error body of every InnoPoints HTTP API (ingest and ranking-sink, including the web server's own
 * errors): {@code {"status":"error","error":"<code>","message":"<text>","errors":[{"field":…,"reason":…}]}} with
 * {@code errors} present when fields are at fault. Content type {@value #CONTENT_TYPE}; never a stack trace.
 */
public final class ErrorBody {
    public static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private ErrorBody() {
    }

    public static ObjectNode of(String code, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", "error");
        body.put("error", code);
        body.put("message", message);
        return body;
    }

    public static ObjectNode of(String code, String message, List<Problem> problems) {
        ObjectNode body = of(code, message);
        body.set("errors", problems(problems));
        return body;
    }

    /** One field at fault: the message is {@code "<field>: <reason>"}. */
    public static ObjectNode field(String code, String field, String reason) {
        return of(code, field + ": " + reason, List.of(new Problem(field, reason)));
    }

    public static ArrayNode problems(List<Problem> problems) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Problem p : problems) {
            array.addObject().put("field", p.field()).put("reason", p.reason());
        }
        return array;
    }

    /** The error code of an HTTP status the server itself answers with (bad URI, header too large, 404, 405 …). */
    public static String code(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 408 -> "request_timeout";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 429 -> "too_many_requests";
            case 431 -> "header_too_large";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal" : "bad_request";
        };
    }

    /** The body as compact JSON text. */
    public static String render(ObjectNode body) {
        try {
            return AvroJson.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render an error body", e);
        }
    }
}
