package io.innopoints.stream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
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
        InputLag inputLag = new InputLag(Set.of("patents"), "app-by-stage-repartition", 1_000);
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
    void shouldReadTheSelectedGaugesBetweenRefreshesWithoutCopyingEveryMetric() {
        AtomicLong lag = gauge("app-StreamThread-1-consumer", "patents", "records-lag");
        InputLag inputLag = new InputLag(Set.of("patents"), "app-by-stage-repartition", 1_000);
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
        InputLag inputLag = new InputLag(Set.of("patents"), "app-by-stage-repartition", 1_000);
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
        InputLag inputLag = new InputLag(Set.of("patents"), "app-by-stage-repartition", 1_000);
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
        InputLag inputLag = new InputLag(Set.of("patents"), "app-by-stage-repartition", 1_000);
        stage.set(101);
        inputLag.sample(client, 0);
        assertThat(inputLag.catchingUp()).isFalse();
        assertThat(inputLag.rankingBehind()).isTrue();
        stage.set(100);
        inputLag.sample(client, 100);
        assertThat(inputLag.rankingBehind()).isFalse();
    }
}
