package io.innopoints.scoring.rank;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.scoring.evaluate.PercentileInput;
import java.util.List;
import org.junit.jupiter.api.Test;

class CohortDistributionsTest {
    private static final String COHORT = "zone:ZONE-A:startup";

    private static PercentileInput rd(double value) {
        return new PercentileInput(2, "rd-intensity", COHORT, value);
    }

    @Test
    void shouldReportOnlyDistributionsWhoseValuesChanged() {
        // Given
        CohortDistributions distributions = new CohortDistributions();
        distributions.update("A", List.of(), List.of(rd(10)));
        distributions.update("B", List.of(), List.of(rd(20)));

        // When / Then: same value again: nothing changed
        assertThat(distributions.update("A", List.of(rd(10)), List.of(rd(10)))).isEmpty();
        // a moved value changes the distribution
        assertThat(distributions.update("A", List.of(rd(10)), List.of(rd(30))))
                .containsExactly(new CohortDistributions.Key(COHORT, "rd-intensity"));
        assertThat(distributions.percentile(COHORT, "rd-intensity", 30)).isEqualTo(100.0);
        assertThat(distributions.percentile(COHORT, "rd-intensity", 20)).isZero();
    }

    @Test
    void shouldDropAnEnterpriseThatLeavesTheCohort() {
        // Given
        CohortDistributions distributions = new CohortDistributions();
        distributions.update("A", List.of(), List.of(rd(10)));
        distributions.update("B", List.of(), List.of(rd(20)));

        // When B leaves (deregistered, or moved to another stage's cohort)
        var changed = distributions.update("B", List.of(rd(20)), List.of());

        // Then
        assertThat(changed).hasSize(1);
        assertThat(distributions.get(COHORT, "rd-intensity").size()).isEqualTo(1);
        assertThat(distributions.percentile(COHORT, "rd-intensity", 10)).isEqualTo(100.0);
        distributions.update("A", List.of(rd(10)), List.of());
        assertThat(distributions.get(COHORT, "rd-intensity")).isNull();
    }
}
