package io.innopoints.localstack.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.innopoints.scoring.batch.BatchResult;
import io.innopoints.scoring.model.ScoringModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generator's default sample, scored by the batch reference scorer under pilot-zone-61, reproduces the pilot
 * report's figures within the tolerances. The targets below are the report's; nothing else is hard-coded.
 */
class SeedZoneCalibrationTest {
    static final String SEED_ZONE = "ZONE-A";
    static ScoringModel model;
    static BatchResult scored;
    static SeedZoneCalibration calibration;

    @BeforeAll
    static void scoreTheSeedZone() {
        // Given the default sample (seed 42) scored by the oracle under the seed zone's model
        model = ScoringModel.builtin(SeedZoneCalibration.DEFAULT_MODEL);
        scored = SeedZoneCalibration.score(GeneratorConfig.defaults(), model);
        // When it is reduced to the report's figures
        calibration = SeedZoneCalibration.of(scored, SEED_ZONE);
    }

    @Test
    void shouldScoreOneZoneOfTheReports2807EnterprisesWith61Indicators() {
        assertThat(scored.rows()).hasSize(2_807).allMatch(r -> r.card().evaluation().zone().equals(SEED_ZONE));
        assertThat(calibration.row("enterprises in the seed zone").result()).isEqualTo(2_807);
        assertThat(calibration.row("indicators (\"20+N\")").result()).isEqualTo(61);
    }

    @Test
    void shouldPutAbout73PercentInTheStartupStage() {
        // the report: 73 % (± 2 pp)
        long ranked = scored.rows().stream().filter(r -> r.card().evaluation().ranked()).count();
        long startups = scored.cohorts().get("zone:" + SEED_ZONE + ":startup").size();
        assertThat(100.0 * startups / ranked).isCloseTo(73, within(2.0));
        assertThat(calibration.row("start-up share (%)").result()).isCloseTo(100.0 * startups / ranked, within(1e-9));
    }

    @Test
    void shouldGiveTheReportsMeanRdIntensitiesAsRevenueWeightedMeans() {
        // the report: 3.7 % over all enterprises, 24.23 % among start-ups (± 10 % relative); aggregate Σ R&D / Σ revenue
        assertThat(calibration.row("mean R&D intensity, all (%)").result()).isCloseTo(3.7, within(0.37));
        assertThat(calibration.row("mean R&D intensity, start-ups (%)").result()).isCloseTo(24.23, within(2.423));
    }

    @Test
    void shouldTopTheStartupStageWithAbout116As37Plus42Plus37() {
        // the report: 116 = technological innovation 37 + growth and operations 42 + auxiliary 37 (each ± 15 %)
        BatchResult.Row top = scored.top("zone:" + SEED_ZONE + ":startup", 1).get(0);
        double tech = top.card().dimensionPoints(0);
        double growth = top.card().dimensionPoints(1);
        double auxiliary = top.card().dimensionPoints(2) + top.card().dimensionPoints(3);

        assertThat(top.card().total()).isCloseTo(116, within(11.6));
        assertThat(tech).isCloseTo(37, within(37 * 0.15));
        assertThat(growth).isCloseTo(42, within(42 * 0.15));
        assertThat(auxiliary).isCloseTo(37, within(37 * 0.15));
        assertThat(tech + growth + auxiliary).isCloseTo(top.card().total(), within(0.005));
        assertThat(calibration.row("top start-up: total").result()).isEqualTo(top.card().total());
    }

    @Test
    void shouldTopTheOpportunityGrowthStageWithAbout165Point6() {
        // the report: 165.6 (± 10 %)
        BatchResult.Row top = scored.top("zone:" + SEED_ZONE + ":opportunity-growth", 1).get(0);
        assertThat(top.card().total()).isCloseTo(165.6, within(16.56));
        assertThat(calibration.row("top opportunity-growth: total").result()).isEqualTo(top.card().total());
    }

    @Test
    void shouldReportEveryFigureAsHoldingWhenTheyAllDo() {
        assertThat(calibration.rows()).allMatch(SeedZoneCalibration.Row::holds);
        assertThat(calibration.holds()).isTrue();
    }

    @Test
    void shouldFlagAFigureOffItsTarget() {
        // Given an oracle result without the seed zone's enterprises
        SeedZoneCalibration other = SeedZoneCalibration.of(
                new BatchResult(scored.model(), scored.asOf(), List.of(), java.util.Map.of()), SEED_ZONE);

        // Then the figures that need them are off, and the report says so
        assertThat(other.holds()).isFalse();
        assertThat(other.row("enterprises in the seed zone").holds()).isFalse();
        assertThat(other.table()).contains("OFF");
    }

    @Test
    void shouldPrintTargetAgainstResultFromTheCommandLine() {
        // When
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GeneratorCli.run(new String[] {"calibration", "--enterprises", "300"}, new PrintWriter(out, true),
                new PrintWriter(err, true));

        // Then 300 enterprises are not the seed zone: the report says so, with exit code 3
        assertThat(code).as(err.toString()).isEqualTo(CalibrationCli.OFF_TARGET);
        assertThat(out.toString()).contains("seed zone ZONE-A under model pilot-zone-61", "figure", "target", "result",
                "enterprises in the seed zone", "2807 exactly", "300", "OFF", "top start-up: auxiliary");
    }

    @Test
    void shouldRejectAnUnknownModelWithExitCode2() {
        StringWriter err = new StringWriter();
        int code = GeneratorCli.run(new String[] {"calibration", "--model", "no-such-model"}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("no-such-model");
    }
}
