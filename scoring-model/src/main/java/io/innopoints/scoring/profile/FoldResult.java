package io.innopoints.scoring.profile;

import io.innopoints.schemas.internal.EnterpriseProfile;

/** The profile after folding one event, and what the event did; {@link #changed()} lets callers skip no-ops. */
public record FoldResult(EnterpriseProfile profile, Outcome outcome) {

    public enum Outcome {
        /** A new event was added. */
        ADDED(true),
        /** An event with the same eventId but other content won the deterministic tie-break and replaced it. */
        REPLACED(true),
        /** The same eventId was already folded (or its other content lost the tie-break): nothing changed. */
        DUPLICATE(false),
        /** The event was retracted earlier: it is ignored. */
        BLOCKED(false),
        /** A retraction removed its target. */
        RETRACTED(true),
        /** A retraction arrived before its target: the target id is recorded and blocked. */
        RETRACTION_RECORDED(true),
        /** The retraction's target was already retracted: nothing changed. */
        RETRACTION_DUPLICATE(false);

        private final boolean changed;

        Outcome(boolean changed) {
            this.changed = changed;
        }

        public boolean changed() {
            return changed;
        }
    }

    public boolean changed() {
        return outcome.changed();
    }
}
