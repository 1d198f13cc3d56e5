package io.innopoints.scoring.rank;

import com.carrotsearch.hppc.ObjectLongHashMap;
import java.util.ArrayList;
import java.util.List;
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
    /** Each member's total, unboxed: a national cohort holds 350,000 (a boxed map cost ~60 bytes a member). */
    private final ObjectLongHashMap<String> totals = new ObjectLongHashMap<>();

    public int size() {
        return totals.size();
    }

    public boolean contains(String creditCode) {
        return totals.containsKey(creditCode);
    }

    public OptionalLong totalOf(String creditCode) {
        int i = totals.indexOf(creditCode);
        return totals.indexExists(i) ? OptionalLong.of(totals.indexGet(i)) : OptionalLong.empty();
    }

    /** Inserts or updates a member; returns its previous total when it was present. */
    public OptionalLong put(String creditCode, long totalCents) {
        int i = totals.indexOf(creditCode);
        if (!totals.indexExists(i)) {
            totals.indexInsert(i, creditCode, totalCents);
            keys.insert(-totalCents, creditCode);
            return OptionalLong.empty();
        }
        long previous = totals.indexReplace(i, totalCents);
        if (previous != totalCents) {
            keys.remove(-previous, creditCode);
            keys.insert(-totalCents, creditCode);
        }
        return OptionalLong.of(previous);
    }

    /** Removes a member; false when absent. */
    public boolean remove(String creditCode) {
        int i = totals.indexOf(creditCode);
        if (!totals.indexExists(i)) {
            return false;
        }
        keys.remove(-totals.indexRemove(i), creditCode);
        return true;
    }

    /** Competition rank of a member, empty when absent. */
    public OptionalInt rank(String creditCode) {
        int i = totals.indexOf(creditCode);
        return totals.indexExists(i) ? OptionalInt.of(rankOfTotal(totals.indexGet(i))) : OptionalInt.empty();
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
        int i = totals.indexOf(creditCode);
        return totals.indexExists(i) ? OptionalDouble.of(percentileOfTotal(totals.indexGet(i)))
                : OptionalDouble.empty();
    }

    /** Share of members strictly below {@code totalCents}, in percent; 0 for an empty cohort. */
    public double percentileOfTotal(long totalCents) {
        int n = size();
        return n == 0 ? 0.0 : 100.0 * countBelow(totalCents) / n;
    }

    /** 0-based position of a member in display order, empty when absent. */
    public OptionalInt position(String creditCode) {
        int i = totals.indexOf(creditCode);
        return totals.indexExists(i) ? OptionalInt.of(keys.indexOf(-totals.indexGet(i), creditCode))
                : OptionalInt.empty();
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
