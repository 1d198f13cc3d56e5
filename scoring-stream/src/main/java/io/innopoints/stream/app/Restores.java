package io.innopoints.stream.app;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the state restorations of one instance (Kafka Streams calls it for every store partition it restores from
 * its changelog, e.g. after a crash under exactly-once, which wipes the local state, or after a task moved here):
 * how many started, how many are still running, and the records restored. Kafka Streams reports RUNNING while
 * tasks still restore in the background, so "restored" is this, not the client state.
 */
public final class Restores implements StateRestoreListener {
    private static final Logger LOG = LoggerFactory.getLogger(Restores.class);
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong records = new AtomicLong();

    /** A snapshot: store partitions whose restoration started, those still restoring, records restored. */
    public record Progress(int started, int active, long records) {
    }

    public Progress progress() {
        return new Progress(started.get(), active.get(), records.get());
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String storeName, long startingOffset, long endingOffset) {
        started.incrementAndGet();
        active.incrementAndGet();
        LOG.info("restoring {} from {} offsets {}..{}", storeName, partition, startingOffset, endingOffset);
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset, long numRestored) {
        records.addAndGet(numRestored);
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
        active.decrementAndGet();
        LOG.info("restored {} from {}: {} records", storeName, partition, totalRestored);
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String storeName, long totalRestored) {
        active.decrementAndGet(); // the task moved away before it finished; a new start is counted if it comes back
    }
}
