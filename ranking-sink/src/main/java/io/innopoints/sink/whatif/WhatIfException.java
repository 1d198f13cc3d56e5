package io.innopoints.sink.whatif;

/**
 * A what-if request that cannot be answered, with the HTTP status it maps to, the request field at fault (null when
 * none) and a reason a user can act on.
 */
public final class WhatIfException extends RuntimeException {
    private final int status;
    private final String field;

    public WhatIfException(int status, String field, String reason) {
        super(reason);
        this.status = status;
        this.field = field;
    }

    public static WhatIfException badField(String field, String reason) {
        return new WhatIfException(400, field, reason);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return getMessage();
    }
}
