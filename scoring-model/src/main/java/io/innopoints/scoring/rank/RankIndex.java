package io.innopoints.scoring.rank;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The ranking of one cohort: members keyed by (total desc, credit code asc) in an order-statistic treap, so
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

    private static final Comparator<Entry> DISPLAY_ORDER = (a, b) -> {
        int c = Long.compare(b.totalCents, a.totalCents);
        return c != 0 ? c : a.creditCode.compareTo(b.creditCode);
    };

    private final Treap<Entry> tree = new Treap<>(DISPLAY_ORDER);
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
            tree.remove(new Entry(creditCode, previous));
        }
        tree.insert(new Entry(creditCode, totalCents));
        return previous == null ? OptionalLong.empty() : OptionalLong.of(previous);
    }

    /** Removes a member; false when absent. */
    public boolean remove(String creditCode) {
        Long previous = totals.remove(creditCode);
        if (previous == null) {
            return false;
        }
        tree.remove(new Entry(creditCode, previous));
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
        return tree.countBefore(e -> e.totalCents > totalCents ? -1 : 1);
    }

    /** Members with a total strictly below {@code totalCents}. */
    public int countBelow(long totalCents) {
        return size() - tree.countBefore(e -> e.totalCents >= totalCents ? -1 : 1);
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
        return t == null ? OptionalInt.empty() : OptionalInt.of(tree.indexOf(new Entry(creditCode, t)));
    }

    /** The member at 0-based display position {@code k}. */
    public Entry select(int k) {
        return tree.select(k);
    }

    /** Up to {@code limit} members from display position {@code from}, with their ranks. */
    public List<Ranked> range(int from, int limit) {
        List<Entry> entries = tree.range(from, limit);
        List<Ranked> out = new ArrayList<>(entries.size());
        int rank = 0;
        long previous = 0;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (i == 0 || e.totalCents != previous) {
                rank = i == 0 ? rankOfTotal(e.totalCents) : from + i + 1;
            }
            previous = e.totalCents;
            out.add(new Ranked(rank, e.creditCode, e.totalCents));
        }
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
            long nth = tree.select(n - 1).totalCents;
            count = tree.countBefore(e -> e.totalCents >= nth ? -1 : 1);
        }
        return range(0, count);
    }
}
