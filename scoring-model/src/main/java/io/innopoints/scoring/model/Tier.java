package io.innopoints.scoring.model;

/**
 * A tier (分档) of a ranking: the next {@code sharePercent} of a cohort by rank. {@code cumulativeBasisPoints} is the
 * share of this and all better tiers in 1/100 of a percent, kept as an integer so tier edges are exact.
 */
public record Tier(String id, double sharePercent, long cumulativeBasisPoints) {
}
