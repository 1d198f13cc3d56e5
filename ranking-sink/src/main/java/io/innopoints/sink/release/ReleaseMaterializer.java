package io.innopoints.sink.release;

import io.innopoints.schemas.release.PeriodRelease;
import io.innopoints.scoring.release.PeriodReleases;
import io.innopoints.sink.store.ReleaseStore;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Materializes {@code period-releases} into {@link ReleaseStore} on its own thread: a group-less read_committed
 * consumer reads the (compacted, small) topic from the beginning at every start and keeps following it (waiting for
 * the topic when it does not exist yet). Storing is
 * insert-if-absent, so reading again is harmless and needs no stored offsets. A release whose digest does not match
 * its content is refused (logged, not stored); a database failure is retried from the same record.
 */
public final class ReleaseMaterializer implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseMaterializer.class);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final Deserializer<PeriodRelease> releases;
    private final ReleaseStore store;
    private final Clock clock;
    private final Duration retryBackoff;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean started = new AtomicBoolean();

    public ReleaseMaterializer(Consumer<byte[], byte[]> consumer, String topic, Deserializer<PeriodRelease> releases,
                               ReleaseStore store, Clock clock, Duration retryBackoff) {
        this.consumer = consumer;
        this.topic = topic;
        this.releases = releases;
        this.store = store;
        this.clock = clock;
        this.retryBackoff = retryBackoff;
    }

    @Override
    public void run() {
        if (!started.compareAndSet(false, true)) {
            return; // closed before it started (or started twice): the consumer is not ours to use
        }
        try {
            while (running.get()) {
                if (consumer.assignment().isEmpty() && !assign()) {
                    // the topic does not exist yet (created by the platform or deploy/create-topics.sh): look again
                    if (stopped.await(5, TimeUnit.SECONDS)) {
                        return;
                    }
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    apply(r);
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close();
        }
    }

    private boolean assign() {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        if (partitions.isEmpty()) {
            return false;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return true;
    }

    /** Stores one record's release (tombstones and bad records are skipped with a log line). */
    void apply(ConsumerRecord<byte[], byte[]> r) throws InterruptedException {
        if (r.value() == null) {
            return;
        }
        PeriodRelease release;
        try {
            release = releases.deserialize(r.topic(), r.value());
        } catch (RuntimeException e) {
            LOG.error("{}-{}@{} is not a release and is skipped: {}", r.topic(), r.partition(), r.offset(), e.toString());
            return;
        }
        if (!PeriodReleases.verify(release)) {
            LOG.error("release {}:{} at {}-{}@{} does not match its digest and is not stored", release.getPeriodId(),
                    release.getVersion(), r.topic(), r.partition(), r.offset());
            return;
        }
        while (running.get()) {
            try {
                if (store.store(release, clock.instant())) {
                    LOG.info("release {}:{} materialized", release.getPeriodId(), release.getVersion());
                }
                return;
            } catch (SQLException e) {
                LOG.warn("storing release {}:{} failed, retrying: {}", release.getPeriodId(), release.getVersion(),
                        e.toString());
                if (stopped.await(retryBackoff.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        running.set(false);
        stopped.countDown();
        if (started.compareAndSet(false, true)) {
            consumer.close(); // never ran: nobody else will close it
        } else {
            consumer.wakeup();
        }
    }
}
