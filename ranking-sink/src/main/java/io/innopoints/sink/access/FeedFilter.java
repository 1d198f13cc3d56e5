package io.innopoints.sink.access;

import io.innopoints.sink.store.Views.ChangeView;
import io.innopoints.sink.store.Views.LeaderboardView;

/**
 * What one SSE subscriber receives, by its principal — the same rules as the REST routes: {@code leaderboard}
 * events for everyone (public entries for the public and operators); {@code ranking-change} events for a bank (all),
 * an enterprise (its own) and a zone admin (the cohorts of its zones; every cohort for an admin of all zones — an
 * event carries no zone, so national-cohort changes reach only admins of all zones), none for the public and
 * operators. Returns the data to send, or null to skip the event.
 */
public final class FeedFilter {
    private final Principal principal;

    public FeedFilter(Principal principal) {
        this.principal = principal;
    }

    public Object view(Object data) {
        if (data instanceof LeaderboardView board) {
            return PublicViews.fullEntries(principal) ? board : PublicViews.leaderboard(board);
        }
        if (data instanceof ChangeView change) {
            boolean visible = switch (principal.role()) {
                case BANK -> true;
                case ENTERPRISE -> principal.creditCode().equals(change.creditCode());
                case ZONE_ADMIN -> RowScopes.administersCohort(principal, change.cohortId());
                default -> false;
            };
            return visible ? change : null;
        }
        return null;
    }
}
