package io.innopoints.sink.access;

import io.innopoints.sink.store.Views.LeaderboardEntryView;
import io.innopoints.sink.store.Views.LeaderboardView;
import java.util.List;

/**
 * The published leaderboards as the public sees them: per entry only position, rank, name, total and tier (no credit
 * code). Signed-in roles get the full entries.
 */
public final class PublicViews {
    private PublicViews() {
    }

    /** A public leaderboard entry. */
    public record PublicEntry(int position, int rank, String name, double total, String tier) {
    }

    /** A leaderboard with public entries. */
    public record PublicLeaderboard(String cohortId, String scope, String scopeValue, String stage, String modelId,
                                    String modelVersion, String asOf, long revision, int cohortSize, int topN,
                                    List<PublicEntry> entries) {
    }

    public static boolean fullEntries(Principal p) {
        return !p.is(Role.PUBLIC) && !p.is(Role.OPERATOR);
    }

    public static List<PublicEntry> entries(List<LeaderboardEntryView> entries) {
        return entries.stream().map(e -> new PublicEntry(e.position(), e.rank(), e.name(), e.total(), e.tier())).toList();
    }

    public static PublicLeaderboard leaderboard(LeaderboardView b) {
        return new PublicLeaderboard(b.cohortId(), b.scope(), b.scopeValue(), b.stage(), b.modelId(), b.modelVersion(),
                b.asOf(), b.revision(), b.cohortSize(), b.topN(), entries(b.entries()));
    }
}
