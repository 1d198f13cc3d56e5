package io.innopoints.scoring.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.scoring.whatif.Cohorts.CohortRef;
import io.innopoints.scoring.whatif.Cohorts.Member;
import io.innopoints.scoring.whatif.Cohorts.Subject;
import io.innopoints.scoring.whatif.WhatIfEngine.Option;
import io.innopoints.scoring.whatif.WhatIfEngine.Scenario;
import io.innopoints.scoring.whatif.WhatIfEngine.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Invariants of the what-if search on random cohorts of the small test model: with no change the rank is the
 * naive competition rank; every reachable option, applied, reaches the top N; one step less (0.01, or one item)
 * does not (the reported value is the minimum); the cheapest has the smallest relative change.
 */
class WhatIfProperties {

    static WhatIfEngine engine(List<Integer> totals, List<Integer> intensities, int subjectTotal, int subjectRd,
                               int subjectPatents, int subjectIntensity) {
        List<Member> others = new ArrayList<>();
        for (int i = 0; i < totals.size(); i++) {
            Map<String, Double> values = new HashMap<>();
            values.put("intensity", intensities.get(i % intensities.size()) / 10.0);
            others.add(new Member("M" + i, totals.get(i), values));
        }
        double rd = subjectRd;
        Subject s = new Subject("S", "growth", subjectTotal,
                Map.of("rd", rd, "patents", (double) subjectPatents, "capital", 50.0,
                        "intensity", subjectIntensity / 10.0, "blacklist", 0.0),
                Map.of("rd", Math.round(Math.min(rd / 100, 1) * 1000), "patents", subjectPatents * 200L, "capital", 0L),
                Map.of(), List.of(new CohortRef(WhatIfEngineTest.COHORT, "zone")));
        return new WhatIfEngine(WhatIfEngineTest.M, s, Map.of(WhatIfEngineTest.COHORT, others));
    }

    @Property(tries = 300)
    void shouldReportMinimalSingleChangesThatReachTheTopN(
            @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 6000) Integer> totals,
            @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 200) Integer> intensities,
            @ForAll @IntRange(min = 0, max = 6000) int subjectTotal,
            @ForAll @IntRange(min = 0, max = 100) int rd,
            @ForAll @IntRange(min = 0, max = 5) int patents,
            @ForAll @IntRange(min = 0, max = 200) int intensity,
            @ForAll @IntRange(min = 1, max = 6) int top) {
        WhatIfEngine engine = engine(totals, intensities, subjectTotal, rd, patents, intensity);

        // no change: the naive competition rank
        Scenario none = engine.evaluate(Map.of());
        long above = totals.stream().filter(t -> t > subjectTotal).count();
        assertThat(none.ranks().get(0).newRank()).isEqualTo((int) above + 1);
        assertThat(none.newTotal()).isEqualTo(subjectTotal / 100.0);

        Target t = engine.minimumChange(WhatIfEngineTest.COHORT, top);
        assertThat(t.alreadyInTop()).isEqualTo(above + 1 <= top);
        Double cheapestRelative = null;
        for (Option o : t.options()) {
            if (!o.reachable()) {
                continue;
            }
            Scenario with = engine.evaluate(Map.of(o.indicatorId(), o.requiredValue()));
            assertThat(with.ranks().get(0).newRank()).as(o.toString()).isLessThanOrEqualTo(top);
            assertThat(with.newTotal()).isEqualTo(o.newTotal());
            double step = o.unit().equals("items") ? 1 : 0.01;
            double less = Math.round((o.requiredValue() - step) * 100) / 100.0;
            if (o.scorer().equals("penalty") || o.value() == null || less < o.value()) {
                continue;
            }
            Scenario lessWith = engine.evaluate(Map.of(o.indicatorId(), less));
            assertThat(lessWith.ranks().get(0).newRank()).as("one step below " + o).isGreaterThan(top);
            if (o.relativeChange() != null) {
                cheapestRelative = cheapestRelative == null ? Math.abs(o.relativeChange())
                        : Math.min(cheapestRelative, Math.abs(o.relativeChange()));
            }
        }
        if (cheapestRelative != null) {
            assertThat(Math.abs(t.cheapest().relativeChange())).isLessThanOrEqualTo(cheapestRelative);
        }
    }
}
