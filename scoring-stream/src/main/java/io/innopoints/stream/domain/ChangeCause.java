package io.innopoints.stream.domain;

import io.innopoints.schemas.score.Explanation;
import io.innopoints.scoring.model.ScoringModel;

/**
 * What a mover's ranking changes in one cohort are reported with: the model it was scored under, the cohort, its
 * message, the change id's cause ({@code code:revision}, or with {@code :leave}), the explanation and the as-of.
 */
record ChangeCause(ScoringModel model, Cohort cohort, StageMessage.Score message, String cause,
                   Explanation explanation, long asOfMs) {
}
