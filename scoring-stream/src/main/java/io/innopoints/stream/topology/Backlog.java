package io.innopoints.stream.topology;

/**
 * Whether this instance is catching up on a backlog of input (the profile stage then defers evaluations, see
 * {@link ProfileProcessor}) and whether its rank stage has a backlog of stage messages. Asked on every commit and
 * punctuation, so an answer must be cheap: the app measures both in the background
 * ({@code io.innopoints.stream.app.InputLag}); tests set them. The rank stage's intakes report which by-stage
 * partitions run here and how far they got, which is what the second answer is measured from.
 */
public interface Backlog {
    /** Never catching up, never behind: every enterprise is evaluated and published at the commit that folded it. */
    Backlog NONE = () -> false;

    boolean catchingUp();

    /**
     * How long the catch-up should still take, in milliseconds, at the rate the backlog has been falling lately;
     * {@link Long#MAX_VALUE} when not known (not catching up, not falling, too few samples). A sweep due within the
     * catch-up publish interval of its expected end waits for the end's own sweep: at national scale a sweep over
     * hundreds of thousands of enterprises took two fifths of the catch-up.
     */
    default long millisToCaughtUp() {
        return Long.MAX_VALUE;
    }

    /**
     * Whether this instance's rank stage still has a backlog of stage messages (a sweep or a model rescore sends one
     * per enterprise, and ranking them costs more than evaluating them): sweeps, rescores and ripples wait until it
     * is drained, so the rank tasks sharing their stream threads get to work it off.
     */
    default boolean rankingBehind() {
        return false;
    }

    /** A rank task of by-stage partition {@code partition} started on this instance. */
    default void stageAssigned(int partition) {
    }

    /** The rank task of by-stage partition {@code partition} took the record at {@code offset}. */
    default void stageTaken(int partition, long offset) {
    }

    /** The rank task of by-stage partition {@code partition} closed here (revoked, or the instance stops). */
    default void stageReleased(int partition) {
    }
}
