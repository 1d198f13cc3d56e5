package io.innopoints.sink.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.innopoints.schemas.http.ErrorBody;
import io.javalin.http.Context;

/** Writes an {@link ErrorBody} answer and marks the request as answered so an error mapper does not replace it. */
public final class ApiErrors {
    private static final String ANSWERED = "innopoints.answered";

    private ApiErrors() {
    }

    public static void send(Context ctx, int status, ObjectNode body) {
        ctx.attribute(ANSWERED, Boolean.TRUE);
        ctx.status(status).contentType(ErrorBody.CONTENT_TYPE).result(ErrorBody.render(body));
    }

    static boolean answered(Context ctx) {
        return ctx.attribute(ANSWERED) != null;
    }
}
