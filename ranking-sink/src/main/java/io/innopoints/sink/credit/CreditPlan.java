package io.innopoints.sink.credit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A programme's credit list computed from a list of ranked entries (the live ranking now, a release later): who is
 * eligible and how much each gets ({@link CreditAllocator}). A pure function of its inputs — the same entries in any
 * order give the same plan.
 *
 * <p>Eligible: the entry's cohort is the programme's zone cohort of its stage (so it is registered and ranked in the
 * zone), its tier has a base line, no active penalty when the programme excludes them, and it meets its stage's rule
 * (rank, tier and percentile limits). Order of the list (and of ties of the allocator's remainder): best tier first,
 * then higher percentile, then better rank, then credit code.
 *
 * @param grants          the eligible enterprises in list order, with their amounts
 * @param allocatedYuan   the sum of the amounts (at most the budget)
 */
public record CreditPlan(CreditProgramme programme, List<Grant> grants, long allocatedYuan) {
    public CreditPlan {
        grants = List.copyOf(grants);
    }

    /** One enterprise on the list: its place (1 = first) and amount in yuan. */
    public record Grant(int position, RankedEntry entry, long amountYuan) {
    }

    /** Budget not allocated: below one unit, or what the caps leave. */
    public long unallocatedYuan() {
        return programme.budgetYuan() - allocatedYuan;
    }

    public static CreditPlan compute(CreditProgramme programme, List<RankedEntry> entries) {
        List<RankedEntry> eligible = new ArrayList<>();
        for (RankedEntry e : entries) {
            if (eligible(programme, e)) {
                eligible.add(e);
            }
        }
        eligible.sort(order(programme));
        for (int i = 1; i < eligible.size(); i++) {
            if (eligible.get(i).creditCode().equals(eligible.get(i - 1).creditCode())) {
                throw new IllegalArgumentException("enterprise " + eligible.get(i).creditCode()
                        + " is listed twice in programme " + programme.id() + "'s cohorts");
            }
        }
        long[] bases = new long[eligible.size()];
        for (int i = 0; i < bases.length; i++) {
            bases[i] = programme.tiers().get(programme.tierIndex(eligible.get(i).tier())).baseYuan();
        }
        long[] amounts = CreditAllocator.allocate(programme.budgetYuan(), programme.unitYuan(), programme.capYuan(), bases);
        List<Grant> grants = new ArrayList<>(eligible.size());
        for (int i = 0; i < amounts.length; i++) {
            grants.add(new Grant(i + 1, eligible.get(i), amounts[i]));
        }
        return new CreditPlan(programme, grants, CreditAllocator.sum(amounts));
    }

    /** Whether an entry may be on the programme's list. */
    public static boolean eligible(CreditProgramme p, RankedEntry e) {
        if (!e.zone().equals(p.zone()) || !e.cohortId().equals(p.cohortOf(e.stage()))) {
            return false;
        }
        int tier = p.tierIndex(e.tier());
        if (tier < 0 || (p.excludePenalised() && e.penalised())) {
            return false;
        }
        var rule = p.rule(e.stage());
        if (rule.isEmpty()) {
            return false;
        }
        CreditProgramme.StageRule r = rule.get();
        if (r.maxRank() != null && e.rank() > r.maxRank()) {
            return false;
        }
        if (r.maxTier() != null && tier > p.tierIndex(r.maxTier())) {
            return false;
        }
        return r.minPercentileBp() == null || (long) e.below() * 10_000L >= (long) r.minPercentileBp() * e.cohortSize();
    }

    private static Comparator<RankedEntry> order(CreditProgramme p) {
        // percentile below/size compared exactly by cross-multiplying (higher first)
        Comparator<RankedEntry> percentile = (a, b) -> Long.compare((long) b.below() * a.cohortSize(),
                (long) a.below() * b.cohortSize());
        return Comparator.<RankedEntry>comparingInt(e -> p.tierIndex(e.tier())).thenComparing(percentile)
                .thenComparingInt(RankedEntry::rank).thenComparing(RankedEntry::creditCode);
    }
}
