package io.innopoints.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.innopoints.schemas.validation.Problem;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScoringModelFileTest {

    @Test
    void shouldListEveryProblemOfABrokenModelFile() throws URISyntaxException {
        // Given
        Path file = Path.of(getClass().getClassLoader().getResource("models/broken.yaml").toURI());

        // When / Then
        assertThatThrownBy(() -> ScoringModel.load(file))
                .isInstanceOfSatisfying(ModelValidationException.class, e -> {
                    assertThat(e.getMessage()).startsWith("scoring model " + file + " is invalid (");
                    assertThat(e.problems()).extracting(Problem::toString).containsExactlyInAnyOrder(
                            "topN: must be between 1 and 10000, got 0",
                            "cohortScopes[1]: unknown cohort scope \"galaxy\"; known: zone, nation, industry",
                            "stages[1].names.en: is required",
                            "dimensions[1].id: duplicate dimension id \"tech\"",
                            "indicators[0].scorer.negative: must be zero or linear, got \"sometimes\"",
                            "indicators[0].weights.growth: must be ≥ 0, got -2",
                            "indicators[0].weights.stable: unknown stage \"stable\"; stages are [startup, growth]",
                            "indicators[1].metric.years: unknown key",
                            "indicators[1].scorer.maxItems: must be whole numbers",
                            "indicators[2].scorer.scope: must be one of the model's cohort scopes [zone], got \"industry\"",
                            "indicators[3].scorer.bands[1].fraction: must be between 0 and 1, got 1.5",
                            "indicators[3].scorer.bands[1].from: bands must be sorted by strictly increasing from");
                });
    }

    @Test
    void shouldNameAMissingFile() {
        assertThatThrownBy(() -> ScoringModel.resolve("/no/such/model.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("neither a built-in model");
    }
}
