package io.innopoints.sink.release;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads topics from their beginning up to the end offsets they have when the read starts, with a group-less
 * read_committed consumer (so the end is the last stable offset: nothing of an open transaction, and aborted records
 * are never returned). What arrives later is not read: the snapshot is the log at one moment.
 */
public final class LogSnapshot {
    private LogSnapshot() {
    }

    /** One record read: its topic and raw bytes. */
    public interface Visitor {
        void accept(ConsumerRecord<byte[], byte[]> record);
    }

    /**
     * Visits every committed record of {@code topics} below the end offsets found at the start.
     *
     * @throws IllegalStateException naming the topic when it does not exist, or when the end is not reached within
     *                               {@code timeout}
     */
    public static void read(Consumer<byte[], byte[]> consumer, Collection<String> topics, Duration timeout,
                            Visitor visitor) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            var infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist");
            }
            infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
        Instant deadline = Instant.now().plus(timeout);
        while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the end offsets " + ends + " were not reached within " + timeout);
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                    visitor.accept(record);
                }
            }
        }
    }
}
