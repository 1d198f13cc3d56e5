package io.innopoints.sink.access;

import io.innopoints.sink.store.RowScope;

/** What part of the read model a principal's list queries may return, and which cohorts it may see. */
public final class RowScopes {
    private RowScopes() {
    }

    /** Rows of enterprise lists (changes, tiers, candidates): a zone admin's zones, an enterprise's own, a bank's all. */
    public static RowScope of(Principal p) {
        return switch (p.role()) {
            case ZONE_ADMIN -> p.allZones() ? RowScope.all() : RowScope.zones(p.zones());
            case BANK -> RowScope.all();
            case ENTERPRISE -> RowScope.enterprise(p.creditCode());
            default -> RowScope.none();
        };
    }

    /**
     * Whether a zone admin sees a cohort's confidential aggregates (shadow diffs, live ranking changes): every cohort
     * for an admin of all zones, else the cohorts of its zones ({@code zone:<zone>:<stage>}).
     */
    public static boolean administersCohort(Principal p, String cohortId) {
        if (p.allZones()) {
            return true;
        }
        return p.is(Role.ZONE_ADMIN) && p.zones().stream().anyMatch(z -> cohortId.startsWith("zone:" + z + ":"));
    }
}
