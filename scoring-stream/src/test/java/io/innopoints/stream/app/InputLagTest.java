package io.innopoints.stream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class InputLagTest {
    private final Map<MetricName, Metric> metrics = new HashMap<>();
    private final AtomicInteger copies = new AtomicInteger();
    private final Supplier<Map<MetricName, ? extends Metric>> client = () -> {
        copies.incrementAndGet();
        return new HashMap<>(metrics);
    };

    private AtomicLong gauge(String client, String topic, String name) {
        AtomicLong value = new AtomicLong();
        MetricName metricName = new MetricName(name, "consumer-fetch-manager-metrics", "",
                Map.of("client-id", client, "topic", topic, "partition", "0"));
        metrics.put(metricName, new Metric() {
            @Override
            public MetricName metricName() {
                return metricName;
            }

            @Override
            public Object metricValue() {
                return (double) value.get();
            }
        });
        return value;
    }

    @Test
    void shouldCatchUpAboveTheThresholdAndStopOnlyBelowATenthOfIt() {
        AtomicLong lag = gauge("app-StreamThread-1-consumer", "patents", "records-lag");
        InputLag inputLag = new InputLag(Set.of("patents"), "app-by-stage-repartition", 1_000, null);
        lag.set(1_001);
        inputLag.sample(client, 0);
        assertThat(inputLag.catchingUp()).isTrue();
        lag.set(500);
        inputLag.sample(client, 100);
        assertThat(inputLag.catchingUp()).isTrue();
        lag.set(100);
        inputLag.sample(client, 200);
        assertThat(inputLag.catchingUp()).isFalse();
    }

    @Test
    void shouldEstimateTheCatchUpsEndFromTheRateTheLagFell() {
        // Given a catch-up whose lag falls by 1,000 records a second
        AtomicLong lag = gauge("app-StreamThread-1-consumer", "patents", "records-lag");
        InputLag inputLag = new InputLag(Set.of("patents"), "app-by-stage-repartition", 10_000, null);
        for (long s = 0; s < InputLag.RATE_MIN_SPAN_MS / 1_000; s++) {
            lag.set(100_000 - 1_000 * s);
            inputLag.sample(client, 1_000 * s);
            // too little history yet: unknown
            assertThat(inputLag.millisToCaughtUp()).isEqualTo(Long.MAX_VALUE);
        }

        // When ten seconds of it were seen (lag 90,000)
        lag.set(90_000);
        inputLag.sample(client, InputLag.RATE_MIN_SPAN_MS);

        // Then the end (lag under 1,000, a tenth of the threshold) is expected 89 s later
        assertThat(inputLag.millisToCaughtUp()).isEqualTo(89_000);

        // When the lag stops falling for the whole window
        for (long s = 11; s <= 11 + InputLag.RATE_WINDOW_MS / 1_000; s++) {
            inputLag.sample(client, 1_000 * s);
        }

        // Then nothing is known about the end again
        assertThat(inputLag.millisToCaughtUp()).isEqualTo(Long.MAX_VALUE);

        // When the catch-up is over
        lag.set(0);
        inputLag.sample(client, 60_000);

        // Then nothing is expected either
        assertThat(inputLag.catchingUp()).isFalse();
        assertThat(inputLag.millisToCaughtUp()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void shouldReadTheSelectedGaugesBetweenRefreshesWithoutCopyingEveryMetric() {
        AtomicLong lag = gauge("app-StreamThread-1-consumer", "patents", "records-lag");
        InputLag inputLag = new InputLag(Set.of("patents"), "app-by-stage-repartition", 1_000, null);
        inputLag.sample(client, 0);
        lag.set(5_000);
        inputLag.sample(client, 100);
        inputLag.sample(client, 200);
        assertThat(inputLag.catchingUp()).isTrue();
        assertThat(copies).hasValue(1);
        inputLag.sample(client, InputLag.REFRESH_MS);
        assertThat(copies).hasValue(2);
    }

    @Test
    void shouldSeeAPartitionAssignedSinceTheLastRefreshAtTheNext() {
        gauge("app-StreamThread-1-consumer", "patents", "records-lag");
        InputLag inputLag = new InputLag(Set.of("patents"), "app-by-stage-repartition", 1_000, null);
        inputLag.sample(client, 0);
        gauge("app-StreamThread-2-consumer", "patents", "records-lag").set(2_000);
        inputLag.sample(client, 100);
        assertThat(inputLag.catchingUp()).isFalse();
        inputLag.sample(client, InputLag.REFRESH_MS);
        assertThat(inputLag.catchingUp()).isTrue();
    }

    @Test
    void shouldLookForTheGaugesAtEverySampleUntilTheConsumersFetched() {
        // Given an instance started before its consumers fetched anything: no lag gauge yet
        InputLag inputLag = new InputLag(Set.of("patents"), "app-by-stage-repartition", 1_000, null);
        inputLag.sample(client, 0);

        // When the first fetch registers a gauge with a backlog, then the next sample sees it (not a refresh later)
        gauge("app-StreamThread-1-consumer", "patents", "records-lag").set(5_000);
        inputLag.sample(client, 100);
        assertThat(inputLag.catchingUp()).isTrue();
    }

    @Test
    void shouldCountOnlyTheMainConsumersLagOnTheirOwnTopics() {
        gauge("app-StreamThread-1-restore-consumer", "patents", "records-lag").set(5_000);
        gauge("app-StreamThread-1-consumer", "contracts", "records-lag").set(5_000);
        gauge("app-StreamThread-1-consumer", "patents", "records-lag-max").set(5_000);
        AtomicLong stage = gauge("app-StreamThread-1-consumer", "app-by-stage-repartition", "records-lag");
        InputLag inputLag = new InputLag(Set.of("patents"), "app-by-stage-repartition", 1_000, null);
        stage.set(101);
        inputLag.sample(client, 0);
        assertThat(inputLag.catchingUp()).isFalse();
        assertThat(inputLag.rankingBehind()).isTrue();
        stage.set(100);
        inputLag.sample(client, 100);
        assertThat(inputLag.rankingBehind()).isFalse();
    }

    @Test
    void shouldSeeTheRankStageBehindByTheEndOffsetsWhileTheGaugeKeepsAStaleValue() {
        // Given a rank task whose partition the consumer stopped fetching (full buffer): its gauge says 10
        gauge("app-StreamThread-1-consumer", "app-by-stage-repartition", "records-lag").set(10);
        Map<Integer, Long> ends = new HashMap<>(Map.of(0, 5_000L));
        InputLag inputLag = new InputLag(Set.of("patents"), "app-by-stage-repartition", 1_000, partitions -> ends);
        inputLag.stageAssigned(0);

        // When it has taken up to offset 999 of the 5,000 written
        inputLag.stageTaken(0, 999);
        inputLag.sample(client, 0);

        // Then the rank stage is behind (4,000 untaken > a tenth of the threshold), whatever the gauge says
        assertThat(inputLag.rankingBehind()).isTrue();

        // and once it took all but what commit markers may take (never counted), it is not
        inputLag.stageTaken(0, 4_999 - StageProgress.MARKER_SLACK);
        inputLag.sample(client, 100);
        assertThat(inputLag.rankingBehind()).isFalse();

        // nor with a threshold of 1 (every stage message a backlog), which the gauge alone decides below the slack
        InputLag strict = new InputLag(Set.of("patents"), "app-by-stage-repartition", 1, partitions -> ends);
        strict.stageAssigned(0);
        strict.stageTaken(0, 4_999 - StageProgress.MARKER_SLACK);
        strict.sample(client, 0);
        assertThat(strict.rankingBehind()).isTrue(); // the gauge's 10
        gauge("app-StreamThread-1-consumer", "app-by-stage-repartition", "records-lag").set(0);
        strict.sample(client, InputLag.REFRESH_MS);
        assertThat(strict.rankingBehind()).isFalse();
    }

    @Test
    void shouldCountOnlyPartitionsWhoseRankTaskRunsHereAndHasTakenSomething() {
        Map<Integer, Long> ends = Map.of(0, 5_000L, 1, 5_000L, 2, 5_000L);
        List<Set<Integer>> asked = new ArrayList<>();
        InputLag inputLag = new InputLag(Set.of("patents"), "app-by-stage-repartition", 1_000, partitions -> {
            asked.add(Set.copyOf(partitions));
            return ends;
        });
        // partition 1: started, nothing taken yet (the gauge covers it); partition 2: released
        inputLag.stageAssigned(1);
        inputLag.stageAssigned(2);
        inputLag.stageTaken(2, 10);
        inputLag.stageReleased(2);
        inputLag.sample(client, 0);
        assertThat(inputLag.rankingBehind()).isFalse();
        assertThat(asked).containsExactly(Set.of(1));

        inputLag.stageTaken(1, 10);
        inputLag.sample(client, 100);
        assertThat(inputLag.rankingBehind()).isTrue();
    }

    @Test
    void shouldGoByTheGaugesWhenTheEndOffsetsCannotBeRead() {
        AtomicLong stage = gauge("app-StreamThread-1-consumer", "app-by-stage-repartition", "records-lag");
        InputLag inputLag = new InputLag(Set.of("patents"), "app-by-stage-repartition", 1_000, partitions -> {
            throw new IllegalStateException("broker unreachable");
        });
        inputLag.stageAssigned(0);
        inputLag.stageTaken(0, 0);
        stage.set(101);
        inputLag.sample(client, 0);
        assertThat(inputLag.rankingBehind()).isTrue();
        stage.set(0);
        inputLag.sample(client, 100);
        assertThat(inputLag.rankingBehind()).isFalse();
    }
}
