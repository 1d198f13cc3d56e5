package io.innopoints.sink.access;

import io.innopoints.sink.store.Views.ChangeView;
import io.innopoints.sink.store.Views.LeaderboardView;

/**
 * What one SSE subscriber receives, by its principal — the same rules as the REST routes: {@code leaderboard}
 * events for everyone (public entries for the public and operators); {@code ranking-change} events for a bank (all),
 * an enterprise (its own) and a zone admin (every cohort for an admin of all zones; for an admin of some zones the
 * cohorts of its zones and, in any other cohort such as the nation's, the changes of enterprises in its zones — as the
 * change feed's rows), none for the public and operators. Returns the data to send, or null to skip the event.
 */
public final class FeedFilter {
    private final Principal principal;

    public FeedFilter(Principal principal) {
        this.principal = principal;
    }

    /** {@link #view(Object, String)} of an event whose enterprise's zone is unknown. */
    public Object view(Object data) {
        return view(data, null);
    }

    /**
     * @param zone the zone of a ranking change's enterprise; null when unknown (then only the cohort decides)
     */
    public Object view(Object data, String zone) {
        if (data instanceof LeaderboardView board) {
            return PublicViews.fullEntries(principal) ? board : PublicViews.leaderboard(board);
        }
        if (data instanceof ChangeView change) {
            boolean visible = switch (principal.role()) {
                case BANK -> true;
                case ENTERPRISE -> principal.creditCode().equals(change.creditCode());
                case ZONE_ADMIN -> RowScopes.administersCohort(principal, change.cohortId())
                        || zone != null && principal.zones().contains(zone);
                default -> false;
            };
            return visible ? change : null;
        }
        return null;
    }
}
