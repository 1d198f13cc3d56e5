package io.innopoints.sink.consume;

import io.innopoints.sink.store.AppliedBatch;
import io.innopoints.sink.store.Materializer;
import io.innopoints.sink.store.OffsetStore;
import io.innopoints.sink.store.PartitionKey;
import io.innopoints.sink.store.SinkRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's consume loop: subscribes to the score topics and the dead letters of ingest and scoring-stream ({@link SinkTopics}); on every
 * assignment seeks each partition to the next offset stored in the database (the beginning when none); decodes
 * each polled batch ({@link RecordDecoder}) and
 * writes it with {@link Materializer} in one transaction together with the new offsets; then tells the
 * {@link BatchListener}s and finally commits the same offsets to Kafka — only so that lag tools can see the group;
 * the database copy is the one the sink resumes from. A database or registry failure retries the same batch with
 * exponential backoff and, once the attempts are exhausted, stops the loop as FAILED: data is never skipped.
 */
public final class SinkConsumer implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SinkConsumer.class);
    private static final int MAX_BACKOFF_SECONDS = 30;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(MAX_BACKOFF_SECONDS);

    /** Life-cycle of the loop, for health checks. */
    public enum State { CREATED, RUNNING, STOPPED, FAILED }

    /** Runs between the database commit and anything else; a throw ends the loop (crash injection in tests). */
    @FunctionalInterface
    public interface CommitHook {
        void afterDatabaseCommit(AppliedBatch batch);
    }

    private final Consumer<byte[], byte[]> consumer;
    private final List<String> topics;
    private final RecordDecoder decoder;
    private final Materializer materializer;
    private final OffsetStore offsetStore;
    private final String groupId;
    private final Duration pollTimeout;
    private final int maxAttempts;
    private final Duration firstBackoff;
    private final List<BatchListener> listeners;
    private final CommitHook hook;
    private final Counter batches;
    private final Map<String, Counter> outcomes = new HashMap<>();
    private final Counter retries;
    private final Timer batchTimer;
    private final CountDownLatch finished = new CountDownLatch(1);
    /** Next offsets stored in the database for the partitions assigned to this consumer. */
    private final Map<PartitionKey, Long> stored = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean closing;
    private volatile State state = State.CREATED;
    private volatile Throwable failure;

    public SinkConsumer(Consumer<byte[], byte[]> consumer, List<String> topics, RecordDecoder decoder,
                        Materializer materializer, OffsetStore offsetStore, String groupId, Duration pollTimeout,
                        int maxAttempts, Duration firstBackoff, List<BatchListener> listeners, CommitHook hook,
                        MeterRegistry registry) {
        this.consumer = consumer;
        this.topics = List.copyOf(topics);
        this.decoder = decoder;
        this.materializer = materializer;
        this.offsetStore = offsetStore;
        this.groupId = groupId;
        this.pollTimeout = pollTimeout;
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
        this.listeners = List.copyOf(listeners);
        this.hook = hook;
        this.batches = Counter.builder("innopoints.sink.batches").description("Batches committed to the database")
                .register(registry);
        for (String outcome : List.of("applied", "stale", "duplicate", "rejected", "skipped")) {
            outcomes.put(outcome, Counter.builder("innopoints.sink.records").tag("outcome", outcome)
                    .description("Consumed records by what the materializer did with them").register(registry));
        }
        this.retries = Counter.builder("innopoints.sink.retries")
                .description("Batch attempts that failed on the database or registry and were retried").register(registry);
        this.batchTimer = Timer.builder("innopoints.sink.batch.duration")
                .description("Decode + database transaction time of one batch").register(registry);
    }

    @Override
    public void run() {
        state = State.RUNNING;
        try {
            consumer.subscribe(topics, new SeekToStoredOffsets());
            while (!closing) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout);
                List<ConsumerRecord<byte[], byte[]>> raw = new ArrayList<>(records.count());
                records.forEach(raw::add);
                Map<PartitionKey, Long> positions = advancedPositions(records);
                if (raw.isEmpty() && positions.isEmpty()) {
                    continue;
                }
                AppliedBatch applied = applyWithRetry(raw, positions);
                applied.nextOffsets().forEach(stored::put);
                hook.afterDatabaseCommit(applied);
                count(applied);
                for (BatchListener l : listeners) {
                    try {
                        l.afterCommit(applied);
                    } catch (RuntimeException e) {
                        LOG.warn("batch listener {} failed; the batch is committed regardless", l, e);
                    }
                }
                commitToKafka(applied);
            }
            state = State.STOPPED;
        } catch (WakeupException e) {
            state = closing ? State.STOPPED : State.FAILED;
        } catch (RuntimeException | Error e) {
            failure = e;
            state = State.FAILED;
            LOG.error("ranking-sink consumer stopped: {}", e.toString(), e);
        } finally {
            try {
                consumer.close();
            } catch (RuntimeException e) {
                LOG.debug("consumer close failed", e);
            }
            finished.countDown();
        }
    }

    /**
     * Positions to store with this batch: for every assigned partition, the consumer's position when it is beyond
     * what is stored — after the batch's records, or past transaction markers that a read_committed poll stepped over
     * without returning anything (a marker-only step is stored by an empty batch, so lag tools see 0).
     */
    private Map<PartitionKey, Long> advancedPositions(ConsumerRecords<byte[], byte[]> records) {
        Map<PartitionKey, Long> out = new HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            PartitionKey pk = new PartitionKey(tp.topic(), tp.partition());
            Long known = stored.get(pk);
            if (known == null && records.records(tp).isEmpty()) {
                continue; // nothing read from it yet: its position may not even be resolved
            }
            long position = consumer.position(tp, Duration.ofSeconds(5));
            if (known == null || position > known) {
                out.put(pk, position);
            }
        }
        return out;
    }

    private AppliedBatch applyWithRetry(List<ConsumerRecord<byte[], byte[]>> raw, Map<PartitionKey, Long> positions) {
        return retrying("a batch of " + raw.size() + " records", () -> {
            long start = System.nanoTime();
            List<SinkRecord> batch = new ArrayList<>(raw.size());
            for (ConsumerRecord<byte[], byte[]> r : raw) {
                batch.add(decoder.decode(r));
            }
            AppliedBatch applied = materializer.apply(groupId, batch, positions);
            batchTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            if (applied.rejected() > 0) {
                batch.stream().filter(r -> r.rejection() != null).forEach(r -> LOG.warn(
                        "rejected {}-{}@{} ({}): {} — stored in sink_rejected", r.topic(), r.partition(), r.offset(),
                        r.rejection().errorClass(), r.rejection().reason()));
            }
            return applied;
        });
    }

    /** One try at something the loop cannot go on without; failures that may pass (database, registry) are retried. */
    @FunctionalInterface
    private interface Attempt<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code attempt} until it succeeds, backing off exponentially (from the first backoff, at most
     * {@value #MAX_BACKOFF_SECONDS} s) on database and transient decode failures; after the last attempt, or when
     * closing, the loop stops (FAILED): data is never skipped.
     */
    private <T> T retrying(String what, Attempt<T> attempt) {
        Duration backoff = firstBackoff;
        for (int n = 1; ; n++) {
            try {
                return attempt.run();
            } catch (SQLException | RecordDecoder.TransientDecodeException e) {
                if (n >= maxAttempts || closing) {
                    throw new SinkFailedException("giving up on " + what + " after " + n + " attempts: "
                            + e.getMessage(), e);
                }
                retries.increment();
                LOG.warn("{}: attempt {}/{} failed ({}); retrying in {} ms", what, n, maxAttempts, e.getMessage(),
                        backoff.toMillis());
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void pause(Duration d) {
        try {
            finished.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkFailedException("interrupted while backing off", e);
        }
    }

    private void count(AppliedBatch a) {
        batches.increment();
        outcomes.get("applied").increment(a.applied());
        outcomes.get("stale").increment(a.stale());
        outcomes.get("duplicate").increment(a.duplicates());
        outcomes.get("rejected").increment(a.rejected());
        outcomes.get("skipped").increment(a.skipped());
    }

    private void commitToKafka(AppliedBatch applied) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        var assigned = consumer.assignment();
        applied.nextOffsets().forEach((pk, next) -> {
            TopicPartition tp = new TopicPartition(pk.topic(), pk.partition());
            if (assigned.contains(tp)) {
                offsets.put(tp, new OffsetAndMetadata(next));
            }
        });
        if (!offsets.isEmpty()) {
            consumer.commitAsync(offsets, (o, e) -> {
                if (e != null) {
                    LOG.debug("informational Kafka offset commit failed (the database holds the position): {}", e.toString());
                }
            });
        }
    }

    public State state() {
        return state;
    }

    /** Why the loop failed, when {@link #state()} is FAILED. */
    public Throwable failure() {
        return failure;
    }

    /** Asks the loop to stop after the current batch and waits for it. */
    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            finished.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the loop ended; true when it did within the timeout. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private final class SeekToStoredOffsets implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            Map<PartitionKey, Long> storedOffsets = storedOffsetsWithRetry();
            List<TopicPartition> fromStart = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                PartitionKey pk = new PartitionKey(tp.topic(), tp.partition());
                Long next = storedOffsets.get(pk);
                if (next == null) {
                    fromStart.add(tp);
                } else {
                    consumer.seek(tp, next);
                    stored.put(pk, next);
                }
            }
            if (!fromStart.isEmpty()) {
                consumer.seekToBeginning(fromStart);
            }
            LOG.info("assigned {}; resuming from database offsets {} (from the beginning: {})", partitions, storedOffsets,
                    fromStart);
        }

        /** Without the stored positions the loop must not read anything: retry like a batch, then stop. */
        private Map<PartitionKey, Long> storedOffsetsWithRetry() {
            return retrying("reading the stored offsets of group " + groupId, () -> offsetStore.nextOffsets(groupId));
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // nothing to flush: every polled batch is committed to the database before the next poll
            partitions.forEach(tp -> stored.remove(new PartitionKey(tp.topic(), tp.partition())));
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }
    }

    /** The loop cannot go on without skipping data; it stops. */
    public static final class SinkFailedException extends RuntimeException {
        public SinkFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
