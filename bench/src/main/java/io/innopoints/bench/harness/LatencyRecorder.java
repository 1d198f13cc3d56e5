package io.innopoints.bench.harness;

import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * Collects latencies in whole milliseconds (HdrHistogram, 3 significant digits: exact up to 2,048 ms, within 0.1%
 * above) and summarises them as count, mean, p50/p95/p99 and max. Percentiles follow HdrHistogram's definition: the
 * smallest recorded value at or below which the given share of all values lies. Not thread-safe: record from one
 * thread.
 */
public final class LatencyRecorder {
    private final Histogram histogram;

    /** @param highest the largest latency that can be recorded; larger ones are clamped to it */
    public LatencyRecorder(Duration highest) {
        if (highest.toMillis() < 2) {
            throw new IllegalArgumentException("highest: must be at least 2 ms, was " + highest);
        }
        histogram = new Histogram(highest.toMillis(), 3);
    }

    /** Records one latency; negative values (clock steps) count as 0, values above the highest as the highest. */
    public void record(long millis) {
        histogram.recordValue(Math.min(Math.max(0, millis), histogram.getHighestTrackableValue()));
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** The summary of what was recorded so far; all zero when nothing was. */
    public Summary summary() {
        if (histogram.getTotalCount() == 0) {
            return new Summary(0, 0, 0, 0, 0, 0);
        }
        return new Summary(histogram.getTotalCount(), histogram.getMean(), histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(95), histogram.getValueAtPercentile(99), histogram.getMaxValue());
    }

    /** Latency statistics in milliseconds. */
    public record Summary(long count, double meanMillis, long p50Millis, long p95Millis, long p99Millis,
                          long maxMillis) {
    }
}
