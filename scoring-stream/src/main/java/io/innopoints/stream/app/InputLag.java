package io.innopoints.stream.app;

import io.innopoints.stream.topology.Backlog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Backlog} of a running instance: every {@value #SAMPLE_MS} ms, the sum of its stream threads' consumer
 * lag ({@code records-lag} per assigned partition, as of each partition's last fetch) on the input topics; catching up
 * once it exceeds the threshold, and until it is back under a tenth of it. The rank stage is behind when more than a
 * tenth of the threshold of stage messages wait for this instance's rank tasks ({@link StageProgress}: end offsets
 * of their by-stage partitions minus what they took; the same gauge on the by-stage topic when that is larger or the
 * end offsets cannot be read). Sampled in the background so the stream threads only read volatile flags. Each
 * instance sees only the partitions assigned to it.
 *
 * <p>Kafka Streams' {@code metrics()} copies every metric of the client (thousands: per task, processor node and
 * store) into a new map; doing that every sample cost the instance about a seventh of its stream threads' CPU (JFR,
 * 100,000 enterprises). The lag gauges are therefore picked out of that map only every {@value #REFRESH_MS} ms (the
 * partitions a rebalance assigns show up by then) and read directly in between; a gauge of a partition revoked
 * meanwhile keeps its last value until the next refresh.
 */
final class InputLag implements Backlog, AutoCloseable {
    static final long SAMPLE_MS = 100;
    /** How often the lag gauges are picked out of all the client's metrics again. */
    static final long REFRESH_MS = 2_000;
    /** The lag's history the catch-up's rate is taken over, one point per {@value #RATE_STEP_MS} ms. */
    static final long RATE_WINDOW_MS = 30_000;
    static final long RATE_STEP_MS = 1_000;
    /** No estimate from less history than this. */
    static final long RATE_MIN_SPAN_MS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(InputLag.class);
    private final Set<String> inputTopics;
    private final String stageTopic;
    private final long threshold;
    private final StageProgress stages = new StageProgress();
    /** Reads the by-stage end offsets; null: the consumers' gauges alone. */
    private final StageProgress.EndOffsets stageEnds;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scoring-stream-input-lag");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean catchingUp;
    private volatile boolean rankingBehind;
    private volatile long millisToCaughtUp = Long.MAX_VALUE;
    /** (sample time, lag) once per {@value #RATE_STEP_MS} ms of the running catch-up; touched by the sampler only. */
    private final ArrayDeque<long[]> history = new ArrayDeque<>();
    /** Touched by the sampler thread only. */
    private List<Metric> inputGauges = List.of();
    private List<Metric> stageGauges = List.of();
    private long refreshedAtMs = Long.MIN_VALUE / 2; // never: the first sample selects

    /**
     * @param stageTopic the by-stage topic the rank stage reads
     * @param threshold  records of lag above which the instance is catching up; 0 never
     * @param stageEnds  reads the by-stage topic's end offsets; null to go by the consumers' gauges alone
     */
    InputLag(Set<String> inputTopics, String stageTopic, long threshold, StageProgress.EndOffsets stageEnds) {
        this.inputTopics = Set.copyOf(inputTopics);
        this.stageTopic = stageTopic;
        this.threshold = threshold;
        this.stageEnds = stageEnds;
    }

    @Override
    public boolean catchingUp() {
        return catchingUp;
    }

    @Override
    public long millisToCaughtUp() {
        return millisToCaughtUp;
    }

    @Override
    public boolean rankingBehind() {
        return rankingBehind;
    }

    @Override
    public void stageAssigned(int partition) {
        stages.assigned(partition);
    }

    @Override
    public void stageTaken(int partition, long offset) {
        stages.taken(partition, offset);
    }

    @Override
    public void stageReleased(int partition) {
        stages.released(partition);
    }

    /** Starts sampling the metrics of the running client. */
    void start(Supplier<Map<MetricName, ? extends Metric>> metrics) {
        if (threshold <= 0) {
            return;
        }
        sampler.scheduleWithFixedDelay(() -> {
            try {
                sample(metrics, System.currentTimeMillis());
            } catch (RuntimeException e) {
                LOG.warn("could not read the consumer lag: {}", e.toString());
            }
        }, SAMPLE_MS, SAMPLE_MS, TimeUnit.MILLISECONDS);
    }

    /** One sample: re-selects the gauges when due, then updates both flags from them. */
    void sample(Supplier<Map<MetricName, ? extends Metric>> metrics, long nowMs) {
        // until the consumers fetched (no gauge yet) every sample looks again: a start on a backlog is seen at once
        if (nowMs - refreshedAtMs >= REFRESH_MS || inputGauges.isEmpty()) {
            Map<MetricName, ? extends Metric> all = metrics.get();
            inputGauges = gauges(all, inputTopics);
            stageGauges = gauges(all, Set.of(stageTopic));
            refreshedAtMs = nowMs;
        }
        long lag = sum(inputGauges);
        rankingBehind = stageBacklog() > threshold / 10;
        // hysteresis: a catch-up ends only near lag 0, so its tail is not evaluated commit by commit
        boolean now = catchingUp ? lag > threshold / 10 : lag > threshold;
        if (now != catchingUp) {
            LOG.info(now ? "catching up: input lag {} records, evaluations deferred"
                    : "caught up: input lag {} records, evaluating at every commit", lag);
        }
        catchingUp = now;
        millisToCaughtUp = now ? estimate(nowMs, lag) : Long.MAX_VALUE;
        if (!now) {
            history.clear(); // the next catch-up has a rate of its own
        }
    }

    /**
     * Milliseconds until the lag is back under a tenth of the threshold at the rate it fell over the window (what
     * the consumers took minus what arrived meanwhile); {@link Long#MAX_VALUE} when it did not fall or the history
     * is too short.
     */
    private long estimate(long nowMs, long lag) {
        if (history.isEmpty() || nowMs - history.peekLast()[0] >= RATE_STEP_MS) {
            history.addLast(new long[] {nowMs, lag});
        }
        while (nowMs - history.peekFirst()[0] > RATE_WINDOW_MS) {
            history.removeFirst();
        }
        long[] oldest = history.peekFirst();
        long span = nowMs - oldest[0];
        long fallen = oldest[1] - lag;
        if (span < RATE_MIN_SPAN_MS || fallen <= 0) {
            return Long.MAX_VALUE;
        }
        double left = Math.max(0, lag - threshold / 10);
        return (long) Math.ceil(left * span / fallen);
    }

    /** Stage messages waiting for this instance's rank tasks: the larger of the measured and the gauges' figure. */
    private long stageBacklog() {
        long gauges = sum(stageGauges);
        if (stageEnds == null) {
            return gauges;
        }
        try {
            return Math.max(gauges, stages.behind(stageEnds));
        } catch (RuntimeException e) {
            LOG.debug("could not read the by-stage end offsets: {}", e.toString());
            return gauges;
        }
    }

    /** The main consumers' records-lag gauges of the partitions of these topics (restore consumers excluded). */
    private static List<Metric> gauges(Map<MetricName, ? extends Metric> metrics, Set<String> topics) {
        List<Metric> out = new ArrayList<>();
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            MetricName name = e.getKey();
            if (!name.name().equals("records-lag") || !name.group().equals("consumer-fetch-manager-metrics")
                    || !topics.contains(name.tags().get("topic"))
                    || name.tags().getOrDefault("client-id", "").endsWith("-restore-consumer")) {
                continue;
            }
            out.add(e.getValue());
        }
        return out;
    }

    private static long sum(List<Metric> gauges) {
        long sum = 0;
        for (Metric m : gauges) {
            Object v = m.metricValue();
            if (v instanceof Number n && !Double.isNaN(n.doubleValue())) {
                sum += (long) n.doubleValue();
            }
        }
        return sum;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
