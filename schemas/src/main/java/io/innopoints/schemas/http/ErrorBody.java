package io.innopoints.schemas.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.innopoints.schemas.json.AvroJson;
import io.innopoints.schemas.validation.Problem;
import java.util.List;

/**
 * The one error body of every InnoPoints HTTP API (ingest and ranking-sink, including the web server's own errors):
 * an RFC 9457 problem document, content type {@value #CONTENT_TYPE}:
 * {@code {"type":"https://innopoints.io/problems/validation","title":"Invalid input","status":400,
 * "detail":"top: 'zero' is not an integer","instance":"/api/v1/leaderboards/x","errors":[{"field":"top",
 * "reason":"'zero' is not an integer"}]}}. {@code type} is a {@link ProblemType} URI ({@code about:blank} for a status
 * without a declared kind), {@code status} the HTTP status, {@code instance} the request path (set by the sender with
 * {@link #at}), and the extension {@code errors} lists the fields at fault when there are any. Never a stack trace.
 */
public final class ErrorBody {
    public static final String CONTENT_TYPE = "application/problem+json";
    public static final String ABOUT_BLANK = "about:blank";

    private ErrorBody() {
    }

    public static ObjectNode of(ProblemType type, String detail) {
        return body(type.uri(), type.title(), type.status(), detail);
    }

    public static ObjectNode of(ProblemType type, String detail, List<Problem> problems) {
        ObjectNode body = of(type, detail);
        body.set("errors", problems(problems));
        return body;
    }

    /** One field at fault: the detail is {@code "<field>: <reason>"}. */
    public static ObjectNode field(ProblemType type, String field, String reason) {
        return of(type, field + ": " + reason, List.of(new Problem(field, reason)));
    }

    /** A status's general kind ({@link ProblemType#forStatus}), or {@code about:blank} with that status. */
    public static ObjectNode forStatus(int status, String detail) {
        return ProblemType.forStatus(status).map(t -> of(t, detail))
                .orElseGet(() -> body(ABOUT_BLANK, reasonPhrase(status), status, detail));
    }

    /**
     * What the web server answers on its own for a status (bad URI, header too large, unknown path …): a fixed
     * detail per status, never the server's reason text, which can echo parts of the request.
     */
    public static ObjectNode forStatus(int status) {
        return forStatus(status, switch (status) {
            case 400 -> "the request could not be read (malformed URI, header or framing)";
            case 404 -> "no such resource (see /openapi.json)";
            case 405 -> "method not allowed on this resource";
            case 413 -> "request too large";
            case 414 -> "request URI too long";
            case 415 -> "unsupported media type";
            case 431 -> "request headers too large";
            default -> "HTTP " + status;
        });
    }

    /** The same body with {@code instance} (the request path) after {@code detail}; unchanged when it is null. */
    public static ObjectNode at(ObjectNode body, String instance) {
        if (instance == null) {
            return body;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String member : List.of("type", "title", "status", "detail")) {
            if (body.has(member)) {
                out.set(member, body.get(member));
            }
        }
        out.put("instance", instance);
        body.fields().forEachRemaining(e -> {
            if (!out.has(e.getKey())) {
                out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    /** The HTTP status a body was built for. */
    public static int status(ObjectNode body) {
        return body.path("status").asInt(500);
    }

    public static ArrayNode problems(List<Problem> problems) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Problem p : problems) {
            array.addObject().put("field", p.field()).put("reason", p.reason());
        }
        return array;
    }

    /** The body as compact JSON text. */
    public static String render(ObjectNode body) {
        try {
            return AvroJson.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render an error body", e);
        }
    }

    private static ObjectNode body(String type, String title, int status, String detail) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return body;
    }

    /** RFC 9110's reason phrase, the title of an {@code about:blank} problem. */
    private static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 402 -> "Payment Required";
            case 407 -> "Proxy Authentication Required";
            case 410 -> "Gone";
            case 411 -> "Length Required";
            case 412 -> "Precondition Failed";
            case 416 -> "Range Not Satisfiable";
            case 417 -> "Expectation Failed";
            case 421 -> "Misdirected Request";
            case 422 -> "Unprocessable Content";
            case 426 -> "Upgrade Required";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            default -> status >= 500 ? "Server Error" : "Client Error";
        };
    }
}
