package io.innopoints.stream.domain;

/** The last published leaderboard per cohort (backed by the changelogged cohort-store). */
public interface BoardStore {
    BoardState get(String cohortId);

    void put(String cohortId, BoardState state);
}
