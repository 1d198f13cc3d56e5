package io.innopoints.scoring.scorer;

import io.innopoints.scoring.model.PerStage;
import io.innopoints.scoring.profile.FactView;

/**
 * Points per whole item up to a cap: {@code fraction = min(floor(value), maxItems) / maxItems}; each item earns
 * {@code weight / maxItems} points and the indicator never exceeds its weight.
 */
public record PerItemScorer(PerStage maxItems) implements Scorer {

    @Override
    public String kind() {
        return "per-item";
    }

    @Override
    public double fraction(double value, FactView view, int stage) {
        if (Double.isNaN(value) || value <= 0) {
            return 0;
        }
        double cap = maxItems.get(stage);
        return Math.min(Math.floor(value), cap) / cap;
    }

    /** Whole items: the least item count reaching the fraction (never below {@code from}). */
    @Override
    public double valueFor(double fraction, double from, int stage) {
        double start = Double.isNaN(from) ? 0 : from;
        if (fraction > 1) {
            return Double.NaN;
        }
        if (fraction <= 0) {
            return start;
        }
        double cap = maxItems.get(stage);
        // the 1e-9 keeps an exact item count (0.4 × 5 = 2.0000000000000004) from rounding up to one more
        return Math.max(start, Math.ceil(fraction * cap - 1e-9));
    }

    @Override
    public double best(int stage) {
        return maxItems.get(stage);
    }
}
