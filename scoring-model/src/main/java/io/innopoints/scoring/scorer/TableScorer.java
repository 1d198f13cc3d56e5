package io.innopoints.scoring.scorer;

import io.innopoints.scoring.metric.ItemMetric;
import io.innopoints.scoring.profile.CredentialState;
import io.innopoints.scoring.profile.FactView;
import java.util.Map;

/**
 * Points by a table keyed by each counted credential's level ({@code level-table}: NATIONAL, PROVINCIAL, …),
 * kind ({@code kind-table}: HIGH_TECH_ENTERPRISE, …) or grade ({@code grade-table}): each item earns the fraction
 * its key maps to (0 when absent); {@code combine: sum} adds them, {@code combine: max} takes the best;
 * the fraction is capped at 1.
 */
public record TableScorer(String kind, Key key, Map<String, Double> table, boolean sum, ItemMetric metric)
        implements Scorer {

    public enum Key { LEVEL, KIND, GRADE }

    public TableScorer {
        table = Map.copyOf(table);
    }

    @Override
    public double fraction(double value, FactView view, int stage) {
        double total = 0;
        for (CredentialState item : metric.items(view)) {
            String k = switch (key) {
                case LEVEL -> item.level().name();
                case KIND -> item.kind();
                case GRADE -> item.grade();
            };
            Double f = k == null ? null : table.get(k);
            if (f != null) {
                total = sum ? total + f : Math.max(total, f);
            }
        }
        return Math.min(total, 1.0);
    }

    @Override
    public boolean followsRawValue() {
        return false;
    }

    @Override
    public double valueFor(double fraction, double from, int stage) {
        throw new UnsupportedOperationException(kind + " points follow each credential, not one raw value");
    }

    @Override
    public double best(int stage) {
        throw new UnsupportedOperationException(kind + " points follow each credential, not one raw value");
    }
}
