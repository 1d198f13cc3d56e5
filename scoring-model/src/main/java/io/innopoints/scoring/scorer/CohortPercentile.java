package io.innopoints.scoring.scorer;

import java.util.Arrays;

/**
 * The cohort-percentile formula shared by the batch oracle and the stream, and a sorted-array distribution for
 * full recomputation.
 *
 * <p>For an enterprise with value {@code v} in a cohort whose members with a value (missing values are left out;
 * the enterprise itself is included) number {@code n}, of which {@code below} have a value strictly below
 * {@code v} and {@code equal} (≥ 1, itself included) have exactly {@code v}:
 * <pre>  P = 100 × (below + (equal − 1) / 2) / (n − 1)     and P = 100 when n = 1.</pre>
 * The lowest value gets 0, the highest 100, ties share the mid-rank of their run, and the result does not depend
 * on cohort member order.
 */
public final class CohortPercentile {
    private final double[] sorted;

    private CohortPercentile(double[] sorted) {
        this.sorted = sorted;
    }

    /** The formula above; {@code equal} and {@code n} include the enterprise itself. */
    public static double percentile(long below, long equal, long n) {
        if (n <= 0 || equal <= 0 || below + equal > n) {
            throw new IllegalArgumentException("need 0 < equal, below + equal <= n; got below=" + below
                    + " equal=" + equal + " n=" + n);
        }
        if (n == 1) {
            return 100.0;
        }
        return 100.0 * (below + (equal - 1) / 2.0) / (n - 1);
    }

    /** A distribution of the non-missing values (NaN values are dropped). */
    public static CohortPercentile of(double[] values) {
        double[] kept = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
        Arrays.sort(kept);
        return new CohortPercentile(kept);
    }

    public int size() {
        return sorted.length;
    }

    /**
     * The percentile of {@code value}, which should be one of the distribution's values (the enterprise's own);
     * a value that is absent is scored as if it had been added.
     */
    public double percentileOf(double value) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("a missing value has no percentile");
        }
        int below = lowerBound(value);
        int equal = lowerBound(Math.nextUp(value)) - below;
        if (equal == 0) {
            return percentile(below, 1, sorted.length + 1L);
        }
        return percentile(below, equal, sorted.length);
    }

    private int lowerBound(double value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
