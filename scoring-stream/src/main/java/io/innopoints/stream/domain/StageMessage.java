package io.innopoints.stream.domain;

import io.innopoints.schemas.event.EnterpriseRegistration;
import io.innopoints.schemas.score.ChangeKind;
import io.innopoints.scoring.evaluate.Evaluation;
import io.innopoints.scoring.evaluate.PercentileInput;
import io.innopoints.scoring.model.ScoringModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the per-enterprise profile stage sends to the per-stage rank stage (over the by-stage repartition topic,
 * key = stage id): either a SCORE (a complete {@link Evaluation} minus its cohort-percentile points, plus why it was
 * made) or a LEAVE (the enterprise left this stage: its stage changed or it lost its registration).
 *
 * @param profileSeq     per-enterprise sequence of messages from the profile stage (the high part of the revision)
 * @param previousStage  stage of the previous SCORE, null for the first
 * @param previousPoints non-percentile points of the previous evaluation (explanations across a stage change)
 */
public record StageMessage(Type type, ChangeKind changeKind, String creditCode, String stage, long profileSeq,
                           String modelKey, long asOfMs, List<String> causeEventIds, String previousStage,
                           double[] previousPoints, EnterpriseRegistration registration, boolean ranked,
                           double[] values, double[] points, List<PercentileInput> percentileInputs) {

    /** SCORE / LEAVE under the official model; SHADOW / SHADOW_LEAVE the same under the shadow candidate. */
    public enum Type { SCORE, LEAVE, SHADOW, SHADOW_LEAVE }

    public StageMessage {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(creditCode, "creditCode");
        Objects.requireNonNull(stage, "stage");
        causeEventIds = List.copyOf(causeEventIds);
        percentileInputs = percentileInputs == null ? List.of() : List.copyOf(percentileInputs);
    }

    /** A SCORE message carrying an evaluation. */
    public static StageMessage score(Evaluation e, ChangeKind kind, long profileSeq, List<String> causes,
                                     String previousStage, double[] previousPoints) {
        int n = e.model().indicators().size();
        double[] values = new double[n];
        double[] points = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = e.value(i);
            points[i] = e.points(i);
        }
        return new StageMessage(Type.SCORE, kind, e.creditCode(), e.stage().id(), profileSeq, e.model().key(),
                e.asOf().toEpochMilli(), causes, previousStage, previousPoints, e.registration().orElse(null),
                e.ranked(), values, points, e.percentileInputs());
    }

    /** A LEAVE message: the enterprise no longer belongs to {@code stage}. */
    public static StageMessage leave(String creditCode, String stage, long profileSeq, String modelKey, long asOfMs,
                                     ChangeKind kind, List<String> causes) {
        return new StageMessage(Type.LEAVE, kind, creditCode, stage, profileSeq, modelKey, asOfMs, causes, null,
                null, null, false, new double[0], new double[0], List.of());
    }

    /** The same message as a shadow-candidate message. */
    public StageMessage asShadow() {
        Type t = type == Type.LEAVE ? Type.SHADOW_LEAVE : type == Type.SCORE ? Type.SHADOW : type;
        return new StageMessage(t, changeKind, creditCode, stage, profileSeq, modelKey, asOfMs, causeEventIds,
                previousStage, previousPoints, registration, ranked, values, points, percentileInputs);
    }

    /** The evaluation again, under {@code model} (whose key must be {@link #modelKey()}). */
    public Evaluation evaluation(ScoringModel model) {
        return Evaluation.restore(model, creditCode, Instant.ofEpochMilli(asOfMs), registration, ranked, stage,
                values, points, percentileInputs, null);
    }

    /** The same message with more cause eventIds (causes folded while nothing visible changed). */
    public StageMessage withCauses(List<String> earlier) {
        if (earlier.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>(earlier);
        for (String c : causeEventIds) {
            if (!all.contains(c)) {
                all.add(c);
            }
        }
        return new StageMessage(type, changeKind, creditCode, stage, profileSeq, modelKey, asOfMs, all,
                previousStage, previousPoints, registration, ranked, values, points, percentileInputs);
    }
}
