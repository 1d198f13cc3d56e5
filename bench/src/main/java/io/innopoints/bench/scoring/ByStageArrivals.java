package io.innopoints.bench.scoring;

import io.innopoints.stream.domain.InternalCodec;
import io.innopoints.stream.domain.StageMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * When each live event first became visible on the app's by-stage topic (read_committed): the end of the first hop
 * (input → profile task → its commit), so a latency can be split into the profile task's hop and the rank task's.
 * A reader thread in the benchmark's JVM, on the same clock as the sender and the scores' reader; it decodes the
 * SCOREs and records the first arrival of each cause with {@code prefix} ({@link #take} hands it over once).
 */
final class ByStageArrivals implements AutoCloseable {
    private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread reader;

    private ByStageArrivals(KafkaConsumer<byte[], byte[]> consumer, String prefix) {
        this.reader = new Thread(() -> {
            try (consumer) {
                while (!stop.get()) {
                    var records = consumer.poll(Duration.ofMillis(50));
                    long received = System.currentTimeMillis();
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        if (r.value() != null && InternalCodec.decodeMessage(r.value()) instanceof StageMessage.Score s
                                && !s.shadow()) {
                            for (String id : s.causeEventIds()) {
                                if (id.startsWith(prefix)) {
                                    firstSeen.putIfAbsent(id, received);
                                }
                            }
                        }
                    }
                }
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "by-stage-reader");
    }

    /** Starts reading {@code topic} from its end (resolved before this returns, so no later message is missed). */
    static ByStageArrivals start(String bootstrapServers, String topic, String prefix) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        ByStageArrivals arrivals = new ByStageArrivals(consumer, prefix);
        arrivals.reader.start();
        return arrivals;
    }

    /** When {@code eventId} first reached the by-stage topic (wall-clock ms), or null if not (yet) seen; forgets it. */
    Long take(String eventId) {
        return firstSeen.remove(eventId);
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        reader.join(10_000);
        if (failure.get() != null) {
            throw new IllegalStateException("the by-stage reader failed", failure.get());
        }
    }
}
