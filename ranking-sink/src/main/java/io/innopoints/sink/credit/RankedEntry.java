package io.innopoints.sink.credit;

import java.util.Objects;

/**
 * One ranked enterprise as a credit programme reads it: its place in one cohort (today the live ranking; an official
 * period release can produce the same entries later). No financial values: what a programme decides on is the rank,
 * tier, percentile and whether a penalty is active.
 *
 * @param cohortId   the cohort the rank is in ({@code zone:<zone>:<stage>})
 * @param rank       competition rank in the cohort (1 = best)
 * @param cohortSize ranked members of the cohort
 * @param below      members with a strictly lower total (the percentile is {@code 100·below/cohortSize})
 * @param tier       tier from the rank
 * @param penalised  whether a penalty item currently takes points off
 */
public record RankedEntry(String creditCode, String name, String zone, String stage, String cohortId, int rank,
                          int cohortSize, int below, String tier, double total, boolean penalised) {
    public RankedEntry {
        Objects.requireNonNull(creditCode, "creditCode");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(tier, "tier");
        if (rank < 1 || cohortSize < rank || below < 0 || below > cohortSize - rank) {
            throw new IllegalArgumentException("rank " + rank + ", below " + below + " in a cohort of " + cohortSize);
        }
    }

    /** The percentile in percent, for display (eligibility compares exactly, see {@link CreditProgramme.StageRule}). */
    public double percentile() {
        return 100.0 * below / cohortSize;
    }
}
