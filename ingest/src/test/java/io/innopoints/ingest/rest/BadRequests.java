package io.innopoints.ingest.rest;

import io.innopoints.schemas.topic.EventType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The request-level part of ingest's bad-input corpus, around a valid body: wrong or missing media types and
 * charsets, missing, malformed and foreign tokens, unknown and malformed paths, wrong methods, oversize bodies and
 * malformed batches. Each must be refused with a 4xx in the error shape; {@code field} is what the errors must name
 * (null: no field).
 */
final class BadRequests {
    /** One request: method, path, the Content-Type (null = none), the Authorization header (null = none) and body. */
    record Request(String name, String method, String path, String contentType, String authorization, byte[] body,
                   String field) {
    }

    private BadRequests() {
    }

    /**
     * @param token         a token allowed to post patents
     * @param foreignToken  a valid token of a provider that may not post patents
     * @param maxBodyBytes  the service's body limit
     * @param maxBatch      the service's batch limit
     */
    static List<Request> all(String token, String foreignToken, long maxBodyBytes, int maxBatch) {
        List<Request> out = new ArrayList<>();
        String bearer = "Bearer " + token;
        byte[] valid = Examples.json(EventType.PATENTS).getBytes(StandardCharsets.UTF_8);
        String single = "/v1/events/patents";
        String batch = "/v1/events/patents:batch";
        for (String path : List.of(single, batch)) {
            byte[] body = path.equals(batch) ? ("[" + Examples.json(EventType.PATENTS) + "]").getBytes(StandardCharsets.UTF_8) : valid;
            for (String type : List.of("", " ", "text/plain", "text/plain; note=json", "application/jsonx",
                    "application/json-patch+json", "application/ld+json", "text/json", "application/json; charset=iso-8859-1",
                    "application/json; charset=utf-16", "application/json; charset=\"latin1\"", "APPLICATION/JSON; CHARSET=BIG5",
                    "application/json; charset=utf8mb4", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                    "application/xml", "*/*", "application/*", "json", "application/json, text/plain", "application / json",
                    "application/octet-stream")) {
                out.add(new Request("Content-Type '" + type + "' on " + path, "POST", path, type, bearer, body, "Content-Type"));
            }
            out.add(new Request("no Content-Type on " + path, "POST", path, null, bearer, body, "Content-Type"));
            for (String auth : List.of("", "Bearer", "Bearer ", "Bearer  ", "bearer" + token.substring(0, 3), "Basic "
                    + java.util.Base64.getEncoder().encodeToString(("patent-office:" + token).getBytes(StandardCharsets.UTF_8)),
                    "Bearer " + token + "x", "Bearer " + token.toUpperCase(java.util.Locale.ROOT), "Bearer " + "t".repeat(4000),
                    "Token " + token, token, "Bearer " + token + " extra", "Bearer \"" + token + "\"", "Bearer %00",
                    "Bearer " + token.substring(1))) {
                out.add(new Request("Authorization '" + (auth.length() > 80 ? auth.substring(0, 80) + "…" : auth) + "' on " + path,
                        "POST", path, "application/json", auth, body, null));
            }
            out.add(new Request("no Authorization on " + path, "POST", path, "application/json", null, body, null));
            out.add(new Request("a provider without the grant on " + path, "POST", path, "application/json",
                    "Bearer " + foreignToken, body, null));
            for (String method : List.of("PUT", "PATCH", "DELETE", "GET")) {
                out.add(new Request(method + " " + path, method, path, "application/json", bearer, body, null));
            }
            byte[] oversize = new byte[(int) maxBodyBytes + 1];
            Arrays.fill(oversize, (byte) ' ');
            System.arraycopy(body, 0, oversize, 0, body.length);
            out.add(new Request("body one byte over the limit on " + path, "POST", path, "application/json", bearer, oversize, null));
        }
        for (String path : List.of("/v1/events/patent", "/v1/events/PATENTS", "/v1/events/patents:batch:batch",
                "/v1/events/patents:BATCH", "/v1/events/:batch", "/v1/events/patents%00", "/v1/events/patents%2Fbatch",
                "/v1/events/..%2Fpatents", "/v1/events/" + "p".repeat(2000), "/v1/events/%E2%80%AEpatents",
                "/v1/events/patents;jsessionid=1", "/v1/events", "/v1/events/", "/v2/events/patents", "/v1/event/patents",
                "/v1/events/patents/1", "/v1/events/registrations%20")) {
            out.add(new Request("path " + (path.length() > 60 ? path.substring(0, 60) + "…" : path), "POST", path,
                    "application/json", bearer, valid, null));
        }
        for (String body : List.of("", "{}", "null", "42", "\"x\"", "{\"events\":[]}", "[]", "[" + "[".repeat(2000) + "]".repeat(2000) + "]",
                "[" + Examples.json(EventType.PATENTS) + "", "[" + Examples.json(EventType.PATENTS) + ",]",
                "[" + Examples.json(EventType.PATENTS) + "]]", "[" + Examples.json(EventType.PATENTS) + "] x",
                "[1e2147483648]", "[NaN]", "[/*c*/]", "\uFEFF[]")) {
            out.add(new Request("batch body " + (body.length() > 40 ? body.substring(0, 20) + "…" + body.substring(body.length() - 12) : body), "POST", batch,
                    "application/json", bearer, body.getBytes(StandardCharsets.UTF_8), null));
        }
        out.add(new Request("batch one record over the limit", "POST", batch, "application/json", bearer,
                ("[" + String.join(",", java.util.Collections.nCopies(maxBatch + 1, "{}")) + "]").getBytes(StandardCharsets.UTF_8), null));
        return out;
    }
}
