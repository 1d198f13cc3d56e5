package io.innopoints.sink.store;

import io.innopoints.schemas.score.EnterpriseScore;
import io.innopoints.schemas.score.Leaderboard;
import io.innopoints.schemas.score.RankingChange;
import java.util.List;
import java.util.Map;

/**
 * What one committed batch changed: the rows that moved forward (newer scores and leaderboards, first-seen ranking
 * changes — what live subscribers are told about), counts of everything else, and the offsets now stored.
 *
 * @param shadowDiffs shadow-model comparisons stored
 * @param deadLetters ingest's dead letters stored (first seen)
 * @param stale    records older than or equal to the stored revision (reprocessing or late arrivals): not applied
 * @param duplicates ranking changes whose changeId, or dead letters whose coordinates, were already stored
 * @param rejected records sent to the dead-letter table
 * @param skipped  tombstones (the contract defines no deletion)
 */
public record AppliedBatch(List<EnterpriseScore> scores, List<RankingChange> changes, List<Leaderboard> leaderboards,
                           int shadowDiffs, int deadLetters, int stale, int duplicates, int rejected, int skipped,
                           Map<PartitionKey, Long> nextOffsets) {
    public AppliedBatch {
        scores = List.copyOf(scores);
        changes = List.copyOf(changes);
        leaderboards = List.copyOf(leaderboards);
        nextOffsets = Map.copyOf(nextOffsets);
    }

    /** Records that changed the read model. */
    public int applied() {
        return scores.size() + changes.size() + leaderboards.size() + shadowDiffs + deadLetters;
    }
}
