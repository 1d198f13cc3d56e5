package io.innopoints.schemas.config;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;

/**
 * Validating parsers for {@link ConfigOption}s. Each throws {@link IllegalArgumentException} whose message is the
 * reason a user reads after the key ("must be between 1 and 64").
 */
public final class Parsers {
    private Parsers() {
    }

    public static String text(String raw) {
        return raw;
    }

    public static String nonBlank(String raw) {
        if (raw.isBlank()) {
            throw new IllegalArgumentException("must not be blank");
        }
        return raw;
    }

    /** An http(s) URL with a host, without a trailing slash; several may be given comma-separated. */
    public static String httpUrls(String raw) {
        for (String one : raw.split(",")) {
            httpUrl(one.trim());
        }
        return raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
    }

    public static URI httpUrl(String raw) {
        URI uri;
        try {
            uri = URI.create(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("expected an http(s) URL with a host");
        }
        return uri;
    }

    public static Function<String, Integer> intIn(int min, int max) {
        return raw -> {
            long v = wholeNumber(raw);
            if (v < min || v > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return (int) v;
        };
    }

    public static Function<String, Long> longIn(long min, long max) {
        return raw -> {
            long v = wholeNumber(raw);
            if (v < min || v > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return v;
        };
    }

    /** Milliseconds as a whole number within the range, returned as a duration. */
    public static Function<String, Duration> millis(long min, long max) {
        Function<String, Long> range = longIn(min, max);
        return raw -> Duration.ofMillis(range.apply(raw));
    }

    public static double positiveDouble(String raw) {
        double v;
        try {
            v = Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not a number");
        }
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("must be a positive finite number");
        }
        return v;
    }

    public static boolean bool(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    /** An ISO-8601 duration ({@code PT30S}) of at least {@code min}. */
    public static Function<String, Duration> isoDuration(Duration min) {
        return raw -> {
            Duration d;
            try {
                d = Duration.parse(raw);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("is not an ISO-8601 duration such as PT30S");
            }
            if (d.compareTo(min) < 0) {
                throw new IllegalArgumentException("must be at least " + min);
            }
            return d;
        };
    }

    private static long wholeNumber(String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not a whole number");
        }
    }
}
