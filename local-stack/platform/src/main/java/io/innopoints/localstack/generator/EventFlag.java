package io.innopoints.localstack.generator;

/** What a generated event is for, so tests know what a correct consumer must do with it. */
public enum EventFlag {
    /** A fact, sent once (or the first send of a duplicated one). */
    ORIGINAL,
    /** A fact that supersedes an earlier one: contract AMENDED, a later tax filing for the same period, a registration update. */
    AMENDMENT,
    /** A re-send of an earlier event with the same eventId: a no-op. */
    DUPLICATE,
    /** A wrong event that a later RETRACTION removes. */
    ERRONEOUS,
    /** An event whose retractsEventId names an ERRONEOUS event. */
    RETRACTION,
    /** A record that must be rejected; its correct version is sent separately. */
    MALFORMED
}
