package io.innopoints.scoring.profile;

import io.innopoints.scoring.evaluate.Evaluation;

/** Test helper: an evaluation's raw values and non-cohort points as one comparable array (NaN-aware via boxing). */
final class Metrics {
    private Metrics() {
    }

    static Double[] values(Evaluation e) {
        int n = e.model().indicators().size();
        Double[] out = new Double[2 * n];
        for (int i = 0; i < n; i++) {
            out[i] = e.value(i);
            out[n + i] = e.points(i);
        }
        return out;
    }
}
