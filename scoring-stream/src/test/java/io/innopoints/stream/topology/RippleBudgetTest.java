package io.innopoints.stream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RippleBudgetTest {
    /** Steps a second apart: the buckets hold a second's worth. */
    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void shouldHoldOnlyOneStepsWorthSoARoundRepublishesALittleAtEveryCommit() {
        // Given 500 republications a second, a step per 100 ms commit interval, and input arriving
        RippleBudget budget = new RippleBudget(500, Duration.ofMillis(100));

        // Then a step gets at most 50 (and 5,000 checks), however long the ripple waited
        assertThat(takeWhileInputArrives(budget, 2_000, 0)).isEqualTo(50);
        assertThat(budget.takeChecks(100_000, 0)).isEqualTo(50 * RippleBudget.CHECKS_PER_REPUBLICATION);
        assertThat(takeWhileInputArrives(budget, 2_000, 10_000)).isEqualTo(50);
        budget.refund(1_000);
        assertThat(takeWhileInputArrives(budget, 2_000, 10_000)).as("refunds too").isEqualTo(50);

        // And steps a commit interval apart still get the whole rate: ten steps, 500 in a second
        int second = 0;
        for (long ms = 10_100; ms <= 11_000; ms += 100) {
            second += takeWhileInputArrives(budget, 2_000, ms);
        }
        assertThat(second).isEqualTo(500);
    }

    @Test
    void shouldGrantOneSecondsWorthAtFirstThenTheRateAndAtMostOneSecondsWorth() {
        RippleBudget budget = new RippleBudget(100, SECOND);
        assertThat(takeWhileInputArrives(budget, 2_000, 1_000)).isEqualTo(100);
        assertThat(takeWhileInputArrives(budget, 2_000, 1_000)).isZero();
        assertThat(takeWhileInputArrives(budget, 2_000, 1_250)).isEqualTo(25);
        assertThat(takeWhileInputArrives(budget, 2_000, 1_250)).isZero();
        assertThat(takeWhileInputArrives(budget, 10, 1_500)).isEqualTo(10);
        assertThat(takeWhileInputArrives(budget, 2_000, 1_500)).isEqualTo(15);
        // a minute later the bucket holds one second's worth only
        assertThat(takeWhileInputArrives(budget, 2_000, 61_500)).isEqualTo(100);
    }

    private static int takeWhileInputArrives(RippleBudget budget, int wanted, long nowMs) {
        budget.input(nowMs);
        return budget.take(wanted, nowMs);
    }

    @Test
    void shouldTakeBackWhatAStepDidNotUseButNeverAboveOneSecondsWorth() {
        RippleBudget budget = new RippleBudget(100, SECOND);
        budget.input(0);
        budget.take(100, 0);
        int granted = budget.take(2_000, 500);
        budget.refund(granted - 20);
        assertThat(budget.take(2_000, 500)).isEqualTo(30);
        budget.refund(10_000);
        assertThat(budget.take(2_000, 500)).isEqualTo(100);
    }

    @Test
    void shouldBeSharedByTasksOnSeveralThreadsWithoutGrantingMoreThanTheRate() throws Exception {
        // Given one budget of 1,000/s taken from by four threads at the same wall-clock times
        RippleBudget budget = new RippleBudget(1_000, SECOND);
        budget.input(Long.MAX_VALUE / 2); // input throughout
        budget.take(1_000, 0);
        AtomicInteger total = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (long ms = 1; ms <= 2_000; ms++) {
                        total.addAndGet(budget.take(7, ms));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        // Then together they got at most two seconds' worth
        assertThat(total.get()).isBetween(1_900, 2_000);
    }

    @Test
    void shouldGrantMemberChecksAtAHundredTimesTheRateApartFromRepublications() {
        RippleBudget budget = new RippleBudget(10, SECOND);
        budget.input(0);
        assertThat(budget.take(2_000, 0)).isEqualTo(10);
        assertThat(budget.take(2_000, 0)).as("republications spent").isZero();
        assertThat(budget.takeChecks(5_000, 0)).as("checks are not").isEqualTo(10 * RippleBudget.CHECKS_PER_REPUBLICATION);
        assertThat(budget.takeChecks(5_000, 0)).isZero();
        budget.input(500);
        assertThat(budget.takeChecks(5_000, 500)).isEqualTo(5 * RippleBudget.CHECKS_PER_REPUBLICATION);
        budget.refundChecks(200);
        assertThat(budget.takeChecks(5_000, 500)).isEqualTo(200);
        budget.refundChecks(1_000_000);
        assertThat(budget.takeChecks(5_000, 500)).as("at most a second's worth").isEqualTo(1_000);
        assertThat(budget.takeChecks(5_000, 1_600)).as("no input for over a second").isEqualTo(5_000);
    }

    @Test
    void shouldGrantEverythingOnceNoStageMessageArrivedForOverASecond() {
        RippleBudget budget = new RippleBudget(10, SECOND);
        assertThat(budget.take(2_000, 0)).as("no input yet").isEqualTo(2_000);
        budget.input(100);
        budget.take(10, 100);
        assertThat(budget.take(2_000, 1_100)).as("input a second ago").isEqualTo(10);
        assertThat(budget.take(2_000, 1_101)).as("input over a second ago").isEqualTo(2_000);
    }

    @Test
    void shouldRejectARateBelowOne() {
        assertThatThrownBy(() -> new RippleBudget(0, SECOND)).isInstanceOf(IllegalArgumentException.class);
    }
}
