package io.innopoints.scoring.whatif;

/**
 * A what-if that cannot be answered: a change or target the model does not allow ({@link Kind#INVALID}, naming the
 * request field at fault), or an enterprise whose stored state does not fit the model ({@link Kind#MODEL_MISMATCH}).
 * A domain error: callers decide how to show it (the sink answers 400 and 409 problem documents).
 */
public final class WhatIfException extends RuntimeException {
    /** Why the what-if cannot be answered. */
    public enum Kind {
        /** The request asks for something the model does not allow; {@link #field()} names what. */
        INVALID,
        /** The enterprise's stored score does not fit the model (e.g. a stage the model does not have). */
        MODEL_MISMATCH
    }

    private final Kind kind;
    private final String field;

    public WhatIfException(Kind kind, String field, String reason) {
        super(reason);
        this.kind = kind;
        this.field = field;
    }

    /** A request field that the model does not allow, with a reason a user can act on. */
    public static WhatIfException invalid(String field, String reason) {
        return new WhatIfException(Kind.INVALID, field, reason);
    }

    public Kind kind() {
        return kind;
    }

    /** The request field at fault; null when none. */
    public String field() {
        return field;
    }

    public String reason() {
        return getMessage();
    }
}
