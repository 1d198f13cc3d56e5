package io.innopoints.sink.http;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parsing and validation of every query and path parameter of the read API; anything out of bounds throws
 * {@link ProblemException} naming the parameter, so no value reaches the store unchecked. Texts (ids, codes, filters)
 * are at most {@value #MAX_TEXT} characters without control characters; numbers finite and within bounds;
 * instants between 1970-01-01 and 9999-12-31 (ISO-8601 or epoch milliseconds). Only {@link #list} parameters may be
 * repeated.
 */
public final class QueryParams {
    static final int MAX_TEXT = 200;
    /** Largest absolute value of a points filter such as {@code minTotal}. */
    static final double MAX_POINTS = 1e9;
    static final Instant MIN_INSTANT = Instant.EPOCH;
    static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999Z");

    private QueryParams() {
    }

    /** A trimmed text parameter, or null when absent or blank; given more than once it is ambiguous and refused. */
    public static String text(Context ctx, String name) {
        List<String> all = ctx.queryParams(name);
        if (all.size() > 1) {
            // ?limit=5&limit=50: a proxy, a cache and this server could each read a different one
            throw ProblemException.badField(name, "given " + all.size() + " times; give it once");
        }
        String v = all.isEmpty() ? null : all.get(0);
        // checked before trimming: trim() and isBlank() would swallow control characters
        return v == null || checkedText(name, v).isBlank() ? null : v.trim();
    }

    public static String path(Context ctx, String name) {
        return checkedText(name, ctx.pathParam(name));
    }

    /** Every comma-separated value of a repeatable parameter. */
    public static List<String> list(Context ctx, String name) {
        List<String> out = new ArrayList<>();
        for (String v : ctx.queryParams(name)) {
            // checked before trimming: trim() would swallow leading and trailing control characters
            checkedText(name, v);
            Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        }
        if (out.size() > 100) {
            throw ProblemException.badField(name, "at most 100 values, got " + out.size());
        }
        return out;
    }

    public static int integer(Context ctx, String name, int fallback, int min, int max) {
        String v = text(ctx, name);
        if (v == null) {
            return fallback;
        }
        int n;
        try {
            // ASCII digits only: parseInt also reads full-width and Arabic-Indic digits (１, ١) as 1
            if (!v.matches("[+-]?[0-9]{1,10}")) {
                throw new NumberFormatException(v);
            }
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ProblemException.badField(name, "'" + abbreviate(v) + "' is not an integer");
        }
        if (n < min || n > max) {
            throw ProblemException.badField(name, n + " is outside " + min + ".." + max);
        }
        return n;
    }

    /** A finite decimal within ±{@value #MAX_POINTS}, or null when absent ({@code NaN}, {@code Infinity} refused). */
    public static Double decimal(Context ctx, String name) {
        String v = text(ctx, name);
        if (v == null) {
            return null;
        }
        if (!v.matches("[+-]?(\\d{1,15}(\\.\\d{0,15})?|\\.\\d{1,15})([eE][+-]?\\d{1,3})?")) {
            throw ProblemException.badField(name, "'" + abbreviate(v) + "' is not a decimal number (e.g. 61.5)");
        }
        double d = Double.parseDouble(v);
        if (!Double.isFinite(d) || Math.abs(d) > MAX_POINTS) {
            throw ProblemException.badField(name, "'" + abbreviate(v) + "' is outside -" + (long) MAX_POINTS + ".." + (long) MAX_POINTS);
        }
        return d;
    }

    public static Instant instant(Context ctx, String name, Instant fallback) {
        String v = text(ctx, name);
        if (v == null) {
            return fallback;
        }
        Instant t;
        if (v.matches("-?\\d{1,25}")) {
            try {
                t = Instant.ofEpochMilli(Long.parseLong(v));
            } catch (NumberFormatException e) {
                throw outside(name, v);
            }
        } else {
            try {
                t = Instant.parse(v);
            } catch (DateTimeParseException e) {
                throw ProblemException.badField(name, "'" + abbreviate(v)
                        + "' is neither an ISO-8601 instant (2026-06-01T00:00:00Z) nor epoch millis");
            }
        }
        if (t.isBefore(MIN_INSTANT) || t.isAfter(MAX_INSTANT)) {
            throw outside(name, v);
        }
        return t;
    }

    private static ProblemException outside(String name, String v) {
        return ProblemException.badField(name, "'" + abbreviate(v) + "' is outside " + MIN_INSTANT + ".." + MAX_INSTANT);
    }

    private static String checkedText(String name, String v) {
        if (v.length() > MAX_TEXT) {
            throw ProblemException.badField(name, "at most " + MAX_TEXT + " characters, got " + v.length());
        }
        for (int i = 0; i < v.length(); i++) {
            if (Character.isISOControl(v.charAt(i)) || Character.isSurrogate(v.charAt(i))
                    && !(Character.isHighSurrogate(v.charAt(i)) && i + 1 < v.length() && Character.isLowSurrogate(v.charAt(i + 1)))
                    && !(Character.isLowSurrogate(v.charAt(i)) && i > 0 && Character.isHighSurrogate(v.charAt(i - 1)))) {
                throw ProblemException.badField(name, String.format("contains control character or broken surrogate U+%04X at index %d",
                        (int) v.charAt(i), i));
            }
        }
        return v;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
