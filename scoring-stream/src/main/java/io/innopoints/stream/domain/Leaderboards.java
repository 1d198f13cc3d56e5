package io.innopoints.stream.domain;

import io.innopoints.schemas.score.Leaderboard;
import io.innopoints.schemas.score.LeaderboardEntry;
import io.innopoints.scoring.evaluate.Points;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.scoring.rank.RankIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The coalesced leaderboards of a rank task: a cohort whose ranks changed is marked dirty, and each publication
 * round publishes the dirty cohorts whose top-N or size differs from what was last published for them
 * ({@link BoardStore}, the truth across restarts).
 */
final class Leaderboards {
    private final BoardStore boards;
    private final Outputs out;
    private final Set<String> dirty = new TreeSet<>();

    Leaderboards(BoardStore boards, Outputs out) {
        this.boards = boards;
        this.out = out;
    }

    /** The ranks of a cohort changed. */
    void touched(String cohortId) {
        dirty.add(cohortId);
    }

    /** Cohorts whose ranks changed since the last round. */
    Set<String> dirty() {
        return Set.copyOf(dirty);
    }

    /**
     * Publishes each dirty cohort whose top-N or size changed (under the official model's top-N and tiers); returns
     * how many.
     *
     * @param names a member's registered name by (stage, credit code)
     */
    int publish(long asOfMs, ScoringModel official, Function<String, Cohort> cohorts,
                Function<String, RankIndex> ranks, BiFunction<String, String, String> names) {
        int published = 0;
        for (String cohortId : List.copyOf(dirty)) {
            Cohort cohort = cohorts.apply(cohortId);
            RankIndex idx = ranks.apply(cohortId);
            if (cohort == null || idx == null) {
                continue;
            }
            int size = idx.size();
            List<BoardState.Line> lines = new ArrayList<>();
            for (RankIndex.Ranked r : idx.top(official.topN())) {
                lines.add(new BoardState.Line(r.rank(), r.creditCode(), r.totalCents(), official.tierOf(r.rank(), size)));
            }
            BoardState previous = boards.get(cohortId);
            if (previous != null && previous.lines().equals(lines) && previous.cohortSize() == size) {
                continue;
            }
            long revision = previous == null ? 1 : previous.revision() + 1;
            List<LeaderboardEntry> entries = new ArrayList<>(lines.size());
            for (BoardState.Line l : lines) {
                entries.add(new LeaderboardEntry(l.rank(), l.creditCode(), names.apply(cohort.stage(), l.creditCode()),
                        Points.fromCents(l.totalCents()), l.tier()));
            }
            out.leaderboard(new Leaderboard(cohortId, cohort.scope(), cohort.scopeValue(), cohort.stage(),
                    official.id(), official.version(), Instant.ofEpochMilli(asOfMs), revision, size, official.topN(),
                    entries));
            boards.put(cohortId, new BoardState(revision, lines, size));
            published++;
        }
        dirty.clear();
        return published;
    }
}
