package io.innopoints.ingest.domain;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-provider token buckets: each provider may make {@code burst} requests at once and {@code perSecond} on
 * average. {@link #tryAcquire} answers how long to wait when the bucket is empty, which becomes the
 * {@code Retry-After} of a 429. Time comes from an injected nanosecond clock.
 */
public final class RateLimiter {
    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double perSecond, int burst, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
    }

    /** 0 when the request may proceed, else the whole seconds (at least 1) after which a token is available. */
    public long tryAcquire(String provider) {
        return buckets.computeIfAbsent(provider, p -> new Bucket(burst, nanoTime.getAsLong())).take();
    }

    private final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }

        synchronized long take() {
            long now = nanoTime.getAsLong();
            tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
        }
    }
}
