package io.innopoints.sink.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.innopoints.schemas.http.ErrorBody;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;

/**
 * Writes an {@link ErrorBody} problem document as the answer (its status, {@value ErrorBody#CONTENT_TYPE}, the
 * request path as {@code instance}) and marks the request as answered so an error mapper does not replace it.
 */
public final class ApiErrors {
    private static final String ANSWERED = "innopoints.answered";

    private ApiErrors() {
    }

    public static void send(Context ctx, ObjectNode problem) {
        ctx.attribute(ANSWERED, Boolean.TRUE);
        ctx.status(ErrorBody.status(problem)).contentType(ErrorBody.CONTENT_TYPE)
                // bytes, not a String: Jetty encodes a String as ISO-8859-1 for a media type it does not know
                // as JSON, and a field named in Cyrillic or with a zero-width space came back as '?'
                .result(ErrorBody.render(ErrorBody.at(problem, ctx.path())).getBytes(StandardCharsets.UTF_8));
    }

    static boolean answered(Context ctx) {
        return ctx.attribute(ANSWERED) != null;
    }
}
