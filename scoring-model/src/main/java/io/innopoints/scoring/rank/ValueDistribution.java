package io.innopoints.scoring.rank;

import io.innopoints.scoring.scorer.CohortPercentile;
import java.util.HashMap;
import java.util.Map;

/**
 * The values of one metric among the members of one cohort, for cohort-percentile indicators: members keyed by
 * (value, credit code) in an order-statistic treap, so put/remove/percentile cost O(log n). Percentiles follow
 * {@link CohortPercentile#percentile(long, long, long)} and match the batch oracle exactly. Missing values must not
 * be put. Not thread-safe.
 */
public final class ValueDistribution {
    private record Entry(double value, String creditCode) {
    }

    private final Treap<Entry> tree = new Treap<>((a, b) -> {
        int c = Double.compare(a.value, b.value);
        return c != 0 ? c : a.creditCode.compareTo(b.creditCode);
    });
    private final Map<String, Double> values = new HashMap<>();

    public int size() {
        return values.size();
    }

    /** Inserts or updates a member's value (not NaN). */
    public void put(String creditCode, double value) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("missing values are not part of the distribution");
        }
        Double previous = values.put(creditCode, value);
        if (previous != null) {
            tree.remove(new Entry(previous, creditCode));
        }
        tree.insert(new Entry(value, creditCode));
    }

    public boolean remove(String creditCode) {
        Double previous = values.remove(creditCode);
        if (previous == null) {
            return false;
        }
        tree.remove(new Entry(previous, creditCode));
        return true;
    }

    /** Members with a value strictly below {@code value}. */
    public int countBelow(double value) {
        return tree.countBefore(e -> Double.compare(e.value, value) < 0 ? -1 : 1);
    }

    /** Members with exactly {@code value}. */
    public int countEqual(double value) {
        return tree.countBefore(e -> Double.compare(e.value, value) <= 0 ? -1 : 1) - countBelow(value);
    }

    /** The percentile of {@code value}, which should be a member's value; an absent value is scored as if added. */
    public double percentile(double value) {
        int below = countBelow(value);
        int equal = countEqual(value);
        return equal == 0 ? CohortPercentile.percentile(below, 1, size() + 1L)
                : CohortPercentile.percentile(below, equal, size());
    }
}
