package io.innopoints.scoring.evaluate;

import io.innopoints.scoring.model.Dimension;
import io.innopoints.scoring.model.Indicator;
import io.innopoints.schemas.score.DimensionScore;
import io.innopoints.schemas.score.IndicatorScore;
import java.util.ArrayList;
import java.util.List;

/**
 * The points of one evaluation: every indicator's points (rounded to 0.01, see {@link Points}), dimension subtotals
 * (exact sums of their indicators) and the total (the exact sum of the subtotals), plus the Avro parts of
 * {@code EnterpriseScore} they map onto. Immutable.
 */
public final class ScoreCard {
    private final Evaluation evaluation;
    private final long[] indicatorCents;
    private final long[] dimensionCents;
    private final long totalCents;

    ScoreCard(Evaluation evaluation, long[] indicatorCents) {
        this.evaluation = evaluation;
        this.indicatorCents = indicatorCents;
        List<Dimension> dimensions = evaluation.model().dimensions();
        this.dimensionCents = new long[dimensions.size()];
        List<Indicator> indicators = evaluation.model().indicators();
        for (int i = 0; i < indicatorCents.length; i++) {
            dimensionCents[indicators.get(i).dimension().index()] += indicatorCents[i];
        }
        long total = 0;
        for (long d : dimensionCents) {
            total += d;
        }
        this.totalCents = total;
    }

    public Evaluation evaluation() {
        return evaluation;
    }

    /** Total in hundredths of a point: the exact key for ranking and tie detection. */
    public long totalCents() {
        return totalCents;
    }

    public double total() {
        return Points.fromCents(totalCents);
    }

    public double indicatorPoints(int i) {
        return Points.fromCents(indicatorCents[i]);
    }

    public double dimensionPoints(int d) {
        return Points.fromCents(dimensionCents[d]);
    }

    /** {@code EnterpriseScore.dimensions}: subtotals in model order. */
    public List<DimensionScore> dimensionScores() {
        List<Dimension> dimensions = evaluation.model().dimensions();
        List<DimensionScore> out = new ArrayList<>(dimensions.size());
        for (Dimension d : dimensions) {
            out.add(new DimensionScore(d.id(), dimensionPoints(d.index())));
        }
        return out;
    }

    /** {@code EnterpriseScore.indicators}: every indicator in model order, value null when missing. */
    public List<IndicatorScore> indicatorScores() {
        List<Indicator> indicators = evaluation.model().indicators();
        List<IndicatorScore> out = new ArrayList<>(indicators.size());
        for (Indicator ind : indicators) {
            double v = evaluation.value(ind.index());
            out.add(new IndicatorScore(ind.id(), ind.dimension().id(), Double.isNaN(v) ? null : v, ind.unit(),
                    indicatorPoints(ind.index())));
        }
        return out;
    }
}
