package io.innopoints.sink.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.innopoints.schemas.http.ErrorBody;
import io.javalin.http.Context;

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
                .result(ErrorBody.render(ErrorBody.at(problem, ctx.path())));
    }

    static boolean answered(Context ctx) {
        return ctx.attribute(ANSWERED) != null;
    }
}
