package io.innopoints.scoring.scorer;

import static io.innopoints.scoring.support.Events.CODE;
import static io.innopoints.scoring.support.Events.credential;
import static io.innopoints.scoring.support.Events.date;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.innopoints.schemas.event.CredentialCategory;
import io.innopoints.schemas.event.CredentialLevel;
import io.innopoints.scoring.metric.CredentialMetric;
import io.innopoints.scoring.model.PerStage;
import io.innopoints.scoring.profile.FactView;
import io.innopoints.scoring.profile.ProfileFacts;
import io.innopoints.scoring.support.Events;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScorersTest {
    private static final FactView NO_FACTS = ProfileFacts.of(Events.profile(CODE)).at(date("2024-01-01"));

    @Test
    void shouldScaleCappedLinearUpToTheReferenceAndCapAtOne() {
        // Given ref 100 in stage 0 and 400 in stage 1
        CappedLinearScorer scorer = new CappedLinearScorer(new PerStage(new double[] {100, 400}), false);

        // Then
        assertThat(scorer.fraction(50, NO_FACTS, 0)).isEqualTo(0.5);
        assertThat(scorer.fraction(50, NO_FACTS, 1)).isEqualTo(0.125);
        assertThat(scorer.fraction(250, NO_FACTS, 0)).isEqualTo(1.0);
        assertThat(scorer.fraction(-30, NO_FACTS, 0)).isZero();
        assertThat(scorer.fraction(0, NO_FACTS, 0)).isZero();
        assertThat(scorer.fraction(Double.NaN, NO_FACTS, 0)).isZero();
    }

    @Test
    void shouldLetCappedLinearGoNegativeDownToMinusOneWhenConfigured() {
        CappedLinearScorer scorer = new CappedLinearScorer(PerStage.constant(100, 1), true);

        assertThat(scorer.fraction(-30, NO_FACTS, 0)).isEqualTo(-0.3);
        assertThat(scorer.fraction(-300, NO_FACTS, 0)).isEqualTo(-1.0);
        assertThat(scorer.fraction(30, NO_FACTS, 0)).isEqualTo(0.3);
    }

    @Test
    void shouldScoreWholeItemsUpToTheCap() {
        PerItemScorer scorer = new PerItemScorer(PerStage.constant(4, 1));

        assertThat(scorer.fraction(1, NO_FACTS, 0)).isEqualTo(0.25);
        assertThat(scorer.fraction(3.9, NO_FACTS, 0)).isEqualTo(0.75);
        assertThat(scorer.fraction(9, NO_FACTS, 0)).isEqualTo(1.0);
        assertThat(scorer.fraction(0, NO_FACTS, 0)).isZero();
    }

    @Test
    void shouldPickTheHighestReachedBand() {
        BandsScorer scorer = new BandsScorer(List.of(new BandsScorer.Band(0, 0.2), new BandsScorer.Band(10, 0.5),
                new BandsScorer.Band(30, 1.0)));

        assertThat(scorer.fraction(-1, NO_FACTS, 0)).isZero();
        assertThat(scorer.fraction(0, NO_FACTS, 0)).isEqualTo(0.2);
        assertThat(scorer.fraction(9.99, NO_FACTS, 0)).isEqualTo(0.2);
        assertThat(scorer.fraction(10, NO_FACTS, 0)).isEqualTo(0.5);
        assertThat(scorer.fraction(1000, NO_FACTS, 0)).isEqualTo(1.0);
        assertThat(scorer.fraction(Double.NaN, NO_FACTS, 0)).isZero();
    }

    @Test
    void shouldScoreLevelTablesBySumOrBestAndCapAtOne() {
        // Given a national and two provincial platforms valid on 2024-01-01
        FactView view = ProfileFacts.of(Events.profile(CODE,
                credential(CODE, "A", CredentialCategory.PLATFORM, "LAB", CredentialLevel.NATIONAL, "2022-01-01").build(),
                credential(CODE, "B", CredentialCategory.PLATFORM, "LAB", CredentialLevel.PROVINCIAL, "2022-01-01").build(),
                credential(CODE, "C", CredentialCategory.PLATFORM, "CENTER", CredentialLevel.PROVINCIAL, "2022-01-01").build(),
                credential(CODE, "D", CredentialCategory.PLATFORM, "CENTER", CredentialLevel.MUNICIPAL, "2025-01-01").build()))
                .at(date("2024-01-01"));
        CredentialMetric platforms = new CredentialMetric("credential-count", CredentialMetric.Aggregate.COUNT,
                CredentialCategory.PLATFORM, List.of(), List.of(), List.of(), 0);
        Map<String, Double> table = Map.of("NATIONAL", 0.5, "PROVINCIAL", 0.2, "MUNICIPAL", 0.1);

        // Then
        assertThat(new TableScorer("level-table", TableScorer.Key.LEVEL, table, true, platforms)
                .fraction(3, view, 0)).isCloseTo(0.9, within(1e-12));
        assertThat(new TableScorer("level-table", TableScorer.Key.LEVEL, table, false, platforms)
                .fraction(3, view, 0)).isEqualTo(0.5);
        assertThat(new TableScorer("kind-table", TableScorer.Key.KIND, Map.of("LAB", 0.7), true, platforms)
                .fraction(3, view, 0)).isEqualTo(1.0);
    }

    @Test
    void shouldGiveBonusAndPenaltyTheFullWeightForAYesFlag() {
        assertThat(new BonusScorer(1).fraction(1, NO_FACTS, 0)).isEqualTo(1.0);
        assertThat(new BonusScorer(1).fraction(0, NO_FACTS, 0)).isZero();
        assertThat(new PenaltyScorer(1).fraction(1, NO_FACTS, 0)).isEqualTo(-1.0);
        assertThat(new PenaltyScorer(2).fraction(1, NO_FACTS, 0)).isEqualTo(-0.5);
        assertThat(new PenaltyScorer(2).fraction(5, NO_FACTS, 0)).isEqualTo(-1.0);
        assertThat(new PenaltyScorer(1).fraction(Double.NaN, NO_FACTS, 0)).isZero();
    }

    @Test
    void shouldRankCohortPercentilesFromLowestZeroToHighestHundredWithTiesAtTheirMidRank() {
        // Given values 1, 2, 2, 3, 5 (and a missing value, which is not part of the distribution)
        CohortPercentile cohort = CohortPercentile.of(new double[] {5, 2, 1, Double.NaN, 3, 2});

        // Then
        assertThat(cohort.size()).isEqualTo(5);
        assertThat(cohort.percentileOf(1)).isZero();
        assertThat(cohort.percentileOf(2)).isEqualTo(100.0 * (1 + 0.5) / 4);
        assertThat(cohort.percentileOf(3)).isEqualTo(75.0);
        assertThat(cohort.percentileOf(5)).isEqualTo(100.0);
        assertThat(CohortPercentile.of(new double[] {7}).percentileOf(7)).isEqualTo(100.0);
        assertThat(CohortPercentile.of(new double[] {4, 4, 4}).percentileOf(4)).isEqualTo(50.0);
        assertThat(CohortPercentileScorer.fractionOf(75)).isEqualTo(0.75);
    }

    @Test
    void shouldRefuseImpossiblePercentileCounts() {
        assertThatThrownBy(() -> CohortPercentile.percentile(3, 0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CohortPercentile.percentile(3, 3, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
