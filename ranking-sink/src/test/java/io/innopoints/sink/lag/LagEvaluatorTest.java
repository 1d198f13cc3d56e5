package io.innopoints.sink.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagEvaluatorTest {
    private static final Instant T = Instant.parse("2026-06-01T00:00:00Z");

    /** A window of samples of one partition: committed[i] and end[i] per sample. */
    private static List<GroupSample> window(int members, long[] committed, long[] end) {
        List<GroupSample> out = new ArrayList<>();
        for (int i = 0; i < committed.length; i++) {
            out.add(new GroupSample("g", T.plusSeconds(10L * i), members > 0 ? "STABLE" : "EMPTY", members,
                    List.of(PartitionLag.of("t", 0, committed[i], end[i], 5.0)), null));
        }
        return out;
    }

    @Test
    void shouldBeOkWhenCaughtUpEvenIfOffsetNeverMoved() {
        GroupLag lag = LagEvaluator.evaluate(window(0, new long[] {10, 10, 10}, new long[] {10, 10, 10}));

        assertThat(lag.status()).isEqualTo(LagStatus.OK);
        assertThat(lag.latest().partitions().get(0).lagSeconds()).isZero();
    }

    @Test
    void shouldBeOkWhenLaggingButShrinking() {
        GroupLag lag = LagEvaluator.evaluate(window(1, new long[] {0, 50, 120}, new long[] {100, 150, 180}));

        assertThat(lag.status()).isEqualTo(LagStatus.OK);
    }

    @Test
    void shouldWarnWhenLagGrowsAcrossWholeWindowWhileOffsetsAdvance() {
        GroupLag lag = LagEvaluator.evaluate(window(1, new long[] {0, 10, 20, 30}, new long[] {5, 20, 35, 50}));

        assertThat(lag.status()).isEqualTo(LagStatus.WARN);
        assertThat(lag.reasons()).singleElement().asString().contains("lag grew from 5 to 20");
    }

    @Test
    void shouldNotWarnWhenLagDippedOnceInsideWindow() {
        GroupLag lag = LagEvaluator.evaluate(window(1, new long[] {0, 10, 30, 35}, new long[] {5, 20, 32, 50}));

        assertThat(lag.status()).isEqualTo(LagStatus.OK);
    }

    @Test
    void shouldStallWhenMembersPresentButOffsetStuckWithLag() {
        GroupLag lag = LagEvaluator.evaluate(window(2, new long[] {7, 7, 7}, new long[] {9, 12, 12}));

        assertThat(lag.status()).isEqualTo(LagStatus.STALL);
        assertThat(lag.partitionStatus()).containsEntry("t-0", LagStatus.STALL);
    }

    @Test
    void shouldStopWhenNoMemberAndOffsetStuckWithLag() {
        GroupLag lag = LagEvaluator.evaluate(window(0, new long[] {7, 7, 7}, new long[] {9, 9, 9}));

        assertThat(lag.status()).isEqualTo(LagStatus.STOP);
        assertThat(lag.reasons()).singleElement().asString().contains("no active member");
    }

    @Test
    void shouldNotJudgeTrendFromSingleSample() {
        GroupLag lag = LagEvaluator.evaluate(window(0, new long[] {7}, new long[] {900}));

        assertThat(lag.status()).isEqualTo(LagStatus.OK);
        assertThat(lag.latest().totalLagRecords()).isEqualTo(893);
    }

    @Test
    void shouldBeErrorWhenLatestEndOffsetIsUnavailable() {
        List<GroupSample> w = new ArrayList<>(window(1, new long[] {1, 2}, new long[] {3, 4}));
        w.add(new GroupSample("g", T.plusSeconds(60), "STABLE", 1,
                List.of(PartitionLag.failed("t", 0, 2, "LeaderNotAvailableException")), null));

        GroupLag lag = LagEvaluator.evaluate(w);

        assertThat(lag.status()).isEqualTo(LagStatus.ERROR);
        assertThat(lag.reasons()).singleElement().asString().contains("LeaderNotAvailable");
    }

    @Test
    void shouldBeErrorWhenGroupOffsetsUnavailable() {
        GroupLag lag = LagEvaluator.evaluate(List.of(GroupSample.failed("g", T, "coordinator not available")));

        assertThat(lag.status()).isEqualTo(LagStatus.ERROR);
    }

    @Test
    void shouldTakeMostSevereStatusOfPartitionsAsGroupStatus() {
        List<GroupSample> w = new ArrayList<>();
        long[][] p0 = {{5, 5}, {5, 5}, {5, 5}}; // caught up
        long[][] p1 = {{3, 9}, {3, 9}, {3, 9}}; // stuck
        for (int i = 0; i < 3; i++) {
            w.add(new GroupSample("g", T.plusSeconds(i), "STABLE", 1, List.of(
                    PartitionLag.of("t", 0, p0[i][0], p0[i][1], null),
                    PartitionLag.of("t", 1, p1[i][0], p1[i][1], 30.0)), null));
        }

        GroupLag lag = LagEvaluator.evaluate(w);

        assertThat(lag.partitionStatus()).containsEntry("t-0", LagStatus.OK).containsEntry("t-1", LagStatus.STALL);
        assertThat(lag.status()).isEqualTo(LagStatus.STALL);
    }

    @Test
    void shouldMeasureLagAgainstEndOffsetNeverNegative() {
        PartitionLag ahead = PartitionLag.of("t", 0, 12, 10, 3.0);

        assertThat(ahead.lagRecords()).isZero();
        assertThat(ahead.lagSeconds()).isZero();
    }

    @Test
    void shouldRejectEmptyWindow() {
        assertThatThrownBy(() -> LagEvaluator.evaluate(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
