package io.innopoints.scoring.evaluate;

import io.innopoints.scoring.model.Dimension;
import io.innopoints.scoring.model.Indicator;
import io.innopoints.schemas.event.EnterpriseRegistration;
import io.innopoints.schemas.score.CohortRank;
import io.innopoints.schemas.score.DimensionScore;
import io.innopoints.schemas.score.EnterpriseScore;
import io.innopoints.schemas.score.Explanation;
import io.innopoints.schemas.score.IndicatorDelta;
import io.innopoints.schemas.score.IndicatorScore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * The complete {@code EnterpriseScore}: this card plus what only the caller knows — the cohort ranks (empty
     * when not ranked), the per-enterprise revision and the explanation. Name, zone and industry are empty
     * strings until a registration arrives.
     */
    public EnterpriseScore toEnterpriseScore(List<CohortRank> ranks, long revision, Explanation explanation) {
        Evaluation e = evaluation;
        EnterpriseRegistration r = e.registration().orElse(null);
        return EnterpriseScore.newBuilder()
                .setCreditCode(e.creditCode())
                .setName(r == null ? "" : r.getName())
                .setZone(r == null ? "" : r.getZone())
                .setIndustry(r == null ? "" : r.getIndustry())
                .setModelId(e.model().id())
                .setModelVersion(e.model().version())
                .setAsOf(e.asOf())
                .setRevision(revision)
                .setStage(e.stage().id())
                .setRanked(e.ranked())
                .setTotal(total())
                .setDimensions(dimensionScores())
                .setIndicators(indicatorScores())
                .setRanks(e.ranked() ? List.copyOf(ranks) : List.of())
                .setExplanation(explanation)
                .build();
    }

    /**
     * {@code Explanation.indicatorDeltas}: indicators whose points differ from {@code previous} (by indicator id;
     * an indicator absent on one side counts as 0 there, e.g. after a model change), largest absolute delta first,
     * then by indicator id.
     */
    public List<IndicatorDelta> deltasFrom(List<IndicatorScore> previous) {
        Map<String, Double> before = new HashMap<>();
        for (IndicatorScore p : previous) {
            before.put(p.getIndicatorId(), p.getPoints());
        }
        List<IndicatorDelta> out = new ArrayList<>();
        for (IndicatorScore now : indicatorScores()) {
            Double prior = before.remove(now.getIndicatorId());
            long was = Points.toCents(prior == null ? 0.0 : prior);
            long is = Points.toCents(now.getPoints());
            if (was != is) {
                out.add(new IndicatorDelta(now.getIndicatorId(), Points.fromCents(was), Points.fromCents(is),
                        Points.fromCents(is - was)));
            }
        }
        for (Map.Entry<String, Double> gone : before.entrySet()) {
            long was = Points.toCents(gone.getValue());
            if (was != 0) {
                out.add(new IndicatorDelta(gone.getKey(), Points.fromCents(was), 0.0, Points.fromCents(-was)));
            }
        }
        out.sort(Comparator.comparingDouble((IndicatorDelta d) -> -Math.abs(d.getDelta()))
                .thenComparing(IndicatorDelta::getIndicatorId));
        return out;
    }
}
