package io.innopoints.scoring.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.event.PatentAction;
import io.innopoints.schemas.event.PatentType;
import io.innopoints.schemas.internal.EnterpriseProfile;
import io.innopoints.scoring.metric.Dates;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.scoring.profile.Profiles;
import io.innopoints.scoring.support.Events;
import io.innopoints.scoring.support.RandomLog;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Invariants of scoring: totals add up, bounds hold, more patents never cost points. */
class ScoreCardProperties {
    private static final List<ScoringModel> MODELS = List.of(ScoringModel.builtin("national-2024"),
            ScoringModel.builtin("zone-20n"));

    private static EnterpriseProfile random(long seed) {
        RandomLog log = new RandomLog(seed);
        return Profiles.foldAll(Profiles.empty(Events.CODE), log.withNoise(log.enterprise(Events.CODE, 10, "ZONE-A")));
    }

    @Property(tries = 200)
    void shouldMakeTotalsTheSumOfSubtotalsAndKeepEveryIndicatorWithinItsWeight(
            @ForAll long seed, @ForAll @IntRange(min = 0, max = 3000) int day,
            @ForAll @DoubleRange(min = 0, max = 100) double percentile) {
        // Given
        EnterpriseProfile profile = random(seed);
        Instant asOf = Dates.startOf(LocalDate.of(2018, 1, 1).plusDays(day));

        for (ScoringModel model : MODELS) {
            // When
            ScoreCard card = Evaluator.evaluate(model, profile, asOf).score((c, i, v) -> percentile);

            // Then
            double sumOfDimensions = card.dimensionScores().stream().mapToDouble(d -> d.getPoints()).sum();
            assertThat(card.total()).isCloseTo(sumOfDimensions, org.assertj.core.api.Assertions.within(1e-6));
            int stage = card.evaluation().stage().index();
            model.indicators().forEach(ind -> {
                double points = card.indicatorPoints(ind.index());
                double weight = ind.weight(stage);
                if (ind.scorer().kind().equals("penalty")) {
                    assertThat(points).isBetween(-weight, 0.0);
                } else if (ind.scorer() instanceof io.innopoints.scoring.scorer.CappedLinearScorer c && c.negativeLinear()) {
                    assertThat(points).isBetween(-weight, weight);
                } else {
                    assertThat(points).isBetween(0.0, weight);
                }
            });
        }
    }

    @Property(tries = 150)
    void shouldNeverLowerTheTotalWhenAnInventionPatentIsGranted(@ForAll long seed,
                                                                @ForAll @IntRange(min = 0, max = 3000) int day) {
        // Given a random enterprise and one more invention patent granted on or before the as-of day
        EnterpriseProfile profile = random(seed);
        LocalDate asOfDay = LocalDate.of(2018, 1, 1).plusDays(day);
        Instant asOf = Dates.startOf(asOfDay);
        EnterpriseProfile more = Profiles.fold(profile, Events.patent(Events.CODE, "NEW-" + seed, PatentType.INVENTION,
                PatentAction.GRANTED, asOfDay.minusDays(day % 400).toString()).build()).profile();

        for (ScoringModel model : MODELS) {
            // When
            long before = Evaluator.evaluate(model, profile, asOf).score((c, i, v) -> 50).totalCents();
            long after = Evaluator.evaluate(model, more, asOf).score((c, i, v) -> 50).totalCents();

            // Then
            assertThat(after).isGreaterThanOrEqualTo(before);
        }
    }
}
