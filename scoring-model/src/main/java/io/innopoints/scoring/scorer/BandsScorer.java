package io.innopoints.scoring.scorer;

import io.innopoints.scoring.profile.FactView;
import java.util.List;

/**
 * Threshold bands: the fraction of the highest band whose lower bound {@code from} the value reaches
 * ({@code value >= from}); 0 below the first band. Bands are sorted by {@code from} ascending.
 */
public record BandsScorer(List<Band> bands) implements Scorer {

    public record Band(double from, double fraction) {
    }

    public BandsScorer {
        bands = List.copyOf(bands);
    }

    @Override
    public String kind() {
        return "bands";
    }

    @Override
    public double fraction(double value, FactView view, int stage) {
        if (Double.isNaN(value)) {
            return 0;
        }
        double f = 0;
        for (Band b : bands) {
            if (value >= b.from()) {
                f = b.fraction();
            } else {
                break;
            }
        }
        return f;
    }

    /** {@code from} itself when it reaches the fraction, else the lower bound of the first higher band that does. */
    @Override
    public double valueFor(double fraction, double from, int stage) {
        double start = Double.isNaN(from) ? 0 : from;
        if (fraction(start, null, stage) >= fraction) {
            return start;
        }
        for (Band b : bands) {
            if (b.from() > start && b.fraction() >= fraction) {
                return b.from();
            }
        }
        return Double.NaN;
    }

    @Override
    public double best(int stage) {
        Band best = bands.get(0);
        for (Band b : bands) {
            if (b.fraction() > best.fraction()) {
                best = b;
            }
        }
        return best.from();
    }
}
