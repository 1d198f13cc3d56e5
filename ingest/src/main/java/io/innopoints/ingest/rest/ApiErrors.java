package io.innopoints.ingest.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.innopoints.schemas.validation.Problem;
import java.util.List;

/**
 * The one error body of the API: {@code {"status":"error","error":"<code>","message":"…","errors":[{"field","reason"}]}}.
 * Messages are written for the provider; no exception text or stack trace ever goes into them.
 */
final class ApiErrors {
    private ApiErrors() {
    }

    static ObjectNode body(String code, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", "error");
        body.put("error", code);
        body.put("message", message);
        return body;
    }

    static ObjectNode body(String code, String message, List<Problem> problems) {
        ObjectNode body = body(code, message);
        body.set("errors", problems(problems));
        return body;
    }

    static ArrayNode problems(List<Problem> problems) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Problem p : problems) {
            array.addObject().put("field", p.field()).put("reason", p.reason());
        }
        return array;
    }
}
