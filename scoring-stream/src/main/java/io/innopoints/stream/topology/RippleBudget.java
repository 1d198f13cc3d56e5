package io.innopoints.stream.topology;

import java.time.Duration;

/**
 * The cohort-percentile ripple's allowance per second, shared by all rank tasks of one instance (their stream threads
 * take from it concurrently): republications at the configured rate, and members checked at
 * {@value #CHECKS_PER_REPUBLICATION} times that rate. Each is a token bucket that fills at its rate and holds at most
 * one step's worth (the ripple goes on one step per commit interval), so a round republishes a little at every
 * commit rather than a second's worth at once: a step of 500 republications (or 50,000 checks) held up every record
 * behind it on its stream thread. A rate per task let five busy stages republish five times the rate, more scores than the
 * filings themselves at 2,000/s; and a round over a live national cohort (365,000 start-ups, dirty at every ripple
 * interval) checked every member each second whatever it republished. While the instance's rank tasks received no
 * stage message for over {@link #IDLE_MS} ms, a round goes at full speed (whatever a task's own input: a quiet stage's
 * round is throttled while a busy one ranks).
 */
final class RippleBudget {
    /** Without stage messages for longer than this the instance's input counts as stopped. */
    static final long IDLE_MS = 1_000;
    /**
     * Members a round may check per republication it may make: at the default 500 republications a second, 50,000
     * checks (a national round of 365,000 took 10–20 % of a stream thread each second), so a national cohort's round
     * takes about 7 s while input flows.
     */
    static final int CHECKS_PER_REPUBLICATION = 100;

    private final Bucket republications;
    private final Bucket checks;
    private long lastInputMs = Long.MIN_VALUE;

    /**
     * @param perSecond republications per second
     * @param step      how often the ripple takes a step (the commit interval): the buckets hold that much worth,
     *                  at least one republication
     */
    RippleBudget(int perSecond, Duration step) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("perSecond must be at least 1: " + perSecond);
        }
        double share = Math.min(1.0, step.toMillis() / 1000.0);
        this.republications = new Bucket(perSecond, Math.max(1, (long) Math.floor(perSecond * share)));
        long checksPerSecond = (long) perSecond * CHECKS_PER_REPUBLICATION;
        this.checks = new Bucket(checksPerSecond, Math.max(CHECKS_PER_REPUBLICATION,
                (long) Math.floor(checksPerSecond * share)));
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
        return republications.take(wanted, nowMs, idle(nowMs));
    }

    /** Grants up to {@code wanted} member checks at wall-clock {@code nowMs}, like {@link #take}. */
    synchronized int takeChecks(int wanted, long nowMs) {
        return checks.take(wanted, nowMs, idle(nowMs));
    }

    /** Returns what a step was granted but did not republish (members whose rounded points had not changed). */
    synchronized void refund(int unused) {
        republications.refund(unused);
    }

    /** Returns the checks a step was granted but did not make (its round ended first). */
    synchronized void refundChecks(int unused) {
        checks.refund(unused);
    }

    private boolean idle(long nowMs) {
        return lastInputMs == Long.MIN_VALUE || nowMs - lastInputMs > IDLE_MS;
    }

    /** Fills at {@code perSecond}, holds {@code capacity}; starts full (the first round after a start goes). */
    private static final class Bucket {
        private final long perSecond;
        private final long capacity;
        private double tokens;
        private long lastMs = Long.MIN_VALUE;

        Bucket(long perSecond, long capacity) {
            this.perSecond = perSecond;
            this.capacity = capacity;
            this.tokens = capacity;
        }

        int take(int wanted, long nowMs, boolean idle) {
            if (lastMs != Long.MIN_VALUE && nowMs > lastMs) {
                tokens = Math.min(capacity, tokens + (nowMs - lastMs) * (perSecond / 1000.0));
            }
            lastMs = Math.max(lastMs, nowMs);
            if (idle) {
                return wanted;
            }
            int granted = (int) Math.min(wanted, Math.floor(tokens));
            tokens -= granted;
            return granted;
        }

        void refund(int unused) {
            tokens = Math.min(capacity, tokens + Math.max(0, unused));
        }
    }
}
