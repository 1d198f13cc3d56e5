package io.innopoints.scoring.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.event.CredentialCategory;
import io.innopoints.schemas.event.CredentialEvent;
import io.innopoints.schemas.event.EnterpriseRegistration;
import io.innopoints.schemas.internal.EnterpriseProfile;
import io.innopoints.scoring.evaluate.Cohort;
import io.innopoints.scoring.evaluate.Evaluation;
import io.innopoints.scoring.evaluate.Evaluator;
import io.innopoints.scoring.evaluate.PercentileInput;
import io.innopoints.scoring.evaluate.Points;
import io.innopoints.scoring.evaluate.ScoreCard;
import io.innopoints.scoring.model.Dimension;
import io.innopoints.scoring.model.Indicator;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.scoring.profile.Profiles;
import io.innopoints.scoring.scorer.CohortPercentile;
import io.innopoints.scoring.scorer.PercentileLookup;
import io.innopoints.scoring.support.Events;
import io.innopoints.scoring.support.RandomLog;
import io.innopoints.scoring.whatif.Cohorts.CohortRef;
import io.innopoints.scoring.whatif.Cohorts.Member;
import io.innopoints.scoring.whatif.Cohorts.Subject;
import io.innopoints.scoring.whatif.WhatIfEngine.IndicatorOutcome;
import io.innopoints.scoring.whatif.WhatIfEngine.RankOutcome;
import io.innopoints.scoring.whatif.WhatIfEngine.Scenario;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * What-if is the {@link Evaluator} on the changed profile: an enterprise in a random cohort is scored as it is
 * (profile A), then given more events (patents, contracts, filings, penalties — profile B); the what-if of A with
 * B's changed raw values answers exactly B's score — every indicator's points, every dimension, the total — and B's
 * rank in every cohort, with the other members' points re-scored by the Evaluator under B's cohort distribution
 * (a cohort-percentile change moves them). Both built-in models; cases where B changes what a what-if cannot (the
 * stage, table-scored credentials) are discarded.
 */
class WhatIfEvaluatorProperties {
    private static final List<ScoringModel> MODELS = List.of(ScoringModel.builtin("national-2024"),
            ScoringModel.builtin("zone-20n"));
    private static final Instant AS_OF = Instant.parse("2026-06-30T04:00:00Z");
    private static final String ZONE = "ZONE-A";

    @Property(tries = 200, maxDiscardRatio = 20)
    void shouldAnswerWhatTheEvaluatorScoresForTheChangedProfile(@ForAll long seed,
                                                                 @ForAll @IntRange(min = 0, max = 1) int modelIndex,
                                                                 @ForAll @IntRange(min = 1, max = 12) int others) {
        // Given a cohort of random enterprises and the subject's profile before (A) and after more events (B)
        ScoringModel model = MODELS.get(modelIndex);
        RandomLog log = new RandomLog(seed);
        String code = Events.code(1);
        List<SpecificRecord> before = log.enterprise(code, 12, ZONE);
        List<SpecificRecord> after = new ArrayList<>(before);
        after.addAll(more(new RandomLog(seed + 1).enterprise(code, 12, ZONE)));
        Evaluation a = Evaluator.evaluate(model, profile(code, before), AS_OF);
        Evaluation b = Evaluator.evaluate(model, profile(code, after), AS_OF);
        Assume.that(a.ranked() && a.stage().equals(b.stage()));
        for (Indicator ind : model.indicators()) {
            Assume.that(ind.scorer().followsRawValue() || Double.compare(a.value(ind.index()), b.value(ind.index())) == 0
                    && a.points(ind.index()) == b.points(ind.index()));
        }
        Map<String, Double> changes = new LinkedHashMap<>();
        for (Indicator ind : model.indicators()) {
            double va = a.value(ind.index());
            double vb = b.value(ind.index());
            if (Double.compare(va, vb) != 0) {
                changes.put(ind.id(), Double.isNaN(vb) ? null : vb);
            }
        }
        Assume.that(!changes.isEmpty());
        List<Evaluation> members = new ArrayList<>();
        for (int k = 0; k < others; k++) {
            String other = Events.code(2 + k);
            Evaluation e = Evaluator.evaluate(model, profile(other, log.enterprise(other, 12, ZONE)), AS_OF);
            if (e.ranked()) {
                members.add(e);
            }
        }
        PercentileLookup lookupA = lookup(a, members);
        PercentileLookup lookupB = lookup(b, members);
        ScoreCard cardA = a.score(lookupA);
        ScoreCard cardB = b.score(lookupB);

        // When the what-if of A sets B's changed values
        Map<String, List<Member>> cohortMembers = new HashMap<>();
        for (Cohort c : a.cohorts()) {
            cohortMembers.put(c.id(), members.stream().filter(m -> inCohort(m, c.id()))
                    .map(m -> member(m, m.score(lookupA))).toList());
        }
        Scenario scenario = new WhatIfEngine(model, subject(a, cardA), cohortMembers).evaluate(changes);

        // Then it answers B's score and B's ranks among the re-scored others
        assertThat(scenario.total()).isEqualTo(cardA.total());
        assertThat(scenario.newTotal()).as("changes %s", changes).isEqualTo(cardB.total());
        for (IndicatorOutcome o : scenario.indicators()) {
            Indicator ind = model.indicator(o.indicatorId()).orElseThrow();
            assertThat(o.newPoints()).as(o.indicatorId()).isEqualTo(cardB.indicatorPoints(ind.index()));
        }
        for (Dimension d : model.dimensions()) {
            assertThat(scenario.dimensions().stream().filter(x -> x.dimensionId().equals(d.id())).findFirst()
                    .orElseThrow().newPoints()).as(d.id()).isEqualTo(cardB.dimensionPoints(d.index()));
        }
        for (RankOutcome r : scenario.ranks()) {
            long above = members.stream().filter(m -> inCohort(m, r.cohortId()))
                    .filter(m -> m.score(lookupB).totalCents() > cardB.totalCents()).count();
            assertThat(r.newRank()).as(r.cohortId()).isEqualTo((int) above + 1);
        }
    }

    /** The extra events of profile B: anything but a registration or a credential other than a penalty. */
    private static List<SpecificRecord> more(List<SpecificRecord> events) {
        List<SpecificRecord> out = new ArrayList<>();
        for (SpecificRecord e : events) {
            if (e instanceof EnterpriseRegistration
                    || e instanceof CredentialEvent c && c.getCategory() != CredentialCategory.PENALTY) {
                continue;
            }
            // new event ids: the same id would be a duplicate (a no-op), not more facts
            ((SpecificRecordBase) e).put("eventId", "more-" + Events.nextId());
            out.add(e);
        }
        return out;
    }

    private static EnterpriseProfile profile(String code, List<SpecificRecord> events) {
        return Profiles.foldAll(Profiles.empty(code), events);
    }

    private static boolean inCohort(Evaluation e, String cohortId) {
        return e.cohorts().stream().anyMatch(c -> c.id().equals(cohortId));
    }

    /** Percentiles among the ranked members' values, as the stream computes them: the subject's value included. */
    private static PercentileLookup lookup(Evaluation subject, List<Evaluation> members) {
        Map<String, List<Double>> values = new HashMap<>();
        List<Evaluation> all = new ArrayList<>(members);
        all.add(subject);
        for (Evaluation e : all) {
            for (PercentileInput in : e.percentileInputs()) {
                values.computeIfAbsent(in.cohortId() + "|" + in.indicatorId(), k -> new ArrayList<>()).add(in.value());
            }
        }
        return (cohort, indicator, value) -> CohortPercentile.of(values.get(cohort + "|" + indicator).stream()
                .mapToDouble(Double::doubleValue).toArray()).percentileOf(value);
    }

    /** The subject as the read model stores it: values, points and subtotals in hundredths, cohorts. */
    private static Subject subject(Evaluation e, ScoreCard card) {
        Map<String, Long> points = new HashMap<>();
        for (Indicator ind : e.model().indicators()) {
            points.put(ind.id(), Points.toCents(card.indicatorPoints(ind.index())));
        }
        Map<String, Long> dimensions = new HashMap<>();
        for (Dimension d : e.model().dimensions()) {
            dimensions.put(d.id(), Points.toCents(card.dimensionPoints(d.index())));
        }
        return new Subject(e.creditCode(), e.stage().id(), card.totalCents(), values(e), points, dimensions,
                e.cohorts().stream().map(c -> new CohortRef(c.id(), c.scope().id())).toList());
    }

    private static Member member(Evaluation e, ScoreCard card) {
        return new Member(e.creditCode(), card.totalCents(), values(e));
    }

    private static Map<String, Double> values(Evaluation e) {
        Map<String, Double> out = new HashMap<>();
        for (Indicator ind : e.model().indicators()) {
            double v = e.value(ind.index());
            if (!Double.isNaN(v)) {
                out.put(ind.id(), v);
            }
        }
        return out;
    }
}
