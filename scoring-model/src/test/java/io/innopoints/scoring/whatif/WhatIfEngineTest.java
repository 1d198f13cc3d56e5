package io.innopoints.scoring.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.scoring.whatif.Cohorts.CohortRef;
import io.innopoints.scoring.whatif.Cohorts.Member;
import io.innopoints.scoring.whatif.Cohorts.Subject;
import io.innopoints.scoring.whatif.WhatIfEngine.Option;
import io.innopoints.scoring.whatif.WhatIfEngine.Scenario;
import io.innopoints.scoring.whatif.WhatIfEngine.Target;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What-if arithmetic on a small model and a four-member cohort whose expected numbers are worked out by hand here
 * from the model's rules (capped linear, per item, bands, cohort percentile, penalty; points rounded half up to
 * 0.01; competition ranks), not taken from the engine.
 */
class WhatIfEngineTest {
    static final String MODEL = """
            id: wi
            version: "1"
            topN: 2
            cohortScopes: [zone]
            stages:
              - id: growth
                names: {zh: 成长期, en: Growth}
            dimensions:
              - id: tech
                names: {zh: 技术, en: Tech}
              - id: growth
                names: {zh: 成长, en: Growth}
            indicators:
              - id: rd
                names: {zh: 研发费用, en: R&D}
                dimension: tech
                metric: rd-expense
                scorer: {kind: capped-linear, ref: 100}
                weights: 10
              - id: patents
                names: {zh: 专利, en: Patents}
                dimension: tech
                metric: valid-patents
                scorer: {kind: per-item, maxItems: 5}
                weights: 10
              - id: capital
                names: {zh: 注册资本, en: Capital}
                dimension: growth
                metric: registered-capital
                scorer: {kind: bands, bands: [{from: 100, fraction: 0.5}, {from: 500, fraction: 1.0}]}
                weights: 4
              - id: intensity
                names: {zh: 研发强度, en: Intensity}
                dimension: tech
                metric: rd-intensity
                scorer: {kind: cohort-percentile, scope: zone}
                weights: 10
              - id: blacklist
                names: {zh: 失信, en: Blacklist}
                dimension: growth
                metric: {id: credential-valid, category: PENALTY, kinds: [DISHONESTY_BLACKLIST]}
                scorer: {kind: penalty}
                weights: 20
              - id: platforms
                names: {zh: 平台, en: Platforms}
                dimension: growth
                metric: {id: credential-count, category: PLATFORM}
                scorer: {kind: level-table, points: {NATIONAL: 1.0}}
                weights: 5
            """;
    static final ScoringModel M = ScoringModel.load(MODEL, "wi");
    static final String COHORT = "zone:Z:growth";
    static final String S = "S";

    // Others: A 30.00 (intensity 5), B 20.00 (intensity 3), C 10.00 (intensity 1).
    static final List<Member> OTHERS = List.of(
            new Member("A", 3000, Map.of("intensity", 5.0)),
            new Member("B", 2000, Map.of("intensity", 3.0)),
            new Member("C", 1000, Map.of("intensity", 1.0)));

    /**
     * Subject: rd 20 → 10×20/100 = 2.00; patents 2 → 10×2/5 = 4.00; capital 50 → below the first band, 0;
     * intensity 2 in {1,2,3,5} → P = 100×1/3 → 3.33; platforms 5.00; total 14.33 → rank 3 of 4 (30 > 20 > 14.33 > 10).
     */
    static Subject subject(long total, Map<String, Double> values, Map<String, Long> points) {
        return new Subject(S, "growth", total, values, points, Map.of("tech", 933L, "growth", 500L),
                List.of(new CohortRef(COHORT, "zone")));
    }

    static Subject standard() {
        return subject(1433, Map.of("rd", 20.0, "patents", 2.0, "capital", 50.0, "intensity", 2.0, "blacklist", 0.0,
                "platforms", 1.0), Map.of("rd", 200L, "patents", 400L, "capital", 0L, "intensity", 333L,
                "blacklist", 0L, "platforms", 500L));
    }

    static WhatIfEngine engine(Subject s) {
        return new WhatIfEngine(M, s, Map.of(COHORT, OTHERS));
    }

    /** The cohort-percentile formula of the model README, written out independently. */
    static double percentile(int below, int equal, int n) {
        return n == 1 ? 100 : 100.0 * (below + (equal - 1) / 2.0) / (n - 1);
    }

    static double pointsOf(double weight, double fraction) {
        return Math.round(weight * fraction * 100 + 1e-9) / 100.0;
    }

    @Test
    void shouldRescoreChangedIndicatorAndKeepRankWhenNotEnough() {
        // Given the standard subject
        // When R&D expense becomes 50 (10 × 50/100 = 5.00, +3.00)
        Scenario s = engine(standard()).evaluate(Map.of("rd", 50.0));

        // Then the total is 14.33 + 3.00 and the rank stays 3 behind B's 20.00, tier C ((3-1) < 0.6×4)
        assertThat(s.total()).isEqualTo(14.33);
        assertThat(s.newTotal()).isEqualTo(17.33);
        assertThat(s.indicators()).filteredOn(i -> i.indicatorId().equals("rd")).singleElement().satisfies(i -> {
            assertThat(i.value()).isEqualTo(20.0);
            assertThat(i.newValue()).isEqualTo(50.0);
            assertThat(i.newPoints()).isEqualTo(5.0);
            assertThat(i.delta()).isEqualTo(3.0);
        });
        assertThat(s.dimensions()).filteredOn(d -> d.dimensionId().equals("tech")).singleElement()
                .satisfies(d -> assertThat(d.newPoints()).isEqualTo(12.33));
        assertThat(s.ranks()).singleElement().satisfies(r -> {
            assertThat(r.rank()).isEqualTo(3);
            assertThat(r.newRank()).isEqualTo(3);
            assertThat(r.cohortSize()).isEqualTo(4);
            assertThat(r.newTier()).isEqualTo("C");
        });
        assertThat(s.shiftedMembers()).isZero();
    }

    @Test
    void shouldShiftOtherMembersWhenPercentileValueOvertakesThem() {
        // Given the standard subject (intensity 2) and B at 3 with 6.67 points (P 66.67 in {1,2,3,5})
        double bBefore = pointsOf(10, percentile(2, 1, 4) / 100);
        // When intensity becomes 4: the distribution is {1,3,4,5}
        double sAfter = pointsOf(10, percentile(2, 1, 4) / 100);
        double bAfter = pointsOf(10, percentile(1, 1, 4) / 100);
        Scenario s = engine(standard()).evaluate(Map.of("intensity", 4.0));

        // Then the subject gains what B loses, and overtakes B: rank 2, tier B ((2-1) < 0.3×4)
        double expectedTotal = Math.round((14.33 + sAfter - 3.33) * 100) / 100.0;
        assertThat(s.newTotal()).isCloseTo(expectedTotal, within(1e-9));
        assertThat(s.newTotal()).isEqualTo(17.67);
        assertThat(20.0 - bBefore + bAfter).isCloseTo(16.66, within(1e-9));
        assertThat(s.ranks()).singleElement().satisfies(r -> {
            assertThat(r.newRank()).isEqualTo(2);
            assertThat(r.newTier()).isEqualTo("B");
        });
        assertThat(s.shiftedMembers()).isEqualTo(1);
    }

    @Test
    void shouldAddMissingValueToTheDistributionAndShiftOthers() {
        // Given a subject without an intensity value (0 points), total 10.99; others' distribution {1,3,5}
        Map<String, Double> values = new HashMap<>(standard().values());
        values.remove("intensity");
        Map<String, Long> points = new HashMap<>(standard().pointsCents());
        points.put("intensity", 0L);
        Subject missing = subject(1099, values, points);

        // When it gets the value 2: distribution {1,2,3,5}
        Scenario s = engine(missing).evaluate(Map.of("intensity", 2.0));

        // Then it scores P(1 below of 4) = 33.33 % → 3.33; B moves from P(1 below of 3) = 50 to P(2 below of 4)
        double sPoints = pointsOf(10, percentile(1, 1, 4) / 100);
        assertThat(s.newTotal()).isCloseTo(10.99 + sPoints, within(1e-9));
        assertThat(s.indicators()).filteredOn(i -> i.indicatorId().equals("intensity")).singleElement()
                .satisfies(i -> {
                    assertThat(i.value()).isNull();
                    assertThat(i.newValue()).isEqualTo(2.0);
                });
        assertThat(pointsOf(10, percentile(2, 1, 4) / 100) - pointsOf(10, percentile(1, 1, 3) / 100))
                .isCloseTo(1.67, within(1e-9));
        assertThat(s.shiftedMembers()).isEqualTo(1);
    }

    @Test
    void shouldScoreZeroWhenValueBecomesMissing() {
        // When R&D expense is removed (missing scores 0)
        Scenario s = engine(standard()).evaluate(new HashMap<>(java.util.Collections.singletonMap("rd", null)));

        // Then the total loses its 2.00 points
        assertThat(s.newTotal()).isEqualTo(12.33);
    }

    @Test
    void shouldFindCheapestSingleChangeToReachTopN() {
        // Given rank 3, top-2 threshold = B's 20.00 (need +5.67)
        // When
        Target t = engine(standard()).minimumChange(COHORT, 2);

        // Then, worked by hand:
        //  rd: 10×v/100 rounded ≥ 7.67 ⇔ v ≥ 76.65 (7.665 rounds half up) → relative (76.65-20)/20 = 2.8325
        //  patents: 2 points per item, need ≥ 5.67 more → 5 items (+6.00) → relative 1.5
        //  capital: best band gives 4.00 < 5.67 → capped
        //  intensity: 3 ties B (both P 50 → S 16.00 < B 18.33); 3.01 passes B (S P 66.67 → 17.67, B P 33.33 → 16.66)
        //             → rank 2 → relative (3.01-2)/2 = 0.505: the cheapest
        //  blacklist: no penalty to remove; platforms: not one raw value
        assertThat(t.alreadyInTop()).isFalse();
        assertThat(t.rank()).isEqualTo(3);
        assertThat(t.thresholdTotal()).isEqualTo(20.0);
        assertThat(t.cheapest().indicatorId()).isEqualTo("intensity");
        assertThat(t.cheapest().requiredValue()).isEqualTo(3.01);
        assertThat(t.cheapest().relativeChange()).isCloseTo(0.505, within(1e-9));
        assertThat(t.cheapest().newRank()).isEqualTo(2);
        assertThat(t.cheapest().newTotal()).isEqualTo(17.67);
        Map<String, Option> byId = new HashMap<>();
        t.options().forEach(o -> byId.put(o.indicatorId(), o));
        assertThat(byId.get("rd").requiredValue()).isEqualTo(76.65);
        assertThat(byId.get("rd").relativeChange()).isCloseTo(2.8325, within(1e-9));
        assertThat(byId.get("patents").requiredValue()).isEqualTo(5.0);
        assertThat(byId.get("patents").change()).isEqualTo(3.0);
        assertThat(byId.get("capital").reachable()).isFalse();
        assertThat(byId.get("capital").reason()).contains("capped");
        assertThat(byId.get("capital").reasonCode()).isEqualTo("CAPPED");
        assertThat(byId.get("blacklist").reachable()).isFalse();
        assertThat(byId.get("blacklist").reasonCode()).isEqualTo("NO_PENALTY");
        assertThat(byId.get("platforms").reachable()).isFalse();
        assertThat(byId.get("platforms").reasonCode()).isEqualTo("NOT_A_RAW_VALUE");
        assertThat(t.options()).extracting(Option::indicatorId).startsWith("intensity", "patents", "rd");
    }

    @Test
    void shouldReportAlreadyInTopN() {
        // Given a subject with 25.00 (rank 2)
        Subject s = subject(2500, standard().values(), standard().pointsCents());

        // When
        Target t = engine(s).minimumChange(COHORT, 2);

        // Then
        assertThat(t.alreadyInTop()).isTrue();
        assertThat(t.rank()).isEqualTo(2);
        assertThat(t.cheapest()).isNull();
    }

    @Test
    void shouldReportUnreachableWhenEveryIndicatorIsCapped() {
        // Given top-1 (must pass A's 30.00: +15.67): rd at most +8.00, patents +6.00, capital +4.00;
        // intensity above A (5.01) gives P 100 → 10.00 (+6.67 → 21.00) while A drops to P 66.67 → 26.67
        // When
        Target t = engine(standard()).minimumChange(COHORT, 1);

        // Then
        assertThat(t.alreadyInTop()).isFalse();
        assertThat(t.cheapest()).isNull();
        assertThat(t.options()).isNotEmpty().allSatisfy(o -> assertThat(o.reachable()).isFalse());
        assertThat(t.thresholdTotal()).isEqualTo(30.0);
    }

    @Test
    void shouldRemovePenaltyWhenThatIsTheCheapestWay() {
        // Given a blacklisted subject: -20.00 in a total of 5.00
        Map<String, Double> values = new HashMap<>(standard().values());
        values.put("blacklist", 1.0);
        Map<String, Long> points = new HashMap<>(standard().pointsCents());
        points.put("blacklist", -2000L);
        Subject s = subject(500, values, points);

        // When
        Target t = engine(s).minimumChange(COHORT, 2);

        // Then removing the penalty gives 25.00 ≥ 20.00: rank 2 (nothing else can add 15.00)
        assertThat(t.cheapest().indicatorId()).isEqualTo("blacklist");
        assertThat(t.cheapest().requiredValue()).isEqualTo(0.0);
        assertThat(t.cheapest().newTotal()).isEqualTo(25.0);
        assertThat(t.cheapest().newRank()).isEqualTo(2);
    }

    @Test
    void shouldRejectUnknownAndTableIndicatorsAndForeignCohorts() {
        WhatIfEngine e = engine(standard());
        assertThatThrownBy(() -> e.evaluate(Map.of("nope", 1.0))).isInstanceOf(WhatIfException.class)
                .satisfies(x -> assertThat(((WhatIfException) x).field()).isEqualTo("changes.nope"))
                .satisfies(x -> assertThat(((WhatIfException) x).kind()).isEqualTo(WhatIfException.Kind.INVALID));
        assertThatThrownBy(() -> e.evaluate(Map.of("platforms", 2.0))).isInstanceOf(WhatIfException.class)
                .satisfies(x -> assertThat(((WhatIfException) x).field()).isEqualTo("changes.platforms"));
        assertThatThrownBy(() -> e.minimumChange("zone:Y:growth", 2)).isInstanceOf(WhatIfException.class)
                .satisfies(x -> assertThat(((WhatIfException) x).field()).isEqualTo("cohort"));
    }

    @Test
    void shouldRejectAStoredStageTheModelDoesNotHaveAsAModelMismatch() {
        // Given an enterprise stored in a stage the model does not define (scored under another model's stages)
        Subject s = new Subject(S, "mature", 1433, Map.of(), Map.of(), Map.of(), List.of(new CohortRef(COHORT, "zone")));

        // Then the engine refuses it as a mismatch of state and model, not as a bad request field
        assertThatThrownBy(() -> engine(s)).isInstanceOf(WhatIfException.class)
                .satisfies(x -> assertThat(((WhatIfException) x).kind()).isEqualTo(WhatIfException.Kind.MODEL_MISMATCH))
                .hasMessageContaining("mature");
    }
}
