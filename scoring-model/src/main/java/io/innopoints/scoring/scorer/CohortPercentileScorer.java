package io.innopoints.scoring.scorer;

import io.innopoints.scoring.profile.FactView;

/**
 * Cohort percentile: {@code fraction = percentile / 100}, where the percentile of the enterprise's value among the
 * values of the same metric in its cohort ({@code scope} × stage) is given by {@link CohortPercentile}. A missing
 * value earns 0 and is not part of the distribution.
 */
public record CohortPercentileScorer(String scope) implements Scorer {

    @Override
    public String kind() {
        return "cohort-percentile";
    }

    @Override
    public double fraction(double value, FactView view, int stage) {
        throw new UnsupportedOperationException("cohort-percentile points need the cohort distribution");
    }

    /** The fraction for a percentile in [0, 100]. */
    public static double fractionOf(double percentile) {
        return percentile / 100.0;
    }

    @Override
    public boolean needsCohort() {
        return true;
    }

    @Override
    public double valueFor(double fraction, double from, int stage) {
        throw new UnsupportedOperationException("cohort-percentile values depend on the cohort's distribution");
    }

    /** The highest value of the cohort gets percentile 100; without the cohort there is no such value. */
    @Override
    public double best(int stage) {
        return Double.NaN;
    }
}
