package io.innopoints.scoring.model;

import io.innopoints.scoring.metric.Metric;
import io.innopoints.scoring.scorer.Scorer;

/**
 * A second-level indicator: which metric it reads, its unit, its scorer and its weight (the maximum points) in
 * each stage. Bonus and penalty items are indicators whose scorer is {@code bonus} or {@code penalty}.
 */
public record Indicator(int index, String id, Names names, Dimension dimension, Metric metric, String unit,
                        Scorer scorer, PerStage weights) {

    public double weight(int stage) {
        return weights.get(stage);
    }
}
