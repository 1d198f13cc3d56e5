package io.innopoints.scoring.model;

import io.innopoints.schemas.event.EnterpriseRegistration;

/**
 * A ranking scope: cohorts are scope × stage, with id {@code scope:scopeValue:stage}
 * ({@code zone:ZONE-A:startup}, {@code nation:CN:startup}, {@code industry:I65:growth}).
 */
public enum CohortScope {
    ZONE("zone"), NATION("nation"), INDUSTRY("industry");

    /** The scope value of the nation scope. */
    public static final String NATION_VALUE = "CN";

    private final String id;

    CohortScope(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static CohortScope byId(String id) {
        for (CohortScope s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        return null;
    }

    /** The enterprise's value of this scope. */
    public String valueOf(EnterpriseRegistration registration) {
        return switch (this) {
            case ZONE -> registration.getZone();
            case NATION -> NATION_VALUE;
            case INDUSTRY -> registration.getIndustry();
        };
    }

    /** {@code scope:scopeValue:stage}. */
    public String cohortId(String scopeValue, String stage) {
        return id + ":" + scopeValue + ":" + stage;
    }

    /** The scope of a cohort id ({@code scope:scopeValue:stage}), or null when it names none. */
    public static CohortScope scopeOf(String cohortId) {
        int colon = cohortId.indexOf(':');
        return colon < 0 ? null : byId(cohortId.substring(0, colon));
    }

    /** The stage of a cohort id ({@code scope:scopeValue:stage}; scope values hold no colon). */
    public static String stageOf(String cohortId) {
        return cohortId.substring(cohortId.lastIndexOf(':') + 1);
    }
}
