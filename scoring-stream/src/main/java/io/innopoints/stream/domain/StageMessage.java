package io.innopoints.stream.domain;

import io.innopoints.schemas.event.EnterpriseRegistration;
import io.innopoints.schemas.score.ChangeKind;
import io.innopoints.scoring.evaluate.Evaluation;
import io.innopoints.scoring.evaluate.PercentileInput;
import io.innopoints.scoring.model.ScoringModel;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What travels over the by-stage repartition topic (key = stage id) to the per-stage rank stage: from the profile
 * stage either a SCORE (a complete {@link Evaluation} minus its cohort-percentile points, plus why it was made) or a
 * LEAVE (the enterprise left this stage: its stage changed or it lost its registration); from the rank stage of the
 * stage an enterprise left, a HANDOVER to its new stage carrying what was last published for it there.
 *
 * @param profileSeq     per-enterprise sequence of messages from the profile stage (the high part of the revision);
 *                       a stage change sends the LEAVE, the SCORE and (later) the HANDOVER with the same sequence
 * @param modelKey       model of the evaluation; for a HANDOVER the model of the last published score
 * @param causeEventIds  eventIds folded by this message; for a HANDOVER those folded in the old stage since its
 *                       last published score
 * @param previousStage  SCORE: stage of the previous SCORE, null for the first; HANDOVER: stage of the last
 *                       published score, null when none was published
 * @param previousPoints HANDOVER only: indicator points of the last published score (in the order of
 *                       {@code modelKey}'s indicators), null when none was published
 * @param nextStage      LEAVE only: the stage the enterprise moved to, null when it left without one
 */
public record StageMessage(Type type, ChangeKind changeKind, String creditCode, String stage, long profileSeq,
                           String modelKey, long asOfMs, List<String> causeEventIds, String previousStage,
                           double[] previousPoints, String nextStage, EnterpriseRegistration registration,
                           boolean ranked, double[] values, double[] points, List<PercentileInput> percentileInputs) {

    /**
     * SCORE / LEAVE under the official model; SHADOW / SHADOW_LEAVE the same under the shadow candidate; HANDOVER
     * from the old stage's rank task to the new one's after a stage change.
     */
    public enum Type { SCORE, LEAVE, SHADOW, SHADOW_LEAVE, HANDOVER }

    public StageMessage {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(creditCode, "creditCode");
        Objects.requireNonNull(stage, "stage");
        causeEventIds = List.copyOf(causeEventIds);
        percentileInputs = percentileInputs == null ? List.of() : List.copyOf(percentileInputs);
    }

    /** A SCORE message carrying an evaluation. */
    public static StageMessage score(Evaluation e, ChangeKind kind, long profileSeq, List<String> causes,
                                     String previousStage) {
        int n = e.model().indicators().size();
        double[] values = new double[n];
        double[] points = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = e.value(i);
            points[i] = e.points(i);
        }
        return new StageMessage(Type.SCORE, kind, e.creditCode(), e.stage().id(), profileSeq, e.model().key(),
                e.asOf().toEpochMilli(), causes, previousStage, null, null, e.registration().orElse(null),
                e.ranked(), values, points, e.percentileInputs());
    }

    /** A LEAVE message: the enterprise no longer belongs to {@code stage}; it moved to {@code nextStage} (or null). */
    public static StageMessage leave(String creditCode, String stage, long profileSeq, String modelKey, long asOfMs,
                                     ChangeKind kind, List<String> causes, String nextStage) {
        return new StageMessage(Type.LEAVE, kind, creditCode, stage, profileSeq, modelKey, asOfMs, causes, null,
                null, nextStage, null, false, new double[0], new double[0], List.of());
    }

    /**
     * A HANDOVER to {@code toStage}: what was last published for the enterprise before it moved there (stage, model
     * and indicator points, all null when nothing was published) and the causes not yet published.
     */
    public static StageMessage handover(String creditCode, String toStage, long profileSeq, long asOfMs,
                                        String publishedStage, String publishedModelKey, double[] publishedPoints,
                                        List<String> pendingCauses) {
        return new StageMessage(Type.HANDOVER, ChangeKind.STAGE, creditCode, toStage, profileSeq, publishedModelKey,
                asOfMs, pendingCauses, publishedStage, publishedPoints, null, null, false, new double[0],
                new double[0], List.of());
    }

    /** The same HANDOVER passed on to {@code toStage} under {@code profileSeq}, with more pending causes. */
    public StageMessage forwardedTo(String toStage, long profileSeq, List<String> moreCauses) {
        return new StageMessage(type, changeKind, creditCode, toStage, profileSeq, modelKey, asOfMs, causeEventIds,
                previousStage, previousPoints, nextStage, registration, ranked, values, points, percentileInputs)
                .withCauses(moreCauses, false);
    }

    /** The same message as a shadow-candidate message. */
    public StageMessage asShadow() {
        Type t = type == Type.LEAVE ? Type.SHADOW_LEAVE : type == Type.SCORE ? Type.SHADOW : type;
        return new StageMessage(t, changeKind, creditCode, stage, profileSeq, modelKey, asOfMs, causeEventIds,
                previousStage, previousPoints, nextStage, registration, ranked, values, points, percentileInputs);
    }

    /** The evaluation again, under {@code model} (whose key must be {@link #modelKey()}). */
    public Evaluation evaluation(ScoringModel model) {
        return Evaluation.restore(model, creditCode, Instant.ofEpochMilli(asOfMs), registration, ranked, stage,
                values, points, percentileInputs, null);
    }

    /** The same message with earlier cause eventIds first (causes folded while nothing visible changed). */
    public StageMessage withCauses(List<String> earlier) {
        return withCauses(earlier, true);
    }

    private StageMessage withCauses(List<String> more, boolean first) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = first ? Causes.merge(more, causeEventIds) : Causes.merge(causeEventIds, more);
        return new StageMessage(type, changeKind, creditCode, stage, profileSeq, modelKey, asOfMs, all,
                previousStage, previousPoints, nextStage, registration, ranked, values, points, percentileInputs);
    }
}
