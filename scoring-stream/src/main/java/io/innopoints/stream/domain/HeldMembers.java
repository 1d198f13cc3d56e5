package io.innopoints.stream.domain;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Members new to their stage that a rank task holds unpublished while its instance runs a bulk pass (a catch-up's
 * sweep, a model rescore), in arrival order: each of the pass's commits fills the cohorts further, and members
 * published early got percentile points against a fraction of their cohort, which the ripple then republished —
 * 15,700 second publications after the sweep of a 20,000-enterprise catch-up. A held member is in the
 * distributions and the member store (a restart still holds it: {@link StageBook#rebuild()} adds it back here) but
 * not yet ranked or published; {@link #release} publishes them once the pass is over.
 */
final class HeldMembers {
    /** Members held at most (about 64 bytes of heap each); beyond, new members are published as they come. */
    static final int MAX_HELD = 200_000;
    private final Set<StageMember> held = new LinkedHashSet<>();
    private boolean holding;

    /** Whether new members are to be held from now on. */
    void holding(boolean hold) {
        this.holding = hold;
    }

    /** Whether {@code msg} is to be held: a new or never published member with a registration, while holding. */
    boolean shouldHold(Member old, StageMessage.Score msg) {
        return holding && (old == null || !old.published()) && msg.registration() != null
                && (held.size() < MAX_HELD || held.contains(StageMember.of(msg)));
    }

    void add(StageMember member) {
        held.add(member);
    }

    boolean any() {
        return !held.isEmpty();
    }

    void clear() {
        held.clear();
    }

    /**
     * Takes held members in arrival order and hands each to {@code publish} (false: nothing was published for it,
     * e.g. it left meanwhile), until {@code limit} were published; returns how many were.
     */
    int release(int limit, Predicate<StageMember> publish) {
        int published = 0;
        Iterator<StageMember> it = held.iterator();
        while (it.hasNext() && published < limit) {
            StageMember key = it.next();
            it.remove();
            if (publish.test(key)) {
                published++;
            }
        }
        return published;
    }
}
