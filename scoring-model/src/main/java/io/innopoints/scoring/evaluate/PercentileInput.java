package io.innopoints.scoring.evaluate;

/**
 * A cohort-percentile indicator's input of one enterprise: its value goes into the distribution of
 * ({@code cohortId}, {@code indicatorId}), and its points follow from its percentile there.
 */
public record PercentileInput(int indicatorIndex, String indicatorId, String cohortId, double value) {
}
