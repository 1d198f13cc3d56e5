package io.innopoints.scoring.stage;

import static io.innopoints.scoring.support.Events.CODE;
import static io.innopoints.scoring.support.Events.annual;
import static io.innopoints.scoring.support.Events.date;
import static io.innopoints.scoring.support.Events.registration;
import static io.innopoints.scoring.support.Events.wan;
import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.scoring.evaluate.Evaluator;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.scoring.profile.ProfileFacts;
import io.innopoints.scoring.support.Events;
import java.util.List;
import org.junit.jupiter.api.Test;

class StageRuleTest {

    private static final String MODEL = """
            id: stages
            version: "1"
            stages:
              - id: young
                names: {zh: 初创, en: Young}
                when:
                  - {maxYears: 3}
                  - {maxRevenue: 100, maxEmployees: 10}
              - id: mid
                names: {zh: 成长, en: Mid}
                when: {minRevenue: 100, maxRevenue: 1000}
              - id: big
                names: {zh: 成熟, en: Big}
                when: {minEmployees: 500}
              - id: other
                names: {zh: 其他, en: Other}
            dimensions:
              - id: d
                names: {zh: 维度, en: D}
            indicators:
              - id: r
                names: {zh: 收入, en: Revenue}
                dimension: d
                metric: revenue
                scorer: {kind: capped-linear, ref: 1}
                weights: 1
            """;

    @Test
    void shouldHoldOnInclusiveMinimumsAndExclusiveMaximums() {
        StageRule.Conditions c = new StageRule.Conditions(1, 3, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        StageRule rule = new StageRule(List.of(c));

        assertThat(rule.matches(0, 0, 0)).isFalse();
        assertThat(rule.matches(1, 0, 0)).isTrue();
        assertThat(rule.matches(2.99, 0, 0)).isTrue();
        assertThat(rule.matches(3, 0, 0)).isFalse();
        assertThat(new StageRule(List.of()).matches(99, 99, 99)).isTrue();
    }

    @Test
    void shouldReadMissingInputsAsZero() {
        StageRule rule = new StageRule(List.of(new StageRule.Conditions(Double.NaN, Double.NaN, Double.NaN, 100,
                Double.NaN, Double.NaN)));

        assertThat(rule.matches(Double.NaN, Double.NaN, Double.NaN)).isTrue();
    }

    @Test
    void shouldAssignTheFirstMatchingStageAtTheAsOfDay() {
        // Given an enterprise founded 2018-05-01 with revenue 500 (10k CNY), 600 employees in fiscal 2020
        ScoringModel model = ScoringModel.load(MODEL, "stages");
        var facts = ProfileFacts.of(Events.profile(CODE,
                registration(CODE).setFoundedDate(date("2018-05-01")).build(),
                annual(CODE, 2020).setRevenueFen(wan(500)).setEmployees(600).build(),
                annual(CODE, 2021).setRevenueFen(wan(50)).setEmployees(5).build()));

        // Then: young before the third anniversary, whatever the revenue
        assertThat(Evaluator.stageOf(model, facts.at(date("2021-04-30"))).id()).isEqualTo("young");
        // 2020 filing effective (2021-03-31), 3 years passed: revenue 500 -> mid (first match, although big also holds)
        assertThat(Evaluator.stageOf(model, facts.at(date("2021-05-01"))).id()).isEqualTo("mid");
        // 2021 filing (2022-03-31): revenue 50 and 5 employees -> young again by the second alternative
        assertThat(Evaluator.stageOf(model, facts.at(date("2022-04-01"))).id()).isEqualTo("young");
    }

    @Test
    void shouldFallBackToTheLastStageWhenNoRuleMatches() {
        ScoringModel model = ScoringModel.load(MODEL.replace("  - id: other\n    names: {zh: 其他, en: Other}\n", ""), "s");
        var facts = ProfileFacts.of(Events.profile(CODE,
                registration(CODE).setFoundedDate(date("2010-01-01")).build(),
                annual(CODE, 2020).setRevenueFen(wan(5000)).setEmployees(20).build()));

        assertThat(model.stages()).hasSize(3);
        assertThat(Evaluator.stageOf(model, facts.at(date("2021-06-01"))).id()).isEqualTo("big");
    }
}
