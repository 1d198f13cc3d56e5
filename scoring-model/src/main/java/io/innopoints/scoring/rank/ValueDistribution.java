package io.innopoints.scoring.rank;

import com.carrotsearch.hppc.ObjectDoubleHashMap;
import io.innopoints.scoring.scorer.CohortPercentile;

/**
 * The values of one metric among the members of one cohort, for cohort-percentile indicators: members keyed by
 * (value, credit code) in {@link SortedKeys}, so put/remove/percentile cost O(log n). Percentiles follow
 * {@link CohortPercentile#percentile(long, long, long)} and match the batch oracle exactly. Missing values must not
 * be put. Not thread-safe.
 */
public final class ValueDistribution {
    /** Keys ({@link #sortable}(value), credit code). */
    private final SortedKeys keys = new SortedKeys();
    /** Each member's value, unboxed (a boxed map cost ~60 bytes a member). */
    private final ObjectDoubleHashMap<String> values = new ObjectDoubleHashMap<>();

    public int size() {
        return values.size();
    }

    /** Inserts or updates a member's value (not NaN). */
    public void put(String creditCode, double value) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("missing values are not part of the distribution");
        }
        int i = values.indexOf(creditCode);
        if (values.indexExists(i)) {
            keys.remove(sortable(values.indexReplace(i, value)), creditCode);
        } else {
            values.indexInsert(i, creditCode, value);
        }
        keys.insert(sortable(value), creditCode);
    }

    public boolean remove(String creditCode) {
        int i = values.indexOf(creditCode);
        if (!values.indexExists(i)) {
            return false;
        }
        keys.remove(sortable(values.indexRemove(i)), creditCode);
        return true;
    }

    /** Members with a value strictly below {@code value}. */
    public int countBelow(double value) {
        return keys.countLess(sortable(value));
    }

    /** Members with exactly {@code value}. */
    public int countEqual(double value) {
        long key = sortable(value);
        return keys.countLessOrEqual(key) - keys.countLess(key);
    }

    /** The percentile of {@code value}, which should be a member's value; an absent value is scored as if added. */
    public double percentile(double value) {
        int below = countBelow(value);
        int equal = countEqual(value);
        return equal == 0 ? CohortPercentile.percentile(below, 1, size() + 1L)
                : CohortPercentile.percentile(below, equal, size());
    }

    /** A long whose order is {@link Double#compare}'s order of the values (-0.0 below 0.0; NaN is never put). */
    static long sortable(double value) {
        long bits = Double.doubleToLongBits(value);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }
}
