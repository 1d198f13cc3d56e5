package io.innopoints.stream.app;

import io.innopoints.stream.topology.Backlog;
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
 * once it exceeds the threshold, and until it is back under a tenth of it. The same metric on the by-stage topic
 * tells whether the rank stage is behind (more than a tenth of the threshold). Sampled in the background so the
 * stream threads only read volatile flags. Each instance sees only the partitions assigned to it.
 */
final class InputLag implements Backlog, AutoCloseable {
    static final long SAMPLE_MS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(InputLag.class);
    private final Set<String> inputTopics;
    private final String stageTopic;
    private final long threshold;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scoring-stream-input-lag");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean catchingUp;
    private volatile boolean rankingBehind;

    /**
     * @param stageTopic the by-stage topic the rank stage reads
     * @param threshold  records of lag above which the instance is catching up; 0 never
     */
    InputLag(Set<String> inputTopics, String stageTopic, long threshold) {
        this.inputTopics = Set.copyOf(inputTopics);
        this.stageTopic = stageTopic;
        this.threshold = threshold;
    }

    @Override
    public boolean catchingUp() {
        return catchingUp;
    }

    @Override
    public boolean rankingBehind() {
        return rankingBehind;
    }

    /** Starts sampling the metrics of the running client. */
    void start(Supplier<Map<MetricName, ? extends Metric>> metrics) {
        if (threshold <= 0) {
            return;
        }
        sampler.scheduleWithFixedDelay(() -> {
            try {
                Map<MetricName, ? extends Metric> sampled = metrics.get();
                long lag = lag(sampled, inputTopics);
                rankingBehind = lag(sampled, Set.of(stageTopic)) > threshold / 10;
                // hysteresis: a catch-up ends only near lag 0, so its tail is not evaluated commit by commit
                boolean now = catchingUp ? lag > threshold / 10 : lag > threshold;
                if (now != catchingUp) {
                    LOG.info(now ? "catching up: input lag {} records, evaluations deferred"
                            : "caught up: input lag {} records, evaluating at every commit", lag);
                }
                catchingUp = now;
            } catch (RuntimeException e) {
                LOG.warn("could not read the consumer lag: {}", e.toString());
            }
        }, SAMPLE_MS, SAMPLE_MS, TimeUnit.MILLISECONDS);
    }

    /** Sum of the main consumers' records-lag over the partitions of these topics (unknown = 0). */
    static long lag(Map<MetricName, ? extends Metric> metrics, Set<String> topics) {
        long sum = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            MetricName name = e.getKey();
            String client = name.tags().getOrDefault("client-id", "");
            if (!name.name().equals("records-lag") || !name.group().equals("consumer-fetch-manager-metrics")
                    || !topics.contains(name.tags().get("topic")) || client.endsWith("-restore-consumer")) {
                continue;
            }
            Object v = e.getValue().metricValue();
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
