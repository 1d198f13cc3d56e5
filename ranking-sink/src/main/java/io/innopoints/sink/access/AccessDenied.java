package io.innopoints.sink.access;

/** A refusal: 401 (no valid token where one is needed) or 403 (the principal may not see this). */
public final class AccessDenied extends RuntimeException {
    private final int status;

    private AccessDenied(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static AccessDenied unauthorized(String message) {
        return new AccessDenied(401, message);
    }

    public static AccessDenied forbidden(String message) {
        return new AccessDenied(403, message);
    }

    public int status() {
        return status;
    }
}
