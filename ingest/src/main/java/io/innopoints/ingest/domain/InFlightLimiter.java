package io.innopoints.ingest.domain;

import java.util.concurrent.Semaphore;

/**
 * Bounds the records that have been accepted for publishing but not yet acknowledged, across all requests, so an
 * overloaded broker or a flood of clients makes the service answer 429 instead of queueing without limit.
 */
public final class InFlightLimiter {
    private final Semaphore permits;

    public InFlightLimiter(int maxRecords) {
        this.permits = new Semaphore(maxRecords);
    }

    /** Reserves room for {@code records}, or returns false at once when there is none. */
    public boolean tryAcquire(int records) {
        return permits.tryAcquire(records);
    }

    public void release(int records) {
        permits.release(records);
    }

    public int available() {
        return permits.availablePermits();
    }
}
