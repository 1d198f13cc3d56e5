package io.innopoints.web;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;

/**
 * Strict check of a request's {@code Content-Type}: the media type (parameters split off by Jetty's header
 * parser) must be exactly {@code application/json}, case-insensitively; parameters are allowed, but a
 * {@code charset} other than UTF-8 is not (bodies are decoded as UTF-8). A missing header is refused too. Every app
 * that takes a JSON body checks it here (ingest's events, the sink's what-if and release requests).
 */
public final class JsonMediaType {
    private JsonMediaType() {
    }

    /** Why the header is not acceptable, or empty when it is. */
    public static Optional<String> problem(String header) {
        if (header == null || header.isBlank()) {
            return Optional.of("a Content-Type header is required: application/json");
        }
        Map<String, String> parameters = new HashMap<>();
        String type = HttpField.valueParameters(header, parameters);
        if (type == null || !type.trim().equalsIgnoreCase("application/json")) {
            return Optional.of("send JSON (Content-Type: application/json), got " + abbreviate(header));
        }
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            if (p.getKey().trim().toLowerCase(Locale.ROOT).equals("charset")
                    && !p.getValue().trim().replace("\"", "").equalsIgnoreCase("utf-8")) {
                return Optional.of("the body must be UTF-8 (charset=utf-8), got charset=" + abbreviate(p.getValue()));
            }
        }
        return Optional.empty();
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
