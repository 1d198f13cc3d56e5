package io.innopoints.stream.topology;

import java.util.Map;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * What the fold and the profile processors of one task share in memory ({@value ScoringTopology#PROFILE_MEMORY}):
 * the decoded facts of the task's most recently evaluated enterprises ({@link ProfileFactStore}, written through by
 * both) and whether any enterprise may be owed an evaluation in {@value ScoringTopology#UNSCORED_STORE} — both defer
 * evaluations while the instance catches up, and a live evaluation looks its enterprise up there only while one may
 * be owed (that lookup is a range scan). Every (re-)initialisation of the task starts with no copies and with
 * "may be owed", so a restart sweeps whatever its unscored store holds.
 */
final class ProfileMemory extends ObjectStore {
    private final Map<String, ProfileFactStore.Decoded> recent = ProfileFactStore.recentCopies(ProfileFactStore.RECENT);
    private boolean mayOwe = true;
    /** Counts deferrals, so a sweep can tell whether any happened while it ran. */
    private long deferrals;

    private ProfileMemory(String name) {
        super(name);
    }

    /** The builder the topology registers. */
    static StoreBuilder<ProfileMemory> builder(String name) {
        return ObjectStore.builder(name, () -> new ProfileMemory(name));
    }

    /** The task's decoded facts, for its {@link ProfileFactStore}s. */
    Map<String, ProfileFactStore.Decoded> recent() {
        return recent;
    }

    /** An evaluation was deferred: the unscored store owes it. */
    void deferred() {
        mayOwe = true;
        deferrals++;
    }

    /** Whether any enterprise may be owed an evaluation. */
    boolean mayOwe() {
        return mayOwe;
    }

    /** The unscored store was found empty (at the task's start): nothing is owed until something is deferred. */
    void owesNothing() {
        mayOwe = false;
    }

    /** A mark to pass to {@link #sweptAll} at the end of a sweep that starts now. */
    long sweepStarts() {
        return deferrals;
    }

    /**
     * A sweep over the whole unscored store ended: nothing is owed any more when it found nothing and nothing was
     * deferred since it started ({@code mark}, from {@link #sweepStarts}) — a deferral behind its cursor is not
     * seen by it.
     */
    void sweptAll(long mark, boolean found) {
        mayOwe = found || deferrals != mark;
    }

    @Override
    void clear() {
        recent.clear();
        mayOwe = true;
        deferrals = 0;
    }
}
