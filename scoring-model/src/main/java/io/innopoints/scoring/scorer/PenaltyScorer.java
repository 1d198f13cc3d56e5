package io.innopoints.scoring.scorer;

import io.innopoints.scoring.profile.FactView;

/**
 * Penalty (负面): {@code fraction = -min(max(value, 0) / ref, 1)}, ref 1 by default, so an active yes/no penalty
 * (blacklist, environmental red light) costs the full weight.
 */
public record PenaltyScorer(double ref) implements Scorer {

    @Override
    public String kind() {
        return "penalty";
    }

    @Override
    public double fraction(double value, FactView view, int stage) {
        if (Double.isNaN(value) || value <= 0) {
            return 0;
        }
        return -Math.min(value / ref, 1.0);
    }

    @Override
    public boolean penalty() {
        return true;
    }

    @Override
    public double valueFor(double fraction, double from, int stage) {
        double start = Double.isNaN(from) ? 0 : from;
        if (fraction > 0) {
            return Double.NaN;
        }
        if (fraction <= -1) {
            return start;
        }
        return Math.min(start, -fraction * ref);
    }

    @Override
    public double best(int stage) {
        return 0;
    }
}
