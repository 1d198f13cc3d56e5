package io.innopoints.bench.harness;

import java.time.Duration;

/** Throughput arithmetic: how many items per second a count over an elapsed time is. */
public final class Rates {
    private Rates() {
    }

    /** {@code count / elapsed} in items per second; the elapsed time must be positive. */
    public static double perSecond(long count, Duration elapsed) {
        if (elapsed.isNegative() || elapsed.isZero()) {
            throw new IllegalArgumentException("elapsed: must be positive, was " + elapsed);
        }
        if (count < 0) {
            throw new IllegalArgumentException("count: must not be negative, was " + count);
        }
        return count * 1e9 / elapsed.toNanos();
    }

    /** Seconds with one decimal, e.g. {@code 12.4 s}. */
    public static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toNanos() / 1e9);
    }

    /** A rate rounded to a whole number with thousands separators, e.g. {@code 12,345/s}. */
    public static String rate(double perSecond) {
        return String.format(java.util.Locale.ROOT, "%,.0f/s", perSecond);
    }

    /** Bytes as MiB, e.g. {@code 512 MiB}. */
    public static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%,d MiB", bytes / (1024 * 1024));
    }
}
