package io.innopoints.scoring.rank;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The ranking of one cohort: members keyed by (total desc, credit code asc) in {@link SortedKeys}, so
 * put/remove/rank/select/top-N cost O(log n) (top-N O(log n + N)). Totals are hundredths of a point
 * ({@code ScoreCard.totalCents()}), so ties are exact.
 *
 * <p>Competition ranking: rank = 1 + number of members with a strictly higher total; ties share a rank and the
 * display order breaks them by credit code. Percentile = share of members with a strictly lower total, in percent.
 * Not thread-safe; one instance per cohort, rebuilt from the changelogged scores on restore.
 */
public final class RankIndex {

    /** A member in display order. */
    public record Entry(String creditCode, long totalCents) {
    }

    /** A member with its competition rank. */
    public record Ranked(int rank, String creditCode, long totalCents) {
    }

    /** Keys (−total, credit code): ascending keys are the display order. */
    private final SortedKeys keys = new SortedKeys();
    private final Map<String, Long> totals = new HashMap<>();

    public int size() {
        return totals.size();
    }

    public boolean contains(String creditCode) {
        return totals.containsKey(creditCode);
    }

    public OptionalLong totalOf(String creditCode) {
        Long t = totals.get(creditCode);
        return t == null ? OptionalLong.empty() : OptionalLong.of(t);
    }

    /** Inserts or updates a member; returns its previous total when it was present. */
    public OptionalLong put(String creditCode, long totalCents) {
        Long previous = totals.put(creditCode, totalCents);
        if (previous != null) {
            if (previous == totalCents) {
                return OptionalLong.of(previous);
            }
            keys.remove(-previous, creditCode);
        }
        keys.insert(-totalCents, creditCode);
        return previous == null ? OptionalLong.empty() : OptionalLong.of(previous);
    }

    /** Removes a member; false when absent. */
    public boolean remove(String creditCode) {
        Long previous = totals.remove(creditCode);
        if (previous == null) {
            return false;
        }
        keys.remove(-previous, creditCode);
        return true;
    }

    /** Competition rank of a member, empty when absent. */
    public OptionalInt rank(String creditCode) {
        Long t = totals.get(creditCode);
        return t == null ? OptionalInt.empty() : OptionalInt.of(rankOfTotal(t));
    }

    /** The rank a member with this total has (or would have): 1 + members with a strictly higher total. */
    public int rankOfTotal(long totalCents) {
        return 1 + countAbove(totalCents);
    }

    /** Members with a total strictly above {@code totalCents}. */
    public int countAbove(long totalCents) {
        return keys.countLess(-totalCents);
    }

    /** Members with a total strictly below {@code totalCents}. */
    public int countBelow(long totalCents) {
        return size() - keys.countLessOrEqual(-totalCents);
    }

    /** Share of members strictly below a member, in percent (0-100); empty when absent. */
    public OptionalDouble percentile(String creditCode) {
        Long t = totals.get(creditCode);
        return t == null ? OptionalDouble.empty() : OptionalDouble.of(percentileOfTotal(t));
    }

    /** Share of members strictly below {@code totalCents}, in percent; 0 for an empty cohort. */
    public double percentileOfTotal(long totalCents) {
        int n = size();
        return n == 0 ? 0.0 : 100.0 * countBelow(totalCents) / n;
    }

    /** 0-based position of a member in display order, empty when absent. */
    public OptionalInt position(String creditCode) {
        Long t = totals.get(creditCode);
        return t == null ? OptionalInt.empty() : OptionalInt.of(keys.indexOf(-t, creditCode));
    }

    /** The member at 0-based display position {@code k}. */
    public Entry select(int k) {
        return new Entry(keys.codeAt(k), -keys.primaryAt(k));
    }

    /** Up to {@code limit} members from display position {@code from}, with their ranks. */
    public List<Ranked> range(int from, int limit) {
        List<Ranked> out = new ArrayList<>(Math.max(0, Math.min(limit, size() - from)));
        keys.forEach(from, limit, (negativeTotal, code) -> {
            long total = -negativeTotal;
            int i = out.size();
            int rank;
            if (i == 0) {
                rank = rankOfTotal(total);
            } else {
                Ranked last = out.get(i - 1);
                rank = last.totalCents() == total ? last.rank() : from + i + 1;
            }
            out.add(new Ranked(rank, code, total));
        });
        return out;
    }

    /**
     * The top-N in display order: every member whose rank is ≤ n, so more than n entries when ties straddle
     * the n-th place.
     */
    public List<Ranked> top(int n) {
        if (n <= 0 || size() == 0) {
            return List.of();
        }
        int count = n;
        if (n < size()) {
            // include everyone tied with the n-th member
            long nth = -keys.primaryAt(n - 1);
            count = keys.countLessOrEqual(-nth);
        }
        return range(0, count);
    }
}
