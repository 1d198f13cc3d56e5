package io.innopoints.scoring.scorer;

import io.innopoints.scoring.profile.FactView;

/**
 * Turns an indicator's metric value into a fraction of the indicator's stage weight: points = weight × fraction.
 * Fractions lie in [0, 1] for scoring kinds and bonuses, in [-1, 0] for penalties (capped linear may be configured
 * to go down to -1). A missing value (NaN) always yields 0. Implementations are immutable and thread-safe.
 */
public sealed interface Scorer permits CappedLinearScorer, PerItemScorer, TableScorer, BandsScorer,
        CohortPercentileScorer, BonusScorer, PenaltyScorer {

    /** The kind name used in model files, e.g. {@code capped-linear}. */
    String kind();

    /**
     * The fraction of the weight earned for {@code value} in stage {@code stage}; {@code view} gives access to the
     * facts for table scorers. Not used for {@link CohortPercentileScorer}, which needs the cohort.
     */
    double fraction(double value, FactView view, int stage);

    /** True when points depend on the cohort (the topology supplies the distribution). */
    default boolean needsCohort() {
        return false;
    }

    /**
     * False when points do not follow one raw value (tables score each credential's level, kind or grade): such an
     * indicator cannot be set to a value in a what-if.
     */
    default boolean followsRawValue() {
        return true;
    }

    /** True for a penalty: fractions are ≤ 0 and a lower value costs fewer points. */
    default boolean penalty() {
        return false;
    }

    /**
     * The inversion of {@link #fraction}: the raw value nearest to {@code from} at which this scorer earns at least
     * {@code fraction} in {@code stage} — the least value ≥ {@code from}, or for a {@link #penalty()} the greatest
     * value ≤ {@code from} — or NaN when no value earns that much (the scorer is capped below it). {@code from} NaN
     * (missing) counts as 0. What-if uses it for "what value would this indicator need for N more points".
     *
     * @throws UnsupportedOperationException for scorers that do not follow one raw value or need the cohort
     */
    double valueFor(double fraction, double from, int stage);

    /** The value from which this scorer gives its best fraction in {@code stage} (full marks, the cap, no penalty). */
    double best(int stage);
}
