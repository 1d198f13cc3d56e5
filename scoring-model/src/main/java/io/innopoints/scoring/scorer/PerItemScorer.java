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
}
