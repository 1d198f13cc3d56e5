package io.innopoints.sink.credit;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.localstack.generator.GeneratorConfig;
import io.innopoints.localstack.generator.SeedZoneCalibration;
import io.innopoints.schemas.score.CohortRank;
import io.innopoints.scoring.batch.BatchResult;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.scoring.model.Stage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The pilot report's programme as the README configures it (800 million yuan, tiers A and B, 10,000-yuan units, cap 3
 * million) over a zone of 2,807 enterprises ranked in the five stages of zone-20n with the model's own tier shares:
 * 700+ enterprises on the list and the whole budget allocated, as the report says. The cohort is synthetic (seeded
 * totals, about 3 % with an active penalty). The same programme over the generated seed zone itself (the generator's
 * default sample, scored by the oracle under the seed zone's model pilot-zone-61) gives the report's figures too.
 */
class ReportLikeProgrammeTest {
    static final ScoringModel MODEL = ScoringModel.builtin("zone-20n");

    static Map<String, String> readmeProgramme() {
        Map<String, String> p = new HashMap<>();
        p.put("credit.pilot-icbc.bank", "icbc");
        p.put("credit.pilot-icbc.zone", "ZONE-A");
        p.put("credit.pilot-icbc.budget-yuan", "800000000");
        p.put("credit.pilot-icbc.unit-yuan", "10000");
        p.put("credit.pilot-icbc.cap-yuan", "3000000");
        p.put("credit.pilot-icbc.tiers", "A=2000000,B=1000000");
        p.put("credit.pilot-icbc.eligibility", "*:tier<=B;startup:tier<=B,percentile>=50");
        p.put("credit.pilot-icbc.exclude-penalised", "true");
        return p;
    }

    /** 2,807 enterprises: 73 % start-ups, the rest spread over the other stages; ranks and tiers per stage cohort. */
    static List<RankedEntry> zone() {
        Random random = new Random(2807);
        List<Stage> stages = MODEL.stages();
        Map<String, List<double[]>> byStage = new HashMap<>();
        for (int i = 0; i < 2807; i++) {
            String stage = i < 2049 ? stages.get(0).id() : stages.get(1 + i % (stages.size() - 1)).id();
            byStage.computeIfAbsent(stage, s -> new ArrayList<>()).add(new double[] {i, Math.round(random.nextDouble() * 15000) / 100.0});
        }
        List<RankedEntry> out = new ArrayList<>();
        byStage.forEach((stage, members) -> {
            int size = members.size();
            for (double[] m : members) {
                int above = (int) members.stream().filter(o -> o[1] > m[1]).count();
                int below = (int) members.stream().filter(o -> o[1] < m[1]).count();
                int rank = above + 1;
                String code = String.format("91320500MA%08d", (int) m[0]);
                out.add(new RankedEntry(code, "E" + (int) m[0], "ZONE-A", stage, "zone:ZONE-A:" + stage, rank, size,
                        below, MODEL.tierOf(rank, size), m[1], ((int) m[0]) % 33 == 0));
            }
        });
        return out;
    }

    @Test
    void shouldListOver700EnterprisesAndAllocateTheWhole800MillionYuan() {
        CreditProgramme programme = CreditProgrammes.from(readmeProgramme()).get(0);

        CreditPlan plan = CreditPlan.compute(programme, zone());

        assertThat(plan.grants()).hasSizeGreaterThan(700);
        assertThat(plan.allocatedYuan()).isEqualTo(800_000_000L);
        assertThat(plan.grants()).allSatisfy(g -> {
            assertThat(g.amountYuan()).isPositive().isLessThanOrEqualTo(3_000_000L);
            assertThat(g.amountYuan() % 10_000).isZero();
            assertThat(g.entry().tier()).isIn("A", "B");
            assertThat(g.entry().penalised()).isFalse();
        });
        // a tier-A enterprise gets about twice a tier-B one (base lines 2:1, no cap reached)
        long a = plan.grants().stream().filter(g -> g.entry().tier().equals("A")).mapToLong(CreditPlan.Grant::amountYuan)
                .min().orElseThrow();
        long b = plan.grants().stream().filter(g -> g.entry().tier().equals("B")).mapToLong(CreditPlan.Grant::amountYuan)
                .max().orElseThrow();
        assertThat(a).isBetween(2 * b - 20_000, 2 * b + 20_000);
    }

    @Test
    void shouldListOver700EnterprisesAndAllocateTheWhole800MillionYuanOverTheGeneratedSeedZone() {
        // Given the generated seed zone (2,807 enterprises in ZONE-A) ranked by the oracle under pilot-zone-61
        ScoringModel pilot = ScoringModel.builtin(SeedZoneCalibration.DEFAULT_MODEL);
        BatchResult scored = SeedZoneCalibration.score(GeneratorConfig.defaults(), pilot);
        List<RankedEntry> zone = new ArrayList<>();
        for (Stage stage : pilot.stages()) {
            String cohort = "zone:ZONE-A:" + stage.id();
            for (BatchResult.Row row : scored.cohorts().getOrDefault(cohort, List.of())) {
                CohortRank r = row.rankIn(cohort);
                boolean penalised = false;
                for (int i = 0; i < pilot.indicators().size(); i++) {
                    penalised |= row.card().indicatorPoints(i) < 0 && pilot.indicators().get(i).scorer().kind().equals("penalty");
                }
                zone.add(new RankedEntry(row.creditCode(), row.card().evaluation().name(), "ZONE-A", stage.id(), cohort,
                        r.getRank(), r.getCohortSize(), (int) Math.round(r.getPercentile() * r.getCohortSize() / 100),
                        r.getTier(), row.card().total(), penalised));
            }
        }

        // When the README's programme is planned over it
        CreditPlan plan = CreditPlan.compute(CreditProgrammes.from(readmeProgramme()).get(0), zone);

        // Then, as the report says, 700+ enterprises share the whole 800 million yuan
        assertThat(zone).hasSizeGreaterThan(2_700);
        assertThat(plan.grants()).hasSizeGreaterThan(700);
        assertThat(plan.allocatedYuan()).isEqualTo(800_000_000L);
        assertThat(plan.grants()).allSatisfy(g -> assertThat(g.entry().penalised()).isFalse());
    }
}
