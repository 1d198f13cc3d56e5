package io.innopoints.stream.topology;

/**
 * Whether this instance is catching up on a backlog of input (the profile stage then defers evaluations, see
 * {@link ProfileProcessor}). Asked on every commit of every profile task, so an answer must be cheap: the app
 * samples its consumers' lag in the background ({@code io.innopoints.stream.app.InputLag}); tests set it.
 */
@FunctionalInterface
public interface Backlog {
    /** Never catching up: every enterprise is evaluated and published at the commit that folded its events. */
    Backlog NONE = () -> false;

    boolean catchingUp();

    /**
     * Whether this instance's rank stage still has a backlog of stage messages (a catch-up's sweep sends one per
     * enterprise, and ranking them costs more than evaluating them): the next sweep waits until it is drained.
     */
    default boolean rankingBehind() {
        return false;
    }
}
