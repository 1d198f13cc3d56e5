package io.innopoints.sink.lag;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples every consumer group periodically (from a {@link Supplier} of samples, in production a
 * {@link LagCollector}), keeps the last {@code windowSize} samples per group, evaluates each group with
 * {@link LagEvaluator} and publishes the result as the latest report and as Micrometer gauges:
 * {@code innopoints_consumer_lag_records}, {@code innopoints_consumer_lag_seconds},
 * {@code innopoints_consumer_committed_offset}, {@code innopoints_consumer_end_offset} (tags group, topic, partition)
 * and {@code innopoints_consumer_group_status} (tags group; 0 OK … 4 ERROR), plus
 * {@code innopoints_consumer_group_lag_records} (total per group).
 */
public final class LagMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LagMonitor.class);

    private final Supplier<List<GroupSample>> sampler;
    private final int windowSize;
    private final Map<String, Deque<GroupSample>> windows = new HashMap<>();
    private final MultiGauge lagRecords;
    private final MultiGauge lagSeconds;
    private final MultiGauge committed;
    private final MultiGauge end;
    private final MultiGauge groupStatus;
    private final MultiGauge groupLag;
    private volatile LagReport report = LagReport.empty();
    private ScheduledExecutorService scheduler;

    public LagMonitor(Supplier<List<GroupSample>> sampler, int windowSize, MeterRegistry registry) {
        this.sampler = sampler;
        this.windowSize = windowSize;
        this.lagRecords = MultiGauge.builder("innopoints.consumer.lag.records")
                .description("Records between the committed offset and the last stable offset").register(registry);
        this.lagSeconds = MultiGauge.builder("innopoints.consumer.lag.seconds")
                .description("Age of the record at the committed offset (0 when caught up)").baseUnit("seconds")
                .register(registry);
        this.committed = MultiGauge.builder("innopoints.consumer.committed.offset")
                .description("Committed offset of the group").register(registry);
        this.end = MultiGauge.builder("innopoints.consumer.end.offset")
                .description("Last stable offset of the partition (read_committed end)").register(registry);
        this.groupStatus = MultiGauge.builder("innopoints.consumer.group.status")
                .description("Group status: 0 OK, 1 WARN, 2 STALL, 3 STOP, 4 ERROR").register(registry);
        this.groupLag = MultiGauge.builder("innopoints.consumer.group.lag.records")
                .description("Total lag of the group in records").register(registry);
    }

    /** Takes a sample now, evaluates every group and updates the report and gauges. */
    public synchronized LagReport sampleNow() {
        List<GroupSample> samples;
        try {
            samples = sampler.get();
        } catch (RuntimeException e) {
            LOG.warn("lag sample failed: {}", e.getMessage());
            report = new LagReport(report.groups(), java.time.Instant.now(), e.getMessage());
            return report;
        }
        Map<String, GroupLag> evaluated = new TreeMap<>();
        for (GroupSample s : samples) {
            Deque<GroupSample> w = windows.computeIfAbsent(s.groupId(), k -> new ArrayDeque<>());
            w.addLast(s);
            while (w.size() > windowSize) {
                w.removeFirst();
            }
            evaluated.put(s.groupId(), LagEvaluator.evaluate(new ArrayList<>(w)));
        }
        windows.keySet().retainAll(evaluated.keySet());
        report = new LagReport(List.copyOf(evaluated.values()), samples.isEmpty() ? java.time.Instant.now()
                : samples.get(0).at(), null);
        publish(report);
        return report;
    }

    public LagReport report() {
        return report;
    }

    public synchronized void start(Duration interval) {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lag-monitor");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                sampleNow();
            } catch (RuntimeException e) {
                LOG.warn("lag monitor cycle failed", e);
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void publish(LagReport r) {
        List<MultiGauge.Row<?>> records = new ArrayList<>();
        List<MultiGauge.Row<?>> seconds = new ArrayList<>();
        List<MultiGauge.Row<?>> committedRows = new ArrayList<>();
        List<MultiGauge.Row<?>> endRows = new ArrayList<>();
        List<MultiGauge.Row<?>> status = new ArrayList<>();
        List<MultiGauge.Row<?>> totals = new ArrayList<>();
        for (GroupLag g : r.groups()) {
            status.add(MultiGauge.Row.of(Tags.of("group", g.groupId()), g.status().code()));
            totals.add(MultiGauge.Row.of(Tags.of("group", g.groupId()), g.latest().totalLagRecords()));
            for (PartitionLag p : g.latest().partitions()) {
                Tags tags = Tags.of("group", g.groupId(), "topic", p.topic(), "partition", Integer.toString(p.partition()));
                committedRows.add(MultiGauge.Row.of(tags, p.committedOffset()));
                if (p.endOffset() != null) {
                    endRows.add(MultiGauge.Row.of(tags, p.endOffset()));
                    records.add(MultiGauge.Row.of(tags, p.lagRecords()));
                }
                if (p.lagSeconds() != null) {
                    seconds.add(MultiGauge.Row.of(tags, p.lagSeconds()));
                }
            }
        }
        lagRecords.register(records, true);
        lagSeconds.register(seconds, true);
        committed.register(committedRows, true);
        end.register(endRows, true);
        groupStatus.register(status, true);
        groupLag.register(totals, true);
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
