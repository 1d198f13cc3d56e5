package io.innopoints.sink.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.innopoints.schemas.http.ProblemType;
import io.innopoints.schemas.json.AvroJson;
import io.innopoints.web.JsonMediaType;
import io.javalin.http.Context;

/**
 * The request body of the sink's POST routes (what-if, closing a release), read one way: no body means an empty
 * object (every field takes its default); a body must be declared {@code application/json} (UTF-8) — anything else
 * is 415 naming {@code Content-Type}, as ingest answers — and parse as JSON with the strict mapper (a duplicate key
 * or trailing text is 400 naming {@code body}, not silently the first or last value).
 */
final class JsonBodies {
    private JsonBodies() {
    }

    static JsonNode read(Context ctx) {
        String text = ctx.body();
        if (text.isBlank()) {
            return AvroJson.mapper().createObjectNode();
        }
        JsonMediaType.problem(ctx.header("Content-Type")).ifPresent(reason -> {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content-Type", reason);
        });
        try {
            return AvroJson.mapper().readTree(text);
        } catch (Exception e) {
            String detail = e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage().lines().findFirst().orElse("");
            throw ProblemException.badField("body", "not valid JSON: " + detail);
        }
    }
}
