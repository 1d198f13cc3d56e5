package io.innopoints.scoring.evaluate;

import io.innopoints.scoring.model.CohortScope;

/** One cohort of an enterprise: scope × scope value × stage, with id {@code scope:scopeValue:stage}. */
public record Cohort(CohortScope scope, String scopeValue, String stage, String id) {

    public static Cohort of(CohortScope scope, String scopeValue, String stage) {
        return new Cohort(scope, scopeValue, stage, scope.cohortId(scopeValue, stage));
    }
}
