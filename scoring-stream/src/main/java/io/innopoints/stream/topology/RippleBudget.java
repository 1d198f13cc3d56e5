package io.innopoints.stream.topology;

/**
 * The cohort-percentile ripple's allowance of republications per second, shared by all rank tasks of one instance
 * (their stream threads take from it concurrently): a token bucket that fills at the configured rate and holds at most
 * one second's worth. A rate per task let five busy stages republish five times the rate, more scores than the
 * filings themselves at 2,000/s. While the instance's rank tasks received no stage message for over {@link #IDLE_MS} ms, a
 * round goes at full speed (whatever a task's own input: a quiet stage's round is throttled while a busy one ranks).
 */
final class RippleBudget {
    private final int perSecond;
    private double tokens;
    private long lastMs = Long.MIN_VALUE;
    private long lastInputMs = Long.MIN_VALUE;

    /** Without stage messages for longer than this the instance's input counts as stopped. */
    static final long IDLE_MS = 1_000;

    RippleBudget(int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("perSecond must be at least 1: " + perSecond);
        }
        this.perSecond = perSecond;
        this.tokens = perSecond; // starts full: the first round after a start is not held back
    }

    /** A rank task received stage messages at wall-clock {@code nowMs}. */
    synchronized void input(long nowMs) {
        lastInputMs = Math.max(lastInputMs, nowMs);
    }

    /**
     * Grants up to {@code wanted} republications at wall-clock {@code nowMs}: all of them when the input stopped, else
     * what the bucket holds (0 while it is empty).
     */
    synchronized int take(int wanted, long nowMs) {
        if (lastMs != Long.MIN_VALUE && nowMs > lastMs) {
            tokens = Math.min(perSecond, tokens + (nowMs - lastMs) * (perSecond / 1000.0));
        }
        lastMs = Math.max(lastMs, nowMs);
        if (lastInputMs == Long.MIN_VALUE || nowMs - lastInputMs > IDLE_MS) {
            return wanted;
        }
        int granted = (int) Math.min(wanted, Math.floor(tokens));
        tokens -= granted;
        return granted;
    }

    /** Returns what a step was granted but did not republish (members whose rounded points had not changed). */
    synchronized void refund(int unused) {
        tokens = Math.min(perSecond, tokens + Math.max(0, unused));
    }
}
