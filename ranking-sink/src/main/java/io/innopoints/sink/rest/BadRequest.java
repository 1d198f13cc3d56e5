package io.innopoints.sink.rest;

/** A request parameter is wrong: answered with 400 and a body naming the field and the reason. */
public final class BadRequest extends RuntimeException {
    private final String field;
    private final String reason;

    public BadRequest(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
