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
}
