package io.innopoints.scoring.model;

import java.util.List;

/** Tier assignment from a competition rank (see {@link ScoringModel#tierOf}). */
public final class Tiers {
    private Tiers() {
    }

    public static String tierOf(List<Tier> tiers, int rank, int size) {
        if (rank < 1 || rank > size) {
            throw new IllegalArgumentException("rank " + rank + " outside cohort of " + size);
        }
        long position = (rank - 1L) * 10_000L;
        for (Tier t : tiers) {
            if (position < t.cumulativeBasisPoints() * (long) size) {
                return t.id();
            }
        }
        return tiers.get(tiers.size() - 1).id();
    }
}
