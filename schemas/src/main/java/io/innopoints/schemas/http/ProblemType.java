package io.innopoints.schemas.http;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every kind of error the InnoPoints HTTP APIs answer, as an RFC 9457 problem type: a stable URI under
 * {@value #BASE} (the last segment is the kind, e.g. {@code validation}), a fixed title and the HTTP status. A
 * status the server answers for which no kind is declared gets {@code about:blank} ({@link ErrorBody#forStatus}).
 * The URIs are identifiers, not links: clients compare them as strings.
 */
public enum ProblemType {
    /** A query, path or body field is wrong; {@code errors} names each field and the reason. */
    VALIDATION(400, "validation", "Invalid input"),
    /** The request itself could not be read (malformed URI, header, framing or body). */
    BAD_REQUEST(400, "bad-request", "Bad request"),
    /** A batch body that is not a readable JSON array. */
    INVALID_BATCH(400, "invalid-batch", "Invalid batch"),
    EMPTY_BATCH(400, "empty-batch", "Empty batch"),
    UNAUTHORIZED(401, "unauthorized", "Unauthorized"),
    FORBIDDEN(403, "forbidden", "Forbidden"),
    NOT_FOUND(404, "not-found", "Not found"),
    UNKNOWN_EVENT_TYPE(404, "unknown-event-type", "Unknown event type"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
    REQUEST_TIMEOUT(408, "request-timeout", "Request timeout"),
    CONFLICT(409, "conflict", "Conflict"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
    BATCH_TOO_LARGE(413, "batch-too-large", "Batch too large"),
    URI_TOO_LONG(414, "uri-too-long", "URI too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests"),
    HEADER_TOO_LARGE(431, "header-too-large", "Request header fields too large"),
    INTERNAL(500, "internal", "Internal error"),
    UNAVAILABLE(503, "unavailable", "Service unavailable");

    /** Prefix of every declared type URI. */
    public static final String BASE = "https://innopoints.io/problems/";

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    /** The type URI, e.g. {@code https://innopoints.io/problems/validation}. */
    public String uri() {
        return BASE + slug;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    /** The general kind of an HTTP status the server answers on its own (not the specific ones such as batch limits). */
    public static Optional<ProblemType> forStatus(int status) {
        return Arrays.stream(values()).filter(t -> t.status == status && t.general()).findFirst();
    }

    private boolean general() {
        return this != VALIDATION && this != INVALID_BATCH && this != EMPTY_BATCH && this != UNKNOWN_EVENT_TYPE
                && this != BATCH_TOO_LARGE;
    }
}
