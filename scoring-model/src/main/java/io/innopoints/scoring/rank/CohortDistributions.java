package io.innopoints.scoring.rank;

import io.innopoints.scoring.evaluate.PercentileInput;
import io.innopoints.scoring.scorer.PercentileLookup;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * All cohort-percentile distributions of one model, keyed by (cohortId, indicatorId): replaces an enterprise's
 * contribution when its evaluation changes and answers percentiles for {@code Evaluation.score}. Reports which
 * distributions changed, i.e. whose other members may need re-scoring. Not thread-safe.
 */
public final class CohortDistributions implements PercentileLookup {

    /** A distribution's key. */
    public record Key(String cohortId, String indicatorId) {
    }

    private final Map<Key, ValueDistribution> distributions = new HashMap<>();

    /**
     * Replaces {@code creditCode}'s values: its {@code previous} inputs (from the last evaluation, empty for a new
     * enterprise) by its {@code current} ones (empty when it left every cohort, e.g. deregistered). Returns the
     * distributions that changed (a value moved, or the enterprise joined or left).
     */
    public Set<Key> update(String creditCode, List<PercentileInput> previous, List<PercentileInput> current) {
        Map<Key, Double> before = new HashMap<>();
        for (PercentileInput in : previous) {
            before.put(new Key(in.cohortId(), in.indicatorId()), in.value());
        }
        Set<Key> changed = new LinkedHashSet<>();
        for (PercentileInput in : current) {
            Key key = new Key(in.cohortId(), in.indicatorId());
            Double old = before.remove(key);
            if (old == null || Double.compare(old, in.value()) != 0) {
                distributions.computeIfAbsent(key, k -> new ValueDistribution()).put(creditCode, in.value());
                changed.add(key);
            }
        }
        for (Key gone : before.keySet()) {
            ValueDistribution d = distributions.get(gone);
            if (d != null && d.remove(creditCode)) {
                changed.add(gone);
                if (d.size() == 0) {
                    distributions.remove(gone);
                }
            }
        }
        return changed;
    }

    /** The distribution of a key, or null when it has no members. */
    public ValueDistribution get(String cohortId, String indicatorId) {
        return distributions.get(new Key(cohortId, indicatorId));
    }

    @Override
    public double percentile(String cohortId, String indicatorId, double value) {
        ValueDistribution d = distributions.get(new Key(cohortId, indicatorId));
        return d == null ? 100.0 : d.percentile(value);
    }
}
