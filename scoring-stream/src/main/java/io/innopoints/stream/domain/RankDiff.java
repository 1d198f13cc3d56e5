package io.innopoints.stream.domain;

import io.innopoints.schemas.score.RankingChangeKind;
import io.innopoints.scoring.model.Tier;
import io.innopoints.scoring.model.Tiers;
import io.innopoints.scoring.rank.RankIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ranking changes that one batch of moves made in one cohort, derived from the cohort's index after the batch
 * and what it was before: its size, its top-N, and each mover's total before and after (a pure function; the
 * index is only read). One change per subject and kind per batch, however many moves happened in it: a mover's
 * JOINED / LEFT / STAGE_CHANGED or MOVED, TIER_CHANGED, ENTERED_TOP_N and EXITED_TOP_N, and the same three for
 * members who did not move but whose rank, tier or top-N place the movers changed.
 *
 * <p>Ranks are competition ranks (1 + members strictly above). A non-mover's rank before the batch is its rank after
 * minus the movers now above it plus the movers that were above it, so it moved by at most the number of movers;
 * it can change tier only within that distance of a tier line, which bounds the members looked at to
 * O(tier lines × movers) plus the ties at the window's end, never the cohort.
 */
public final class RankDiff {
    private RankDiff() {
    }

    /** A member's total before and after the batch (null where it was or is not in the cohort). */
    public record Move(String creditCode, Long oldTotal, Long newTotal, RankingChangeKind presenceKind) {
    }

    /**
     * One ranking change. {@code cause} is the mover whose move it reports (itself for a mover; for a member who did
     * not move, the first mover that entered or left the top-N, or else the first mover).
     */
    public record Change(String subject, RankingChangeKind kind, Integer oldRank, Integer newRank, Long oldTotal,
                         Long newTotal, String oldTier, String newTier, String displaced, String displacedBy,
                         String cause) {
    }

    /**
     * @param after     the cohort's index once every move is applied
     * @param oldSize   its size before the batch
     * @param topBefore its top-N (display order) before the batch
     * @param moves     at most one per member; moves whose total did not change are ignored
     */
    public static List<Change> of(RankIndex after, int oldSize, List<RankIndex.Ranked> topBefore,
                                  Collection<Move> moves, List<Tier> tiers, int topN) {
        Map<String, Move> movers = new TreeMap<>();
        for (Move m : moves) {
            if (!Objects.equals(m.oldTotal(), m.newTotal())) {
                movers.put(m.creditCode(), m);
            }
        }
        List<Change> out = new ArrayList<>();
        if (movers.isEmpty()) {
            return out;
        }
        Before before = new Before(after, movers.values());
        int newSize = after.size();

        Set<String> topAfter = codes(after.top(topN));
        Set<String> topOld = codes(topBefore);
        Set<String> entered = new LinkedHashSet<>(topAfter);
        entered.removeAll(topOld);
        Set<String> exited = new LinkedHashSet<>(topOld);
        exited.removeAll(topAfter);
        String firstMover = movers.keySet().iterator().next();
        String topCause = entered.stream().filter(movers::containsKey).findFirst()
                .orElse(exited.stream().filter(movers::containsKey).findFirst().orElse(firstMover));
        String moverThatLeftTop = exited.stream().filter(movers::containsKey).findFirst().orElse(null);

        for (Move m : movers.values()) {
            String code = m.creditCode();
            Integer oldRank = m.oldTotal() == null ? null : before.rank(m.oldTotal());
            Integer newRank = m.newTotal() == null ? null : after.rankOfTotal(m.newTotal());
            String oldTier = oldRank == null ? null : Tiers.tierOf(tiers, oldRank, oldSize);
            String newTier = newRank == null ? null : Tiers.tierOf(tiers, newRank, newSize);
            if (oldRank == null || newRank == null) {
                out.add(new Change(code, m.presenceKind(), oldRank, newRank, m.oldTotal(), m.newTotal(), oldTier,
                        newTier, null, null, code));
            } else if (!oldRank.equals(newRank)) {
                out.add(new Change(code, RankingChangeKind.MOVED, oldRank, newRank, m.oldTotal(), m.newTotal(),
                        oldTier, newTier, null, null, code));
            }
            if (entered.contains(code)) {
                String displaced = exited.stream().filter(x -> !x.equals(code)).findFirst().orElse(null);
                out.add(new Change(code, RankingChangeKind.ENTERED_TOP_N, oldRank, newRank, m.oldTotal(),
                        m.newTotal(), oldTier, newTier, displaced, null, code));
            }
            if (exited.contains(code)) {
                out.add(new Change(code, RankingChangeKind.EXITED_TOP_N, oldRank, newRank, m.oldTotal(),
                        m.newTotal(), oldTier, newTier, null, null, code));
            }
            if (oldTier != null && newTier != null && !oldTier.equals(newTier)) {
                out.add(new Change(code, RankingChangeKind.TIER_CHANGED, oldRank, newRank, m.oldTotal(),
                        m.newTotal(), oldTier, newTier, null, null, code));
            }
        }
        for (String other : exited) {
            if (!movers.containsKey(other)) {
                long t = after.totalOf(other).orElseThrow();
                out.add(new Change(other, RankingChangeKind.EXITED_TOP_N, before.rank(t), after.rankOfTotal(t), t, t,
                        null, null, null, topCause, topCause));
            }
        }
        for (String other : entered) {
            if (!movers.containsKey(other)) {
                long t = after.totalOf(other).orElseThrow();
                out.add(new Change(other, RankingChangeKind.ENTERED_TOP_N, before.rank(t), after.rankOfTotal(t), t, t,
                        null, null, moverThatLeftTop, null, topCause));
            }
        }
        if (oldSize > 0) {
            bystanderTiers(after, oldSize, before, movers, tiers, firstMover, out);
        }
        return out;
    }

    /** TIER_CHANGED of members who did not move: only within the movers' count of a tier line (in rank). */
    private static void bystanderTiers(RankIndex after, int oldSize, Before before, Map<String, Move> movers,
                                       List<Tier> tiers, String cause, List<Change> out) {
        int newSize = after.size();
        int k = movers.size();
        // windows of ranks after the batch, as 0-based display positions (rank <= position + 1), merged
        TreeMap<Integer, Integer> windows = new TreeMap<>();
        for (int i = 0; i < tiers.size() - 1; i++) {
            int bo = lastRankOf(tiers.get(i), oldSize);
            int bn = lastRankOf(tiers.get(i), newSize);
            int from = Math.max(0, Math.min(bo, bn) - k - 2);
            int to = Math.min(newSize - 1, Math.max(bo, bn) + k + 1);
            if (from <= to) {
                windows.merge(from, to, Math::max);
            }
        }
        int covered = -1;
        for (Map.Entry<Integer, Integer> w : windows.entrySet()) {
            int from = Math.max(w.getKey(), covered + 1);
            int to = w.getValue();
            if (from > to) {
                continue;
            }
            List<RankIndex.Ranked> slice = after.range(from, to - from + 1);
            Long lastTotal = null;
            boolean lastChanged = false;
            for (RankIndex.Ranked r : slice) {
                if (!movers.containsKey(r.creditCode())) {
                    lastChanged = bystander(r, before, oldSize, newSize, tiers, cause, out);
                    lastTotal = r.totalCents();
                } else if (lastTotal != null && lastTotal != r.totalCents()) {
                    lastTotal = null;
                }
            }
            covered = to;
            // members tied with the window's last one share its rank (so its tier) though they stand beyond it
            while (lastTotal != null && lastChanged && covered + 1 < newSize) {
                RankIndex.Ranked next = after.range(covered + 1, 1).get(0);
                if (next.totalCents() != lastTotal) {
                    break;
                }
                covered++;
                if (!movers.containsKey(next.creditCode())) {
                    bystander(next, before, oldSize, newSize, tiers, cause, out);
                }
            }
        }
    }

    private static boolean bystander(RankIndex.Ranked r, Before before, int oldSize, int newSize, List<Tier> tiers,
                                     String cause, List<Change> out) {
        int oldRank = before.rank(r.totalCents());
        if (oldRank > oldSize) {
            return false;
        }
        String oldTier = Tiers.tierOf(tiers, oldRank, oldSize);
        String newTier = Tiers.tierOf(tiers, r.rank(), newSize);
        if (oldTier.equals(newTier)) {
            return false;
        }
        out.add(new Change(r.creditCode(), RankingChangeKind.TIER_CHANGED, oldRank, r.rank(), r.totalCents(),
                r.totalCents(), oldTier, newTier, null, cause, cause));
        return true;
    }

    /** The last rank inside a tier in a cohort of {@code size} ({@link Tiers#tierOf}: rank − 1 < share × size). */
    static int lastRankOf(Tier tier, int size) {
        return (int) ((tier.cumulativeBasisPoints() * (long) size + 9_999) / 10_000);
    }

    /** Ranks before the batch, from the index after it and the movers' totals before and after. */
    private static final class Before {
        private final RankIndex after;
        private final long[] oldTotals;
        private final long[] newTotals;

        Before(RankIndex after, Collection<Move> movers) {
            this.after = after;
            this.oldTotals = movers.stream().filter(m -> m.oldTotal() != null).mapToLong(Move::oldTotal).sorted()
                    .toArray();
            this.newTotals = movers.stream().filter(m -> m.newTotal() != null).mapToLong(Move::newTotal).sorted()
                    .toArray();
        }

        /** The competition rank a total had before the batch (1 + members then strictly above it). */
        int rank(long total) {
            return 1 + after.countAbove(total) - above(newTotals, total) + above(oldTotals, total);
        }

        private static int above(long[] sorted, long total) {
            int i = Arrays.binarySearch(sorted, total);
            int firstAbove;
            if (i < 0) {
                firstAbove = -i - 1;
            } else {
                firstAbove = i;
                while (firstAbove < sorted.length && sorted[firstAbove] == total) {
                    firstAbove++;
                }
            }
            return sorted.length - firstAbove;
        }
    }

    private static Set<String> codes(List<RankIndex.Ranked> list) {
        Set<String> out = new LinkedHashSet<>();
        for (RankIndex.Ranked r : list) {
            out.add(r.creditCode());
        }
        return out;
    }
}
