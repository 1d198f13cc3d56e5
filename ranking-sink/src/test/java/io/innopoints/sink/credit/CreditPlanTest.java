package io.innopoints.sink.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.innopoints.sink.credit.CreditProgramme.StageRule;
import io.innopoints.sink.credit.CreditProgramme.TierLine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Eligibility and list order of a programme over hand-made ranked entries. */
class CreditPlanTest {
    static final List<TierLine> TIERS = List.of(new TierLine("A", 3_000_000), new TierLine("B", 2_000_000),
            new TierLine("C", 1_000_000));

    static CreditProgramme programme(Map<String, StageRule> stages, boolean excludePenalised) {
        return new CreditProgramme("p", "bank-1", "ZONE-A", 1_000_000, 10_000, 500_000, TIERS, stages, excludePenalised);
    }

    static RankedEntry entry(String code, String zone, String stage, int rank, int size, String tier, boolean penalised) {
        return new RankedEntry(code, "E " + code, zone, stage, "zone:" + zone + ":" + stage, rank, size, size - rank,
                tier, 100 - rank, penalised);
    }

    @Test
    void shouldListOnlyTheZonesEnterprisesMeetingTheirStagesRuleWithoutPenalty() {
        // Given startups eligible down to tier B, growth ones by rank ≤ 2, mature ones not at all
        CreditProgramme p = programme(Map.of("startup", new StageRule(null, "B", null),
                "growth", new StageRule(2, null, null)), true);
        List<RankedEntry> entries = List.of(
                entry("S1", "ZONE-A", "startup", 1, 10, "A", false),
                entry("S2", "ZONE-A", "startup", 3, 10, "B", false),
                entry("S3", "ZONE-A", "startup", 6, 10, "C", false),      // tier C: out
                entry("S4", "ZONE-A", "startup", 2, 10, "A", true),       // penalised: out
                entry("G1", "ZONE-A", "growth", 2, 10, "B", false),
                entry("G2", "ZONE-A", "growth", 3, 10, "B", false),       // rank 3: out
                entry("M1", "ZONE-A", "mature", 1, 10, "A", false),       // no rule for mature: out
                entry("X1", "ZONE-B", "startup", 1, 10, "A", false),      // another zone: out
                new RankedEntry("N1", "E N1", "ZONE-A", "startup", "nation:CN:startup", 1, 10, 9, "A", 99, false));

        CreditPlan plan = CreditPlan.compute(p, entries);

        // Then best tier first, then higher percentile
        assertThat(plan.grants()).extracting(g -> g.entry().creditCode()).containsExactly("S1", "G1", "S2");
        assertThat(plan.grants()).extracting(CreditPlan.Grant::position).containsExactly(1, 2, 3);
        assertThat(plan.allocatedYuan()).isEqualTo(1_000_000);
        // bases 3:2:2 of 100 units → 42.86, 28.57, 28.57 → 42, 28, 28 + 2 left by remainder (.86 then .57 first in order)
        assertThat(plan.grants()).extracting(CreditPlan.Grant::amountYuan).containsExactly(430_000L, 290_000L, 280_000L);
    }

    @Test
    void shouldKeepPenalisedEnterprisesWhenTheProgrammeAllowsThem() {
        CreditProgramme p = programme(Map.of(CreditProgramme.ANY_STAGE, new StageRule(null, null, null)), false);

        CreditPlan plan = CreditPlan.compute(p, List.of(entry("S4", "ZONE-A", "startup", 2, 10, "A", true)));

        assertThat(plan.grants()).hasSize(1);
    }

    @Test
    void shouldCompareThePercentileLimitExactly() {
        // Given 75.00 % required: 3 of 4 strictly below is exactly 75 %, 2 of 4 is not
        CreditProgramme p = programme(Map.of(CreditProgramme.ANY_STAGE, new StageRule(null, null, 7_500)), true);
        RankedEntry exactly = new RankedEntry("P1", "P1", "ZONE-A", "growth", "zone:ZONE-A:growth", 1, 4, 3, "A", 9, false);
        RankedEntry below = new RankedEntry("P2", "P2", "ZONE-A", "growth", "zone:ZONE-A:growth", 2, 4, 2, "B", 8, false);

        assertThat(CreditPlan.compute(p, List.of(exactly, below)).grants()).extracting(g -> g.entry().creditCode())
                .containsExactly("P1");
    }

    @Test
    void shouldUseTheStagesOwnRuleBeforeTheDefaultRule() {
        CreditProgramme p = programme(Map.of(CreditProgramme.ANY_STAGE, new StageRule(null, "A", null),
                "startup", new StageRule(null, "C", null)), true);

        CreditPlan plan = CreditPlan.compute(p, List.of(entry("S3", "ZONE-A", "startup", 6, 10, "C", false),
                entry("G3", "ZONE-A", "growth", 6, 10, "C", false)));

        assertThat(plan.grants()).extracting(g -> g.entry().creditCode()).containsExactly("S3");
    }

    @Test
    void shouldRefuseBaseLinesThatGrowTowardsWorseTiers() {
        assertThatThrownBy(() -> new CreditProgramme("p", "b", "Z", 1, 1, 1,
                List.of(new TierLine("A", 1), new TierLine("B", 2)), Map.of(), true))
                .hasMessageContaining("must not increase");
    }

    @Test
    void shouldRefuseARuleNamingATierWithoutABaseLine() {
        assertThatThrownBy(() -> programme(Map.of("startup", new StageRule(null, "D", null)), true))
                .hasMessageContaining("tier D");
    }
}
