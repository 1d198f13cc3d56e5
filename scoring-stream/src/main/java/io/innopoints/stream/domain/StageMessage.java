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
 * What travels over the by-stage topic (key = stage id) to the per-stage rank stage: from the profile stage a
 * {@link Score} or a {@link Leave} (official, or under the shadow candidate model); from the rank stage of the stage
 * an enterprise left, a {@link Handover} to its new stage. Every message names the enterprise, the stage it is for,
 * the enterprise's profile sequence and the eventIds it folded.
 */
public sealed interface StageMessage permits StageMessage.Score, StageMessage.Leave, StageMessage.Handover {

    String creditCode();

    /** The stage this message is for (the by-stage key). */
    String stage();

    /**
     * Per-enterprise sequence of messages from the profile stage (the high part of the revision); a stage change
     * sends the LEAVE, the SCORE and (later) the HANDOVER with the same sequence.
     */
    long profileSeq();

    long asOfMs();

    /** EventIds folded by this message (for a HANDOVER those folded in the old stage since its last publication). */
    List<String> causeEventIds();

    /** True for messages under the shadow candidate model (ranked apart, never published). */
    default boolean shadow() {
        return false;
    }

    /**
     * A complete {@link Evaluation} minus its cohort-percentile points, plus why it was made.
     *
     * @param shadow        true when scored under the shadow candidate model (ranked apart, never published)
     * @param previousStage stage of the enterprise's previous SCORE, null for its first
     */
    record Score(boolean shadow, ChangeKind changeKind, String creditCode, String stage, long profileSeq,
                 String modelKey, long asOfMs, List<String> causeEventIds, String previousStage,
                 EnterpriseRegistration registration, boolean ranked, double[] values, double[] points,
                 List<PercentileInput> percentileInputs) implements StageMessage {

        public Score {
            Objects.requireNonNull(creditCode, "creditCode");
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(modelKey, "modelKey");
            causeEventIds = List.copyOf(causeEventIds);
            percentileInputs = List.copyOf(percentileInputs);
        }

        /** An official SCORE of an evaluation. */
        public static Score of(Evaluation e, ChangeKind kind, long profileSeq, List<String> causes,
                               String previousStage) {
            int n = e.model().indicators().size();
            double[] values = new double[n];
            double[] points = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = e.value(i);
                points[i] = e.points(i);
            }
            return new Score(false, kind, e.creditCode(), e.stage().id(), profileSeq, e.model().key(),
                    e.asOf().toEpochMilli(), causes, previousStage, e.registration().orElse(null), e.ranked(), values,
                    points, e.percentileInputs());
        }

        /** True when the enterprise came from another stage: it waits there for its HANDOVER. */
        public boolean arrival() {
            return previousStage != null && !previousStage.equals(stage);
        }

        /** The evaluation again, under {@code model} (whose key must be {@link #modelKey()}). */
        public Evaluation evaluation(ScoringModel model) {
            return Evaluation.restore(model, creditCode, Instant.ofEpochMilli(asOfMs), registration, ranked, stage,
                    values, points, percentileInputs, null);
        }

        public Score asShadow() {
            return new Score(true, changeKind, creditCode, stage, profileSeq, modelKey, asOfMs, causeEventIds,
                    previousStage, registration, ranked, values, points, percentileInputs);
        }

        /** The same SCORE without its causes (what a member keeps: its causes are its pending ones). */
        public Score withoutCauses() {
            return causeEventIds.isEmpty() ? this : new Score(shadow, changeKind, creditCode, stage, profileSeq,
                    modelKey, asOfMs, List.of(), previousStage, registration, ranked, values, points,
                    percentileInputs);
        }

        /** The same SCORE with earlier causes first (folded while nothing visible changed). */
        public Score withEarlierCauses(List<String> earlier) {
            return earlier.isEmpty() ? this : new Score(shadow, changeKind, creditCode, stage, profileSeq, modelKey,
                    asOfMs, Causes.merge(earlier, causeEventIds), previousStage, registration, ranked, values, points,
                    percentileInputs);
        }
    }

    /**
     * The enterprise no longer belongs to {@link #stage()}: its stage changed or it lost its registration.
     *
     * @param shadow    true under the shadow candidate model
     * @param nextStage the stage it moved to, null when it left without one
     */
    record Leave(boolean shadow, ChangeKind changeKind, String creditCode, String stage, long profileSeq,
                 String modelKey, long asOfMs, List<String> causeEventIds, String nextStage)
            implements StageMessage {

        public Leave {
            Objects.requireNonNull(creditCode, "creditCode");
            Objects.requireNonNull(stage, "stage");
            causeEventIds = List.copyOf(causeEventIds);
        }

        public static Leave of(String creditCode, String stage, long profileSeq, String modelKey, long asOfMs,
                               ChangeKind kind, List<String> causes, String nextStage) {
            return new Leave(false, kind, creditCode, stage, profileSeq, modelKey, asOfMs, causes, nextStage);
        }

        public Leave asShadow() {
            return new Leave(true, changeKind, creditCode, stage, profileSeq, modelKey, asOfMs, causeEventIds,
                    nextStage);
        }

        /** The same LEAVE with earlier causes first. */
        public Leave withEarlierCauses(List<String> earlier) {
            return earlier.isEmpty() ? this : new Leave(shadow, changeKind, creditCode, stage, profileSeq, modelKey,
                    asOfMs, Causes.merge(earlier, causeEventIds), nextStage);
        }
    }

    /**
     * From the old stage's rank task to the new one's after a stage change: what was last published for the
     * enterprise before it moved (all three null when nothing was) and the causes not yet published.
     *
     * @param stage             the stage the enterprise moved to
     * @param publishedPoints   indicator points of the last published score, in the order of
     *                          {@code publishedModelKey}'s indicators
     */
    record Handover(String creditCode, String stage, long profileSeq, long asOfMs, String publishedStage,
                    String publishedModelKey, double[] publishedPoints, List<String> causeEventIds)
            implements StageMessage {

        public Handover {
            Objects.requireNonNull(creditCode, "creditCode");
            Objects.requireNonNull(stage, "stage");
            causeEventIds = List.copyOf(causeEventIds);
        }

        /** The same HANDOVER passed on to {@code toStage} under {@code profileSeq}, with more pending causes. */
        public Handover forwardedTo(String toStage, long profileSeq, List<String> moreCauses) {
            return new Handover(creditCode, toStage, profileSeq, asOfMs, publishedStage, publishedModelKey,
                    publishedPoints, Causes.merge(causeEventIds, moreCauses));
        }
    }
}
