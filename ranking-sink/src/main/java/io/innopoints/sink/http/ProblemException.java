package io.innopoints.sink.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.innopoints.schemas.http.ErrorBody;
import io.innopoints.schemas.http.ProblemType;

/**
 * The HTTP layer's one error: a request that cannot be answered, as the problem document it becomes — its type
 * (400 validation, 404, 409 …), the request field at fault (null when none) and a reason a user can act on. Thrown
 * by handlers and parameter parsing, written by the one exception mapper of {@link ReadApi}.
 */
public final class ProblemException extends RuntimeException {
    private final ProblemType type;
    private final String field;
    private final String reason;

    public ProblemException(ProblemType type, String field, String reason) {
        super(field == null ? reason : field + ": " + reason);
        this.type = type;
        this.field = field;
        this.reason = reason;
    }

    /** A request parameter (or body field) is wrong: 400, naming the field and the reason. */
    public static ProblemException badField(String field, String reason) {
        return new ProblemException(ProblemType.VALIDATION, field, reason);
    }

    public ProblemType type() {
        return type;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }

    /** The problem document (without {@code instance}; {@link ApiErrors#send} adds it). */
    public ObjectNode problem() {
        return field == null ? ErrorBody.of(type, reason) : ErrorBody.field(type, field, reason);
    }
}
