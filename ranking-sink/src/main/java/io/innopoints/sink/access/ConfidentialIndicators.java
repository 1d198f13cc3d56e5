package io.innopoints.sink.access;

import io.innopoints.scoring.metric.FilingMetric;
import io.innopoints.scoring.model.Indicator;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.sink.whatif.ModelCatalog;
import java.util.Optional;

/**
 * Which indicators' raw values are confidential tax figures: those whose metric reads tax filings
 * ({@link FilingMetric}: revenue, R&amp;D expense, taxes paid, net profit, employees, R&amp;D staff, high-level talent
 * and their growths and ratios). Decided per model; an indicator of a model the sink has not loaded counts as
 * confidential (fail closed).
 */
public final class ConfidentialIndicators {
    private final ModelCatalog models;

    public ConfidentialIndicators(ModelCatalog models) {
        this.models = models;
    }

    public boolean confidential(String modelId, String modelVersion, String indicatorId) {
        Optional<ScoringModel> model = models.find(modelId, modelVersion);
        if (model.isEmpty()) {
            return true;
        }
        return model.get().indicator(indicatorId).map(Indicator::metric).map(m -> m instanceof FilingMetric)
                .orElse(true);
    }
}
