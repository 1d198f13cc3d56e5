package io.innopoints.stream.domain;

/**
 * HANDOVER bookkeeping of the rank stage (backed by a changelogged store; key = stage ‖ credit code ‖ sequence):
 * a HANDOVER that arrived before the SCORE it belongs to, or the LEAVE of an enterprise that left a stage while its
 * message there still waited for a HANDOVER (which is then passed on to the LEAVE's next stage).
 */
public interface HandoverStore {
    /** The note kept in {@code stage} for the HANDOVER of profile sequence {@code seq}, or null. */
    StageMessage get(String stage, String creditCode, long seq);

    /** Keeps {@code note} (in its own stage) for the HANDOVER of profile sequence {@code seq}. */
    void put(long seq, StageMessage note);

    void delete(String stage, String creditCode, long seq);
}
