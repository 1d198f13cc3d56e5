package io.innopoints.scoring.scorer;

import io.innopoints.scoring.model.PerStage;
import io.innopoints.scoring.profile.FactView;

/**
 * {@code fraction = min(value / ref, 1)} with a per-stage full-marks reference {@code ref}; values ≤ 0 give 0
 * unless {@code negative} is {@code linear}, where {@code fraction = max(value / ref, -1)} (e.g. a loss costs points).
 */
public record CappedLinearScorer(PerStage ref, boolean negativeLinear) implements Scorer {

    @Override
    public String kind() {
        return "capped-linear";
    }

    @Override
    public double fraction(double value, FactView view, int stage) {
        if (Double.isNaN(value)) {
            return 0;
        }
        double f = value / ref.get(stage);
        if (f <= 0) {
            return negativeLinear ? Math.max(f, -1.0) : 0.0;
        }
        return Math.min(f, 1.0);
    }

    @Override
    public double valueFor(double fraction, double from, int stage) {
        double start = Double.isNaN(from) ? 0 : from;
        if (fraction > 1) {
            return Double.NaN;
        }
        if (fraction <= -1 || fraction <= 0 && !negativeLinear) {
            return start; // every value earns that much
        }
        return Math.max(start, fraction * ref.get(stage));
    }

    @Override
    public double best(int stage) {
        return ref.get(stage);
    }
}
