package io.innopoints.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {
    @Test
    void shouldReportNearestRankPercentilesOfOneToHundredMillis() {
        // Given the latencies 1..100 ms in shuffled order
        LatencyRecorder recorder = new LatencyRecorder(Duration.ofMinutes(1));
        for (int i = 0; i < 100; i++) {
            recorder.record((i * 37) % 100 + 1);
        }

        // When summarised
        LatencyRecorder.Summary s = recorder.summary();

        // Then each percentile is the value at or below which that share of values lies
        assertThat(s.count()).isEqualTo(100);
        assertThat(s.p50Millis()).isEqualTo(50);
        assertThat(s.p95Millis()).isEqualTo(95);
        assertThat(s.p99Millis()).isEqualTo(99);
        assertThat(s.maxMillis()).isEqualTo(100);
        assertThat(s.meanMillis()).isBetween(50.4, 50.6);
    }

    @Test
    void shouldLetOneOutlierMoveOnlyTheTopPercentiles() {
        // Given 990 fast events and 10 slow ones
        LatencyRecorder recorder = new LatencyRecorder(Duration.ofMinutes(1));
        for (int i = 0; i < 990; i++) {
            recorder.record(20);
        }
        for (int i = 0; i < 10; i++) {
            recorder.record(1_500);
        }

        // Then p50 and p95 stay at the fast value, p99 is still fast (990/1000 = 99%), max is slow
        LatencyRecorder.Summary s = recorder.summary();
        assertThat(s.p50Millis()).isEqualTo(20);
        assertThat(s.p95Millis()).isEqualTo(20);
        assertThat(s.p99Millis()).isEqualTo(20);
        assertThat(s.maxMillis()).isEqualTo(1_500);
    }

    @Test
    void shouldClampNegativeAndTooLargeValues() {
        LatencyRecorder recorder = new LatencyRecorder(Duration.ofSeconds(10));
        recorder.record(-5);
        recorder.record(60_000);

        LatencyRecorder.Summary s = recorder.summary();
        assertThat(s.count()).isEqualTo(2);
        assertThat(s.p50Millis()).isZero();
        assertThat(s.maxMillis()).isBetween(10_000L, 10_010L);
    }

    @Test
    void shouldSummariseNothingAsZeros() {
        assertThat(new LatencyRecorder(Duration.ofSeconds(1)).summary())
                .isEqualTo(new LatencyRecorder.Summary(0, 0, 0, 0, 0, 0));
    }

    @Test
    void shouldRejectAUselessRange() {
        assertThatThrownBy(() -> new LatencyRecorder(Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("highest");
    }
}
