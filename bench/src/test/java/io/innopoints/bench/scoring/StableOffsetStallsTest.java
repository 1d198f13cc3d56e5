package io.innopoints.bench.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StableOffsetStallsTest {
    @Test
    void shouldMeasureAStretchFromTheFirstHeldSampleUntilTheStableOffsetMoves() {
        StableOffsetStalls stalls = new StableOffsetStalls();
        stalls.observe("p-0", 1_000, 10, 10);
        stalls.observe("p-0", 1_100, 15, 10);
        stalls.observe("p-0", 1_200, 20, 10);
        stalls.observe("p-0", 1_300, 20, 18);
        stalls.observe("p-0", 1_400, 20, 20);

        assertThat(stalls.since(0, 2_000)).containsExactly(
                new StableOffsetStalls.Stall("p-0", 1_100, 200),
                new StableOffsetStalls.Stall("p-0", 1_300, 100));
    }

    @Test
    void shouldKeepPartitionsApartAndCountAnOpenStretchUpToNow() {
        StableOffsetStalls stalls = new StableOffsetStalls();
        stalls.observe("p-0", 1_000, 5, 3);
        stalls.observe("p-1", 1_000, 7, 7);
        stalls.observe("p-1", 1_100, 9, 7);
        stalls.observe("p-0", 1_100, 6, 6);

        assertThat(stalls.since(0, 1_500)).containsExactlyInAnyOrder(
                new StableOffsetStalls.Stall("p-0", 1_000, 100),
                new StableOffsetStalls.Stall("p-1", 1_100, 400));
        assertThat(stalls.since(1_050, 1_500)).containsExactly(new StableOffsetStalls.Stall("p-1", 1_100, 400));
    }

    @Test
    void shouldMeasureHowLongAGrowingOffsetStoodStill() {
        StableOffsetStalls stalls = new StableOffsetStalls();
        stalls.observeGrowth("scores", 1_000, 10);
        stalls.observeGrowth("scores", 1_100, 10);
        stalls.observeGrowth("scores", 1_200, 10);
        stalls.observeGrowth("scores", 1_300, 12);

        assertThat(stalls.since(0, 1_300)).containsExactly(
                new StableOffsetStalls.Stall("scores", 1_000, 300),
                new StableOffsetStalls.Stall("scores", 1_300, 0));
    }
}
