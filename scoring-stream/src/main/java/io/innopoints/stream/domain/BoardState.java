package io.innopoints.stream.domain;

import java.util.List;

/**
 * The last leaderboard published for a cohort (cohort-store, key = cohort id): its revision and entries, so a
 * list is only published when it differs.
 */
public record BoardState(long revision, List<Line> lines, int cohortSize) {

    public BoardState {
        lines = List.copyOf(lines);
    }

    /** One published entry: rank, credit code, total in hundredths, tier. */
    public record Line(int rank, String creditCode, long totalCents, String tier) {
    }
}
