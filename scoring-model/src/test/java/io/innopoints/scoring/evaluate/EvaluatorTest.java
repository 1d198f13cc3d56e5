package io.innopoints.scoring.evaluate;

import static io.innopoints.scoring.support.Events.CODE;
import static io.innopoints.scoring.support.Events.annual;
import static io.innopoints.scoring.support.Events.contract;
import static io.innopoints.scoring.support.Events.credential;
import static io.innopoints.scoring.support.Events.date;
import static io.innopoints.scoring.support.Events.day;
import static io.innopoints.scoring.support.Events.patent;
import static io.innopoints.scoring.support.Events.registration;
import static io.innopoints.scoring.support.Events.wan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.innopoints.schemas.event.ContractAction;
import io.innopoints.schemas.event.CredentialCategory;
import io.innopoints.schemas.event.CredentialLevel;
import io.innopoints.schemas.event.EnterpriseStatus;
import io.innopoints.schemas.event.PatentAction;
import io.innopoints.schemas.event.PatentType;
import io.innopoints.schemas.internal.EnterpriseProfile;
import io.innopoints.schemas.score.DimensionScore;
import io.innopoints.schemas.score.IndicatorScore;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.scoring.support.Events;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
    private static final ScoringModel NATIONAL = ScoringModel.builtin("national-2024");
    private static final ScoringModel ZONE = ScoringModel.builtin("zone-20n");
    private static final Instant AS_OF = day("2024-06-30");

    /** A start-up founded 2022 with filings for 2022 and 2023 and a few patents, contracts and credentials. */
    static EnterpriseProfile startup(String code) {
        return Events.profile(code,
                registration(code).setFoundedDate(date("2022-03-01")).build(),
                annual(code, 2022).setRevenueFen(wan(500)).setRdExpenseFen(wan(100)).build(),
                annual(code, 2023).setRevenueFen(wan(800)).setRdExpenseFen(wan(160)).setTaxesPaidFen(wan(40))
                        .setNetProfitFen(wan(50)).setEmployees(40).setRdStaff(12).setHighLevelTalent(2).build(),
                patent(code, "P1", PatentType.INVENTION, PatentAction.GRANTED, "2023-01-10").build(),
                patent(code, "P2", PatentType.INVENTION, PatentAction.GRANTED, "2023-02-10").build(),
                patent(code, "P2", PatentType.INVENTION, PatentAction.REVOKED, "2024-01-10").build(),
                contract(code, "C1", ContractAction.REGISTERED, wan(50), "2023-04-01").build(),
                credential(code, "F1", CredentialCategory.FINANCING, "EQUITY_ROUND", CredentialLevel.NONE, "2023-05-01")
                        .setAmountFen(wan(500)).build(),
                credential(code, "Q1", CredentialCategory.QUALIFICATION, "HIGH_TECH_ENTERPRISE", CredentialLevel.NATIONAL,
                        "2023-12-01").setValidUntil(date("2026-12-01")).build(),
                credential(code, "Q2", CredentialCategory.QUALIFICATION, "TECH_SME", CredentialLevel.NATIONAL,
                        "2024-01-01").build(),
                credential(code, "PL1", CredentialCategory.PLATFORM, "ENGINEERING_CENTER", CredentialLevel.MUNICIPAL,
                        "2022-06-01").build(),
                credential(code, "PR1", CredentialCategory.PROJECT, "KEY_RD", CredentialLevel.PROVINCIAL,
                        "2023-07-01").build());
    }

    @Test
    void shouldScoreEveryIndicatorWithStageWeightTimesFraction() {
        // When
        Evaluation evaluation = Evaluator.evaluate(NATIONAL, startup(CODE), AS_OF);
        ScoreCard card = evaluation.score();

        // Then: hand-computed from the start-up weights and references of national-2024
        assertThat(evaluation.stage().id()).isEqualTo("startup");
        assertThat(evaluation.ranked()).isTrue();
        assertThat(evaluation.cohorts()).extracting(Cohort::id).containsExactly("zone:ZONE-A:startup", "nation:CN:startup");
        double tech = 8 * 160.0 / 200 + 5 + 10 + 4 + 5 * 30.0 / 40 + 10 * 1 / 5.0 + 6 * 50.0 / 100 + 3.33;
        double growth = 10 * 800.0 / 1000 + 10 + 6 * 50.0 / 100 + 6 * 40.0 / 50 + 10 * 500.0 / 1000;
        double auxiliary = 15 * (0.5 + 0.25) + 10 * 0.3 + 0 + 8 * 0.5;
        assertThat(card.dimensionScores()).extracting(DimensionScore::getPoints).containsExactly(
                round(tech), round(growth), round(auxiliary));
        assertThat(card.total()).isEqualTo(round(tech + growth + auxiliary));
        assertThat(card.indicatorScores()).filteredOn(i -> i.getIndicatorId().equals("rd-intensity"))
                .singleElement().satisfies(i -> {
                    assertThat(i.getValue()).isCloseTo(20.0, within(1e-9));
                    assertThat(i.getUnit()).isEqualTo("%");
                    assertThat(i.getPoints()).isEqualTo(10.0);
                });
    }

    @Test
    void shouldReportMissingValuesAsNullAndScoreThemZero() {
        // Given an enterprise with only a registration
        EnterpriseProfile profile = Events.profile(CODE, registration(CODE).build());

        // When
        ScoreCard card = Evaluator.evaluate(NATIONAL, profile, AS_OF).score();

        // Then
        List<IndicatorScore> indicators = card.indicatorScores();
        assertThat(indicators).filteredOn(i -> i.getIndicatorId().equals("revenue-growth")).singleElement()
                .satisfies(i -> {
                    assertThat(i.getValue()).isNull();
                    assertThat(i.getPoints()).isZero();
                });
        assertThat(indicators).filteredOn(i -> i.getIndicatorId().equals("invention-patents")).singleElement()
                .satisfies(i -> assertThat(i.getValue()).isZero());
        assertThat(card.total()).isZero();
    }

    @Test
    void shouldNotRankEnterprisesThatAreNotActiveOrNotRegistered() {
        // Given
        EnterpriseProfile suspended = Events.profile(CODE, registration(CODE).setStatus(EnterpriseStatus.SUSPENDED).build());
        EnterpriseProfile unregistered = Events.profile(CODE, annual(CODE, 2023).build());

        // Then
        assertThat(Evaluator.evaluate(NATIONAL, suspended, AS_OF).ranked()).isFalse();
        Evaluation none = Evaluator.evaluate(NATIONAL, unregistered, AS_OF);
        assertThat(none.ranked()).isFalse();
        assertThat(none.cohorts()).isEmpty();
        assertThat(none.registration()).isEmpty();
    }

    @Test
    void shouldLeaveCohortPercentileIndicatorsToTheLookup() {
        // Given the zone model, whose rd-intensity and revenue-growth are cohort percentiles
        Evaluation evaluation = Evaluator.evaluate(ZONE, startup(CODE), AS_OF);

        // When the cohort says this enterprise is at the 75th percentile of both
        ScoreCard card = evaluation.score((cohort, indicator, value) -> {
            assertThat(cohort).isEqualTo("zone:ZONE-A:startup");
            return 75.0;
        });

        // Then
        assertThat(evaluation.percentileInputs()).extracting(PercentileInput::indicatorId)
                .containsExactly("rd-intensity", "revenue-growth");
        assertThat(evaluation.percentileInputs().get(0).value()).isCloseTo(20.0, within(1e-9));
        int rdIntensity = ZONE.indicator("rd-intensity").orElseThrow().index();
        int revenueGrowth = ZONE.indicator("revenue-growth").orElseThrow().index();
        assertThat(card.indicatorPoints(rdIntensity)).isEqualTo(10 * 0.75);
        assertThat(card.indicatorPoints(revenueGrowth)).isEqualTo(10 * 0.75);
    }

    @Test
    void shouldKeepTotalEqualToSumOfRoundedSubtotals() {
        // When
        ScoreCard card = Evaluator.evaluate(ZONE, startup(CODE), AS_OF).score((c, i, v) -> 100.0 / 3);

        // Then
        long sum = 0;
        for (DimensionScore d : card.dimensionScores()) {
            sum += Points.toCents(d.getPoints());
        }
        assertThat(card.totalCents()).isEqualTo(sum);
    }

    @Test
    void shouldMapOntoEnterpriseScoreAndExplainIndicatorDeltas() {
        // Given the start-up before and after its R&D staff doubled
        EnterpriseProfile before = startup(CODE);
        ScoreCard previous = Evaluator.evaluate(NATIONAL, before, AS_OF).score();
        EnterpriseProfile after = io.innopoints.scoring.profile.Profiles.fold(before,
                annual(CODE, 2023).setRevenueFen(wan(800)).setRdExpenseFen(wan(160)).setTaxesPaidFen(wan(40))
                        .setNetProfitFen(wan(50)).setEmployees(40).setRdStaff(24).setHighLevelTalent(2)
                        .setFilingDate(date("2024-05-01")).build()).profile();

        // When
        ScoreCard card = Evaluator.evaluate(NATIONAL, after, AS_OF).score();
        var ranks = List.of(new io.innopoints.schemas.score.CohortRank("zone", "zone:ZONE-A:startup", 1, 1, 0.0, "A"));
        var explanation = io.innopoints.schemas.score.Explanation.newBuilder()
                .setKind(io.innopoints.schemas.score.ChangeKind.DATA)
                .setIndicatorDeltas(card.deltasFrom(previous.indicatorScores())).build();
        var score = card.toEnterpriseScore(ranks, 7, explanation);

        // Then: rd-staff-share 30% -> 60% (capped at 40%: 3.75 -> 5), rd-staff already at its cap
        assertThat(score.getExplanation().getIndicatorDeltas()).singleElement().satisfies(d -> {
            assertThat(d.getIndicatorId()).isEqualTo("rd-staff-share");
            assertThat(d.getPreviousPoints()).isEqualTo(3.75);
            assertThat(d.getPoints()).isEqualTo(5.0);
            assertThat(d.getDelta()).isEqualTo(1.25);
        });
        assertThat(score.getTotal()).isEqualTo(previous.total() + 1.25);
        assertThat(score.getRevision()).isEqualTo(7);
        assertThat(score.getModelId()).isEqualTo("national-2024");
        assertThat(score.getStage()).isEqualTo("startup");
        assertThat(score.getRanks()).isEqualTo(ranks);
        assertThat(score.getIndicators()).hasSize(18);
        assertThat(score.getDimensions()).extracting(DimensionScore::getDimensionId)
                .containsExactly("tech", "growth", "auxiliary");
    }

    @Test
    void shouldReportACredentialExpiryAsTheNextChangeAndScoreItFromThen() {
        // Given a high-tech enterprise certificate valid until 2024-11-01 (exclusive), founded 2020-01-01
        EnterpriseProfile profile = Events.profile(CODE,
                registration(CODE).setFoundedDate(date("2020-01-01")).build(),
                credential(CODE, "Q1", CredentialCategory.QUALIFICATION, "HIGH_TECH_ENTERPRISE", CredentialLevel.NATIONAL,
                        "2021-11-01").setValidUntil(date("2024-11-01")).build());

        // When
        Evaluation now = Evaluator.evaluate(NATIONAL, profile, AS_OF);
        Instant next = now.nextChange().orElseThrow();
        Evaluation then = Evaluator.evaluate(NATIONAL, profile, next);

        // Then: midnight of 1 November in Shanghai, before the founding anniversary on 1 January
        assertThat(next).isEqualTo(Instant.parse("2024-10-31T16:00:00Z"));
        int qualifications = NATIONAL.indicator("qualifications").orElseThrow().index();
        assertThat(now.score().indicatorPoints(qualifications)).isEqualTo(15 * 0.5);
        assertThat(then.score().indicatorPoints(qualifications)).isZero();
        assertThat(then.nextChange()).hasValue(Instant.parse("2024-12-31T16:00:00Z"));
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
