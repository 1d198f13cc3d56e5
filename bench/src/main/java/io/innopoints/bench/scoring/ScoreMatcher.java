package io.innopoints.bench.scoring;

import io.innopoints.bench.harness.LatencyRecorder;
import io.innopoints.schemas.score.EnterpriseScore;
import io.innopoints.schemas.serde.AvroSerdes;
import io.innopoints.schemas.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The latency benchmark's scores reader: matches each committed {@code enterprise-scores} record (read_committed,
 * from the end as of {@link #start}) to the live events it publishes — those among its
 * {@code explanation.causeEventIds} that were {@link #sent} — and records each measured event's latency (the poll
 * that delivered the record − the wall time just before the send, both in this JVM), split at the by-stage topic
 * ({@link ByStageArrivals}) and by the kind of the publishing score, plus a per-second timeline of slow events.
 * One score may publish several events of an enterprise (one score per commit): each counts with its own latency,
 * all but the first as coalesced.
 */
final class ScoreMatcher implements AutoCloseable {
    /** Latency above which an event counts as slow in the per-second timeline. */
    static final long SLOW_MILLIS = 250;
    private static final Duration HIGHEST = Duration.ofMinutes(10);

    /** An event in flight: when it was sent and whether it is measured (not warm-up). */
    private record Sent(long sentMillis, boolean measured) {
    }

    /** What was matched; latencies in milliseconds. */
    record Result(LatencyRecorder.Summary all, LatencyRecorder.Summary profileHop, LatencyRecorder.Summary rankHop,
                  Map<String, LatencyRecorder.Summary> byKind, long notSplit, long coalesced,
                  List<String> coalescedExamples, Map<String, Long> scoresByKind, String slowSeconds) {
    }

    private final Map<String, Sent> inFlight = new ConcurrentHashMap<>();
    private final LatencyRecorder latencies = new LatencyRecorder(HIGHEST);
    private final LatencyRecorder profileHop = new LatencyRecorder(HIGHEST);
    private final LatencyRecorder rankHop = new LatencyRecorder(HIGHEST);
    private final Map<String, LatencyRecorder> byKind = new TreeMap<>();
    /** Per second of sending (wall clock): events, the slowest latency, how many over {@link #SLOW_MILLIS}. */
    private final SortedMap<Long, long[]> bySecond = new TreeMap<>();
    private final AtomicLong notSplit = new AtomicLong();
    private final AtomicLong coalesced = new AtomicLong();
    private final Queue<String> coalescedExamples = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicLong> scoresByKind = new ConcurrentSkipListMap<>();
    /** Set while the measured stretch is sent: scores received are counted by kind (shared with the caller). */
    private final AtomicBoolean counting;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final ByStageArrivals byStage;
    private final String livePrefix;
    private final Thread reader;

    private ScoreMatcher(KafkaConsumer<byte[], EnterpriseScore> consumer, ByStageArrivals byStage,
                         String livePrefix, AtomicBoolean counting) {
        this.counting = counting;
        this.byStage = byStage;
        this.livePrefix = livePrefix;
        this.reader = new Thread(() -> {
            try (consumer) {
                while (!stop.get()) {
                    var records = consumer.poll(Duration.ofMillis(50));
                    long received = System.currentTimeMillis();
                    for (ConsumerRecord<byte[], EnterpriseScore> r : records) {
                        match(r.value(), received);
                    }
                }
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "latency-reader");
    }

    /**
     * Starts reading the scores from their end (resolved before this returns: no later score is missed); scores
     * are counted by kind while {@code counting} is set.
     */
    static ScoreMatcher start(ScoringRun run, ByStageArrivals byStage, String livePrefix, AtomicBoolean counting)
            throws Exception {
        KafkaConsumer<byte[], EnterpriseScore> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, run.stack().bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), AvroSerdes.value(EnterpriseScore.class, run.stack().registryClient())
                .deserializer());
        List<TopicPartition> partitions = run.partitions(List.of(Topic.ENTERPRISE_SCORES));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        ScoreMatcher matcher = new ScoreMatcher(consumer, byStage, livePrefix, counting);
        matcher.reader.start();
        return matcher;
    }

    /** An event about to be sent at {@code sentMillis}; {@code measured} = counted (not warm-up). */
    void sent(String eventId, long sentMillis, boolean measured) {
        inFlight.put(eventId, new Sent(sentMillis, measured));
    }

    /** Events sent so far whose score has not arrived. */
    int awaiting() {
        return inFlight.size();
    }

    /** Waits up to {@code max} for every measured event's score; returns how many still have none. */
    long awaitMeasured(Duration max) {
        long until = System.nanoTime() + max.toNanos();
        while (measuredInFlight() > 0 && System.nanoTime() < until && failure.get() == null) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        return measuredInFlight();
    }

    private long measuredInFlight() {
        return inFlight.values().stream().filter(Sent::measured).count();
    }

    private void match(EnterpriseScore score, long received) {
        String kind = score.getExplanation().getKind().name();
        if (counting.get()) {
            scoresByKind.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        }
        List<String> causes = score.getExplanation().getCauseEventIds();
        int ours = 0;
        for (String id : causes) {
            Sent s = inFlight.remove(id);
            if (s == null) {
                continue;
            }
            coalesced.addAndGet(ours++ == 0 ? 0 : 1);
            Long staged = byStage.take(id);
            if (s.measured()) {
                record(received - s.sentMillis(), s.sentMillis(), staged, received, kind);
            }
        }
        if (causes.stream().filter(id -> id.startsWith(livePrefix)).count() > 1 && coalescedExamples.size() < 10) {
            coalescedExamples.add(score.getCreditCode() + " revision " + score.getRevision() + " kind " + kind
                    + " stage " + score.getExplanation().getPreviousStage() + " -> " + score.getStage()
                    + " causes " + causes);
        }
    }

    private synchronized void record(long latency, long sentMillis, Long staged, long received, String kind) {
        latencies.record(latency);
        byKind.computeIfAbsent(kind, k -> new LatencyRecorder(HIGHEST)).record(latency);
        if (staged == null) {
            notSplit.incrementAndGet();
        } else {
            profileHop.record(Math.max(0, staged - sentMillis));
            rankHop.record(Math.max(0, received - staged));
        }
        long[] second = bySecond.computeIfAbsent(sentMillis / 1000, k -> new long[3]);
        second[0]++;
        second[1] = Math.max(second[1], latency);
        second[2] += latency > SLOW_MILLIS ? 1 : 0;
    }

    /** What was matched so far. */
    synchronized Result result() {
        Map<String, LatencyRecorder.Summary> kinds = new TreeMap<>();
        byKind.forEach((kind, recorder) -> kinds.put(kind, recorder.summary()));
        Map<String, Long> scores = new TreeMap<>();
        scoresByKind.forEach((kind, n) -> scores.put(kind, n.get()));
        return new Result(latencies.summary(), profileHop.summary(), rankHop.summary(), kinds, notSplit.get(),
                coalesced.get(), List.copyOf(coalescedExamples), scores, slowSeconds(bySecond));
    }

    /** Stops reading; throws if the reader failed. */
    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        reader.join(10_000);
        if (failure.get() != null) {
            throw new IllegalStateException("the scores consumer failed", failure.get());
        }
    }

    /** How many seconds had a slow event, and the ten with the slowest one (offset, slow events, max). */
    static String slowSeconds(SortedMap<Long, long[]> bySecond) {
        if (bySecond.isEmpty()) {
            return "none measured";
        }
        long first = bySecond.firstKey();
        long slow = bySecond.values().stream().filter(v -> v[2] > 0).count();
        String worst = bySecond.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .limit(10).sorted(Map.Entry.comparingByKey())
                .map(e -> "+" + (e.getKey() - first) + " s: " + e.getValue()[2] + " / " + e.getValue()[1])
                .collect(Collectors.joining(", "));
        return String.format("%d of %d (the first began %s); %s", slow, bySecond.size(),
                Instant.ofEpochSecond(first), worst);
    }
}
