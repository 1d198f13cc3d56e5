package io.innopoints.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.innopoints.schemas.validation.Problem;
import io.innopoints.schemas.validation.Validated;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoringModelTest {

    private static final String MINIMAL = """
            id: tiny
            version: "1"
            stages:
              - id: startup
                names: {zh: 初创期, en: Start-up}
                when: {maxYears: 3}
              - id: growth
                names: {zh: 成长期, en: Growth}
            dimensions:
              - id: tech
                names: {zh: 技术创新, en: Tech}
            indicators:
              - id: rd
                names: {zh: 研发费用, en: R&D}
                dimension: tech
                metric: rd-expense
                scorer: {kind: capped-linear, ref: 100}
                weights: {startup: 10, growth: 5}
            """;

    @Test
    void shouldLoadBothShippedModels() {
        // When
        ScoringModel national = ScoringModel.builtin("national-2024");
        ScoringModel zone = ScoringModel.builtin("zone-20n");

        // Then
        assertThat(national.dimensions()).extracting(Dimension::id).containsExactly("tech", "growth", "auxiliary");
        assertThat(national.indicators()).hasSize(18);
        assertThat(national.stages()).extracting(Stage::id).containsExactly("startup", "growth", "stable");
        assertThat(zone.stages()).extracting(Stage::id).containsExactly("startup", "opportunity-growth",
                "systematic-growth", "strategic-growth", "mature");
        assertThat(zone.dimensions()).hasSize(4);
        assertThat(zone.indicators()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(zone.indicators()).filteredOn(i -> i.scorer().needsCohort()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(zone.indicators()).filteredOn(i -> i.scorer().kind().equals("penalty")).isNotEmpty();
    }

    @Test
    void shouldShipThePilotZoneModelWithTheReportsSixtyOneIndicatorsInFourDimensions() throws Exception {
        // When
        ScoringModel pilot = ScoringModel.builtin("pilot-zone-61");
        String text;
        try (var in = ScoringModel.class.getClassLoader().getResourceAsStream("models/pilot-zone-61.yaml")) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }

        // Then: "20+N" = 61 indicators, 20 of them the national core, bonuses and penalties among the local ones
        assertThat(pilot.indicators()).hasSize(61);
        assertThat(text.lines().filter(l -> l.strip().equals("note: national core"))).hasSize(20);
        assertThat(text.lines().filter(l -> l.strip().equals("note: local"))).hasSize(41);
        assertThat(pilot.indicators()).filteredOn(i -> i.scorer().kind().equals("bonus")).hasSize(3);
        assertThat(pilot.indicators()).filteredOn(i -> i.scorer().kind().equals("penalty")).hasSize(3);
        assertThat(pilot.dimensions()).extracting(Dimension::id).containsExactly("tech", "growth", "credentials", "activity");
        assertThat(pilot.stages()).extracting(Stage::id).containsExactly("startup", "opportunity-growth",
                "systematic-growth", "strategic-growth", "mature");
        assertThat(text).contains("EXAMPLE VALUES");
    }

    @Test
    void shouldApplyDefaultsForScopesTopNAndTiers() {
        // When
        ScoringModel model = ScoringModel.load(MINIMAL, "minimal");

        // Then
        assertThat(model.scopes()).containsExactly(CohortScope.ZONE, CohortScope.NATION);
        assertThat(model.topN()).isEqualTo(20);
        assertThat(model.tiers()).extracting(Tier::id).containsExactly("A", "B", "C", "D");
        assertThat(model.indicator("rd").orElseThrow().unit()).isEqualTo("10k CNY");
    }

    @Test
    void shouldReportEveryProblemWithItsPath() {
        // Given a model with many independent mistakes
        String broken = """
                id: Bad Id
                stages:
                  - id: startup
                    names: {zh: 初创期, en: Start-up}
                    when: {maxYears: 3, minYears: 5, maxAge: 2}
                  - id: startup
                    names: {zh: 重复, en: Duplicate}
                dimensions:
                  - id: tech
                    names: {zh: 技术创新, en: Tech}
                tiers:
                  - {id: A, share: 10}
                  - {id: B, share: 20}
                indicators:
                  - id: rd
                    names: {zh: 研发费用, en: R&D}
                    dimension: nowhere
                    metric: rd-spend
                    scorer: {kind: capped-linear, ref: 0}
                    weights: {startup: -1, mature: 3}
                  - id: rd
                    names: {zh: 研发, en: R&D}
                    dimension: tech
                    metric: {id: patents-granted, years: -2, types: [INVENTION, TELEPORT]}
                    unit: persons
                    scorer: {kind: magic}
                    weights: 4
                  - id: quals
                    names: {zh: 资质, en: Qualifications}
                    dimension: tech
                    metric: revenue
                    scorer: {kind: level-table, points: {NATIONAL: 2, GALACTIC: 1}}
                    wieghts: {startup: 1}
                """;

        // When
        Validated<ScoringModel> result = ScoringModel.validate(broken, "broken.yaml");

        // Then
        assertThat(result.isOk()).isFalse();
        assertThat(result.problems()).extracting(Problem::toString).contains(
                "id: must match [a-z0-9][a-z0-9_.-]{0,63}, got \"Bad Id\"",
                "version: is required",
                "stages[0].when.maxYears: must be greater than minYears (5)",
                "stages[0].when.maxAge: unknown key",
                "stages[1].id: duplicate stage id \"startup\"",
                "tiers: shares must add up to 100, got 30",
                "indicators[0].dimension: unknown dimension \"nowhere\"; dimensions are [tech]",
                "indicators[0].scorer.ref: must be > 0, got 0",
                "indicators[0].weights.startup: must be ≥ 0, got -1",
                "indicators[0].weights.mature: unknown stage \"mature\"; stages are [startup, startup]",
                "indicators[1].id: duplicate indicator id \"rd\"",
                "indicators[1].metric.years: must be between 0 and 100, got -2",
                "indicators[1].scorer.kind: unknown scorer kind \"magic\"; known: [capped-linear, per-item, "
                        + "level-table, kind-table, grade-table, bands, cohort-percentile, bonus, penalty]",
                "indicators[2].scorer.points.GALACTIC: \"GALACTIC\" is not one of [NATIONAL, PROVINCIAL, MUNICIPAL, DISTRICT, NONE]",
                "indicators[2].scorer.points.NATIONAL: must be a fraction of the weight between 0 and 1, got 2",
                "indicators[2].weights: is required",
                "indicators[2].wieghts: unknown key");
        assertThat(result.problems()).anySatisfy(p -> assertThat(p.toString())
                .startsWith("indicators[0].metric: unknown metric \"rd-spend\"; known: ["));
        assertThat(result.problems()).anySatisfy(p -> assertThat(p.toString())
                .startsWith("indicators[1].metric.types[1]: must be one of [INVENTION, UTILITY_MODEL, DESIGN, PCT], got \"TELEPORT\""));
        assertThat(result.problems()).anySatisfy(p -> assertThat(p.toString())
                .startsWith("indicators[2].scorer.kind: level-table needs a credential metric"));
    }

    @Test
    void shouldReadBonusAndPenaltySectionsAsIndicatorsWithTheirScorerKind() {
        // Given
        String yaml = MINIMAL + """
                bonuses:
                  - id: contest
                    names: {zh: 大赛, en: Contest}
                    dimension: tech
                    metric: {id: credential-valid, category: AWARD}
                    weights: 3
                penalties:
                  - id: blacklist
                    names: {zh: 失信, en: Blacklist}
                    dimension: tech
                    metric: {id: credential-valid, category: PENALTY}
                    weights: 20
                  - id: wrong
                    names: {zh: 错, en: Wrong}
                    dimension: tech
                    metric: {id: credential-valid, category: PENALTY}
                    scorer: {kind: bonus}
                    weights: 1
                """;

        // When
        Validated<ScoringModel> result = ScoringModel.validate(yaml, "m");
        ScoringModel model = ScoringModel.load(yaml.substring(0, yaml.indexOf("  - id: wrong")), "m");

        // Then
        assertThat(result.problems()).extracting(Problem::toString)
                .containsExactly("penalties[1].scorer.kind: must be penalty in penalties, got \"bonus\"");
        assertThat(model.indicators()).extracting(Indicator::id).containsExactly("rd", "contest", "blacklist");
        assertThat(model.indicators()).extracting(i -> i.scorer().kind()).containsExactly("capped-linear", "bonus", "penalty");
    }

    @Test
    void shouldReportUnitMismatch() {
        // Given
        String yaml = MINIMAL.replace("metric: rd-expense", "metric: rd-expense\n    unit: persons");

        // When
        Validated<ScoringModel> result = ScoringModel.validate(yaml, "m");

        // Then
        assertThat(result.problems()).extracting(Problem::toString)
                .containsExactly("indicators[0].unit: metric rd-expense is in \"10k CNY\", not \"persons\"");
    }

    @Test
    void shouldNameTheLineOfMalformedYaml() {
        // Given
        String yaml = "id: x\nversion: 1\nstages: [\n  {id: a\n";

        // When
        Validated<ScoringModel> result = ScoringModel.validate(yaml, "m");

        // Then
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("$");
            assertThat(p.reason()).startsWith("malformed YAML at line ");
        });
    }

    @Test
    void shouldThrowValidationExceptionListingAllProblemsOnLoad() {
        // Given
        String yaml = MINIMAL.replace("weights: {startup: 10, growth: 5}", "weights: {startup: -10}");

        // When / Then
        assertThatThrownBy(() -> ScoringModel.load(yaml, "bad.yaml"))
                .isInstanceOf(ModelValidationException.class)
                .hasMessage("""
                        scoring model bad.yaml is invalid (2 problems):
                          - indicators[0].weights.startup: must be ≥ 0, got -10
                          - indicators[0].weights: missing a value for stage "growth\"""")
                .satisfies(e -> assertThat(((ModelValidationException) e).problems()).hasSize(2));
    }

    @Test
    void shouldRejectEmptyAndNonMappingDocuments() {
        assertThat(ScoringModel.validate("", "m").problems()).extracting(Problem::reason)
                .containsExactly("the model file is empty");
        assertThat(ScoringModel.validate("- a\n- b\n", "m").problems()).hasSize(1);
    }

    @Test
    void shouldAssignTiersByCumulativeShareOfRank() {
        // Given the default tiers A 10%, B 20%, C 30%, D 40%
        ScoringModel model = ScoringModel.load(MINIMAL, "m");

        // Then: in a cohort of 10, rank 1 is A, 2-3 B, 4-6 C, 7-10 D
        assertThat(List.of(1, 2, 3, 4, 6, 7, 10)).map(r -> model.tierOf(r, 10))
                .containsExactly("A", "B", "B", "C", "C", "D", "D");
        // a cohort of 5 still has an A (rank 1: 0 < 0.1 × 5)
        assertThat(model.tierOf(1, 5)).isEqualTo("A");
        assertThat(model.tierOf(2, 5)).isEqualTo("B");
        assertThat(model.tierOf(1, 1)).isEqualTo("A");
    }
}
