package io.innopoints.sink.credit;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.sink.credit.CreditProgramme.StageRule;
import io.innopoints.sink.credit.CreditProgramme.TierLine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** A programme's plan over random zone cohorts: order-independent, monotone in tier, within budget and cap. */
class CreditPlanProperties {
    static final String[] TIERS = {"A", "B", "C", "D"};

    static List<RankedEntry> cohort(List<Integer> totals, List<Boolean> penalties) {
        List<RankedEntry> out = new ArrayList<>();
        int n = totals.size();
        for (int i = 0; i < n; i++) {
            int total = totals.get(i);
            int above = (int) totals.stream().filter(t -> t > total).count();
            int below = (int) totals.stream().filter(t -> t < total).count();
            int rank = above + 1;
            String tier = TIERS[Math.min(3, (rank - 1) * 4 / n)];
            out.add(new RankedEntry(String.format("E%04d", i), "E" + i, "ZONE-A", "growth", "zone:ZONE-A:growth", rank, n,
                    below, tier, total, penalties.get(i % penalties.size())));
        }
        return out;
    }

    @Property(tries = 300)
    void shouldGiveTheSamePlanWhateverTheOrderOfTheEntries(
            @ForAll @Size(min = 1, max = 50) List<@IntRange(min = 0, max = 30) Integer> totals,
            @ForAll @Size(min = 1, max = 5) List<Boolean> penalties,
            @ForAll @LongRange(min = 0, max = 900_000_000) long budget,
            @ForAll long seed) {
        CreditProgramme p = new CreditProgramme("p", "b", "ZONE-A", budget, 10_000, 20_000_000,
                List.of(new TierLine("A", 5), new TierLine("B", 3), new TierLine("C", 1)),
                Map.of("growth", new StageRule(null, "C", null)), true);
        List<RankedEntry> entries = cohort(totals, penalties);
        List<RankedEntry> shuffled = new ArrayList<>(entries);
        Collections.shuffle(shuffled, new Random(seed));

        assertThat(CreditPlan.compute(p, shuffled)).isEqualTo(CreditPlan.compute(p, entries));
    }

    @Property(tries = 300)
    void shouldNeverGiveABetterTierLessAndStayWithinBudgetAndCap(
            @ForAll @Size(min = 1, max = 50) List<@IntRange(min = 0, max = 30) Integer> totals,
            @ForAll @Size(min = 1, max = 5) List<Boolean> penalties,
            @ForAll @LongRange(min = 0, max = 900_000_000) long budget,
            @ForAll @LongRange(min = 10_000, max = 100_000_000) long cap,
            @ForAll @IntRange(min = 0, max = 3) int baseStep) {
        CreditProgramme p = new CreditProgramme("p", "b", "ZONE-A", budget, 10_000, cap,
                List.of(new TierLine("A", 1 + 3L * baseStep), new TierLine("B", 1 + 2L * baseStep),
                        new TierLine("C", 1 + baseStep), new TierLine("D", 1)),
                Map.of(CreditProgramme.ANY_STAGE, new StageRule(null, null, null)), true);

        CreditPlan plan = CreditPlan.compute(p, cohort(totals, penalties));

        assertThat(plan.allocatedYuan()).isLessThanOrEqualTo(budget);
        assertThat(plan.grants()).allSatisfy(g -> {
            assertThat(g.amountYuan()).isBetween(0L, cap);
            assertThat(g.amountYuan() % 10_000).isZero();
            assertThat(g.entry().penalised()).isFalse();
        });
        for (CreditPlan.Grant a : plan.grants()) {
            for (CreditPlan.Grant b : plan.grants()) {
                if (p.tierIndex(a.entry().tier()) < p.tierIndex(b.entry().tier())) {
                    assertThat(a.amountYuan()).isGreaterThanOrEqualTo(b.amountYuan());
                }
            }
        }
    }
}
