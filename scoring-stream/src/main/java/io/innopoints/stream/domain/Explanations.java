package io.innopoints.stream.domain;

import io.innopoints.schemas.score.Explanation;
import io.innopoints.schemas.score.IndicatorDelta;
import io.innopoints.scoring.evaluate.Points;
import io.innopoints.scoring.model.Indicator;
import io.innopoints.scoring.model.ScoringModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a published score is explained against and how: the enterprise's last published points ({@link Previous}),
 * the indicator deltas from them, and the shorter explanation a ranking change carries. Pure functions.
 */
public final class Explanations {
    /**
     * Indicator deltas a ranking change carries: those that moved most (the score of the same revision lists them
     * all). A model change or a first publication moves every indicator, and serializing the full list into each of
     * the ~3 ranking changes per enterprise was the rank stage's largest single cost in a catch-up's sweep.
     */
    public static final int CHANGE_DELTAS = 3;
    /**
     * Cause eventIds a ranking change carries: the latest (the score of the same revision lists them all). A first
     * publication lists every event the enterprise ever had (27 on average in a national catch-up): repeated in each
     * of its ~3 ranking changes they were two thirds of a change's bytes and a third of its encoding (measured with
     * {@code OutputEncodingBench}, 1,253 against 439 bytes). Live, a commit rarely folds more than two per enterprise.
     */
    public static final int CHANGE_CAUSES = 5;

    private Explanations() {
    }

    /** What the explanation compares with: the last published score (all null before the first). */
    record Previous(long[] cents, String modelKey, String stage) {
        static final Previous NONE = new Previous(null, null, null);

        static Previous of(Member m) {
            return m != null && m.published()
                    ? new Previous(m.publishedCents(), m.publishedModelKey(), m.publishedStage()) : NONE;
        }

        static Previous of(StageMessage.Handover handover) {
            if (handover.publishedPoints() == null) {
                return NONE;
            }
            long[] cents = new long[handover.publishedPoints().length];
            for (int i = 0; i < cents.length; i++) {
                cents[i] = Points.toCents(handover.publishedPoints()[i]);
            }
            return new Previous(cents, handover.publishedModelKey(), handover.publishedStage());
        }

        Double total() {
            return cents == null ? null : Points.fromCents(Arrays.stream(cents).sum());
        }
    }

    /**
     * Indicators whose points differ from the previous score's, matched by indicator id (a model change may add,
     * drop or reorder indicators; one absent on a side counts as 0 there); largest absolute delta first.
     *
     * @param modelOf the model of a key, null when unknown (then the previous points are matched by position)
     */
    static List<IndicatorDelta> deltas(Previous previous, ScoringModel model, long[] after,
                                       Function<String, ScoringModel> modelOf) {
        Map<String, Long> before = new LinkedHashMap<>();
        if (previous.cents() != null) {
            String key = previous.modelKey();
            ScoringModel previousModel = key == null || key.equals(model.key()) ? model : modelOf.apply(key);
            // a model this task no longer knows (two activations and a restart ago): by position, as a last resort
            List<Indicator> ids = (previousModel == null ? model : previousModel).indicators();
            for (int i = 0; i < previous.cents().length && i < ids.size(); i++) {
                before.put(ids.get(i).id(), previous.cents()[i]);
            }
        }
        List<IndicatorDelta> out = new ArrayList<>();
        List<Indicator> indicators = model.indicators();
        for (int i = 0; i < after.length; i++) {
            Long prior = before.remove(indicators.get(i).id());
            long b = prior == null ? 0 : prior;
            if (b != after[i]) {
                out.add(new IndicatorDelta(indicators.get(i).id(), Points.fromCents(b), Points.fromCents(after[i]),
                        Points.fromCents(after[i] - b)));
            }
        }
        for (Map.Entry<String, Long> gone : before.entrySet()) {
            if (gone.getValue() != 0) {
                out.add(new IndicatorDelta(gone.getKey(), Points.fromCents(gone.getValue()), 0.0,
                        Points.fromCents(-gone.getValue())));
            }
        }
        out.sort(Comparator.comparingDouble((IndicatorDelta d) -> -Math.abs(d.getDelta()))
                .thenComparing(IndicatorDelta::getIndicatorId));
        return out;
    }

    /**
     * A score's explanation as its ranking changes carry it: the first {@value #CHANGE_DELTAS} deltas and the last
     * {@value #CHANGE_CAUSES} causes only (the same instance when it has no more).
     */
    static Explanation forChange(Explanation score) {
        List<IndicatorDelta> deltas = score.getIndicatorDeltas();
        List<String> causes = score.getCauseEventIds();
        if (deltas.size() <= CHANGE_DELTAS && causes.size() <= CHANGE_CAUSES) {
            return score;
        }
        return new Explanation(score.getKind(),
                causes.size() <= CHANGE_CAUSES ? causes
                        : List.copyOf(causes.subList(causes.size() - CHANGE_CAUSES, causes.size())),
                score.getPreviousTotal(), score.getPreviousStage(), score.getPreviousModelVersion(),
                deltas.size() <= CHANGE_DELTAS ? deltas : List.copyOf(deltas.subList(0, CHANGE_DELTAS)));
    }
}
