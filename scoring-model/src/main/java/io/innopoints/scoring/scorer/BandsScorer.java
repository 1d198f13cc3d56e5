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
}
