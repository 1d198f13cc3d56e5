package io.innopoints.sink.lag;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class LagMonitorTest {
    private static final Instant T = Instant.parse("2026-06-01T00:00:00Z");

    /** Hands out the queued samples one call at a time; an empty queue means the cluster is unreachable. */
    private static final class Script implements Supplier<List<GroupSample>> {
        final Deque<List<GroupSample>> queue = new ArrayDeque<>();

        @Override
        public List<GroupSample> get() {
            if (queue.isEmpty()) {
                throw new LagCollector.LagCollectionException("cannot list consumer groups: timeout", null);
            }
            return queue.removeFirst();
        }
    }

    private static GroupSample sample(String group, int second, int members, long committed, long end) {
        return new GroupSample(group, T.plusSeconds(second), members > 0 ? "STABLE" : "EMPTY", members,
                List.of(PartitionLag.of("t", 0, committed, end, 1.5)), null);
    }

    @Test
    void shouldEvaluateOverSlidingWindowDroppingOldestSample() {
        // Given a window of 3 and a group that was stuck for the first 3 samples, then moved
        Script script = new Script();
        script.queue.add(List.of(sample("g", 0, 1, 5, 9)));
        script.queue.add(List.of(sample("g", 1, 1, 5, 9)));
        script.queue.add(List.of(sample("g", 2, 1, 5, 9)));
        script.queue.add(List.of(sample("g", 3, 1, 6, 9)));
        script.queue.add(List.of(sample("g", 4, 1, 6, 9)));
        script.queue.add(List.of(sample("g", 5, 1, 6, 9)));
        LagMonitor monitor = new LagMonitor(script, 3, new SimpleMeterRegistry());

        // When sampled six times
        LagStatus[] statuses = new LagStatus[6];
        for (int i = 0; i < 6; i++) {
            statuses[i] = monitor.sampleNow().group("g").orElseThrow().status();
        }

        // Then it stalls once three stuck samples fill the window, recovers when the offset moves inside it,
        // and stalls again once the window holds only the new stuck offset
        assertThat(statuses).containsExactly(LagStatus.OK, LagStatus.STALL, LagStatus.STALL, LagStatus.OK,
                LagStatus.OK, LagStatus.STALL);
        assertThat(monitor.report().group("g").orElseThrow().windowSamples()).isEqualTo(3);
    }

    @Test
    void shouldPublishGaugesPerPartitionAndGroupAndForgetVanishedGroups() {
        Script script = new Script();
        script.queue.add(List.of(sample("a", 0, 1, 3, 10), sample("b", 0, 0, 7, 7)));
        script.queue.add(List.of(sample("a", 1, 1, 4, 10)));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LagMonitor monitor = new LagMonitor(script, 5, registry);

        monitor.sampleNow();
        assertThat(registry.get("innopoints.consumer.lag.records").tags("group", "a", "topic", "t", "partition", "0")
                .gauge().value()).isEqualTo(7.0);
        assertThat(registry.get("innopoints.consumer.lag.seconds").tags("group", "a").gauge().value()).isEqualTo(1.5);
        assertThat(registry.get("innopoints.consumer.lag.seconds").tags("group", "b").gauge().value()).isZero();
        assertThat(registry.get("innopoints.consumer.group.lag.records").tags("group", "a").gauge().value()).isEqualTo(7.0);

        monitor.sampleNow();
        assertThat(registry.find("innopoints.consumer.group.status").tags("group", "b").gauge()).isNull();
        assertThat(registry.get("innopoints.consumer.lag.records").tags("group", "a").gauge().value()).isEqualTo(6.0);
    }

    @Test
    void shouldKeepLastReportAndRecordErrorWhenClusterUnreachable() {
        Script script = new Script();
        script.queue.add(List.of(sample("a", 0, 1, 3, 10)));
        LagMonitor monitor = new LagMonitor(script, 5, new SimpleMeterRegistry());
        monitor.sampleNow();

        LagReport report = monitor.sampleNow();

        assertThat(report.error()).contains("cannot list consumer groups");
        assertThat(report.group("a")).isPresent();
        assertThat(LagTable.render(report)).contains("sampling failed: cannot list consumer groups");
    }

    @Test
    void shouldRenderOneRowPerPartitionWithStatusAndUnknownAge() {
        GroupSample s = new GroupSample("g", T, "STABLE", 1, List.of(
                new PartitionLag("t", 0, 5, 9L, 4L, null, null),
                PartitionLag.failed("t", 1, 2, "LeaderNotAvailableException")), null);

        String table = LagTable.render(new LagReport(List.of(LagEvaluator.evaluate(List.of(s))), T, null));

        List<String> lines = table.lines().toList();
        assertThat(lines.get(0).split("\\s+")).containsExactly("GROUP", "STATUS", "TOPIC", "PARTITION", "COMMITTED",
                "END(LSO)", "LAG", "LAG_SECONDS", "PARTITION_STATUS");
        assertThat(lines.get(1).split("\\s+")).containsExactly("g", "ERROR", "t", "0", "5", "9", "4", "?", "OK");
        assertThat(lines.get(2)).contains("ERROR LeaderNotAvailableException");
    }
}
