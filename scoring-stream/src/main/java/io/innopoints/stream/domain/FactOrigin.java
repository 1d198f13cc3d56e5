package io.innopoints.stream.domain;

import io.innopoints.scoring.profile.FactFold.Kind;
import java.util.Arrays;

/**
 * The input event that made a fact write, and where it was read: its eventId (the cause it is published with) and the
 * offset in its kind's input topic partition. Offsets only grow, so an enterprise's facts read after its last
 * evaluation are those above the offsets it recorded then ({@link EnterpriseState#scoredThrough()}): the causes of a
 * deferred evaluation come from the facts themselves, and deferring one costs no write per event.
 */
public record FactOrigin(String eventId, Kind kind, long offset) {
    /** Offsets by kind ordinal, -1 where none. */
    public static long[] none() {
        long[] through = new long[Kind.values().length];
        Arrays.fill(through, -1);
        return through;
    }

    /** Whether this fact was read after the facts {@code through} covers (null: none were seen). */
    public boolean after(long[] through) {
        return through == null || kind.ordinal() >= through.length || offset > through[kind.ordinal()];
    }
}
