package io.innopoints.bench.scoring;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * A thread that samples, every 100 ms until stopped, the high watermark and the last stable offset of every partition
 * of some topics into {@link #held()}, and how the first topic's summed high watermarks grow into {@link #firstTopicStill()}.
 */
final class StableOffsetSampler implements AutoCloseable {
    private final StableOffsetStalls held = new StableOffsetStalls();
    private final StableOffsetStalls firstTopicStill = new StableOffsetStalls();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;

    private StableOffsetSampler(String bootstrapServers, List<String> topics) {
        this.thread = new Thread(() -> run(bootstrapServers, topics), "stable-offset-sampler");
    }

    static StableOffsetSampler start(String bootstrapServers, List<String> topics) {
        StableOffsetSampler sampler = new StableOffsetSampler(bootstrapServers, topics);
        sampler.thread.start();
        return sampler;
    }

    /** Stretches in which a partition's stable offset stood still with records behind it. */
    StableOffsetStalls held() {
        return held;
    }

    /** Stretches in which the first topic's high watermarks, summed, did not grow. */
    StableOffsetStalls firstTopicStill() {
        return firstTopicStill;
    }

    private void run(String bootstrapServers, List<String> topics) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) -> description
                    .partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
            while (!stop.get()) {
                var high = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get();
                var stable = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
                long now = System.currentTimeMillis();
                high.forEach((tp, info) -> held.observe(tp.toString(), now, info.offset(), stable.get(tp).offset()));
                firstTopicStill.observeGrowth(topics.get(0), now, high.entrySet().stream()
                        .filter(e -> e.getKey().topic().equals(topics.get(0)))
                        .mapToLong(e -> e.getValue().offset()).sum());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        } catch (Exception e) {
            System.out.println("stable-offset sampler stopped: " + e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        thread.join(10_000);
    }
}
