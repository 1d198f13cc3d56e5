package io.innopoints.scoring.scorer;

/**
 * Supplies cohort percentiles to {@code Evaluation.score}: the percentile (0-100, by {@link CohortPercentile}'s
 * formula) of {@code value} for indicator {@code indicatorId} among the members of cohort {@code cohortId}
 * ({@code scope:scopeValue:stage}). The oracle answers from sorted arrays, the stream from its per-cohort index.
 */
@FunctionalInterface
public interface PercentileLookup {

    double percentile(String cohortId, String indicatorId, double value);

    /** For models without cohort-percentile indicators: fails if asked. */
    PercentileLookup NONE = (cohort, indicator, value) -> {
        throw new IllegalStateException("no cohort distribution supplied for " + indicator + " in " + cohort);
    };
}
