package io.innopoints.stream.domain;

/**
 * What the profile stage remembers about an enterprise besides its profile (enterprise-state-store): the message
 * sequence, the stage and model of the last SCORE sent, its values and non-percentile points (to skip TIME
 * re-evaluations that change nothing) and its next TIME edge (due-store key).
 *
 * @param stage        stage of the last SCORE, null when none was sent (or the enterprise left)
 * @param nextChangeMs next TIME edge in epoch millis, or -1
 * @param shadowKey    model key of the shadow candidate it was last evaluated under, or null
 * @param shadowStage  its stage under the candidate, or null
 * @param scoredThrough per fact kind, the highest input offset among the facts its last evaluation saw (the facts
 *                      read after it are the causes of the next, see {@code FactOrigin}); null when unknown
 */
public record EnterpriseState(long seq, String stage, String modelKey, double[] values, double[] points,
                              long nextChangeMs, String shadowKey, String shadowStage, long[] scoredThrough) {

    public static EnterpriseState initial() {
        return new EnterpriseState(0, null, null, null, null, -1, null, null, null);
    }

    public EnterpriseState withShadow(String key, String stage) {
        return new EnterpriseState(seq, this.stage, modelKey, values, points, nextChangeMs, key, stage, scoredThrough);
    }

    /** This state, recording that its evaluation saw the facts read through {@code through}. */
    public EnterpriseState withScoredThrough(long[] through) {
        return new EnterpriseState(seq, stage, modelKey, values, points, nextChangeMs, shadowKey, shadowStage, through);
    }
}
