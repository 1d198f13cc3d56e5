package io.innopoints.scoring.scorer;

import io.innopoints.scoring.profile.FactView;

/** Bonus (加分): {@code fraction = min(max(value, 0) / ref, 1)}, ref 1 by default, so a yes/no fact earns the full weight. */
public record BonusScorer(double ref) implements Scorer {

    @Override
    public String kind() {
        return "bonus";
    }

    @Override
    public double fraction(double value, FactView view, int stage) {
        if (Double.isNaN(value) || value <= 0) {
            return 0;
        }
        return Math.min(value / ref, 1.0);
    }

    @Override
    public double valueFor(double fraction, double from, int stage) {
        double start = Double.isNaN(from) ? 0 : from;
        if (fraction > 1) {
            return Double.NaN;
        }
        return fraction <= 0 ? start : Math.max(start, fraction * ref);
    }

    @Override
    public double best(int stage) {
        return ref;
    }
}
