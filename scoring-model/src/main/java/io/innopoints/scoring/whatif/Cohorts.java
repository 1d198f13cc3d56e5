package io.innopoints.scoring.whatif;

import java.util.List;
import java.util.Map;

/**
 * The inputs of a what-if: the enterprise as currently scored and the current state of its cohorts, as read from
 * the read model (the sink's database). Values are raw indicator values ({@code NaN} = missing), points and totals are hundredths.
 */
public final class Cohorts {
    private Cohorts() {
    }

    /** A cohort the enterprise belongs to: {@code scope:scopeValue:stage} and its scope id. */
    public record CohortRef(String cohortId, String scope) {
    }

    /**
     * The enterprise: its stage, current total, per-indicator raw values and points, per-dimension subtotals, and
     * the cohorts it is ranked in (empty when not ranked).
     */
    public record Subject(String creditCode, String stage, long totalCents, Map<String, Double> values,
                          Map<String, Long> pointsCents, Map<String, Long> dimensionCents, List<CohortRef> cohorts) {
        public Subject {
            values = Map.copyOf(values);
            pointsCents = Map.copyOf(pointsCents);
            dimensionCents = Map.copyOf(dimensionCents);
            cohorts = List.copyOf(cohorts);
        }
    }

    /** A ranked member of a cohort: its current total and raw indicator values ({@code NaN} or absent = missing). */
    public record Member(String creditCode, long totalCents, Map<String, Double> values) {
        public Member {
            values = Map.copyOf(values);
        }

        double value(String indicatorId) {
            Double v = values.get(indicatorId);
            return v == null ? Double.NaN : v;
        }
    }
}
