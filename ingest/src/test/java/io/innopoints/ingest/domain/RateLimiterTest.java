package io.innopoints.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final AtomicLong now = new AtomicLong();
    private final RateLimiter limiter = new RateLimiter(2.0, 3, now::get);

    @Test
    void shouldAllowTheBurstThenAskToWait() {
        assertThat(limiter.tryAcquire("p")).isZero();
        assertThat(limiter.tryAcquire("p")).isZero();
        assertThat(limiter.tryAcquire("p")).isZero();
        assertThat(limiter.tryAcquire("p")).isEqualTo(1);
    }

    @Test
    void shouldRefillAtTheSustainedRate() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("p");
        }
        now.addAndGet(500_000_000L);
        assertThat(limiter.tryAcquire("p")).isZero();
        assertThat(limiter.tryAcquire("p")).isEqualTo(1);
    }

    @Test
    void shouldKeepProvidersApart() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("a");
        }
        assertThat(limiter.tryAcquire("a")).isPositive();
        assertThat(limiter.tryAcquire("b")).isZero();
    }

    @Test
    void shouldAnswerWholeSecondsOfWaitForSlowRates() {
        RateLimiter slow = new RateLimiter(0.1, 1, now::get);
        slow.tryAcquire("p");
        assertThat(slow.tryAcquire("p")).isEqualTo(10);
    }
}
