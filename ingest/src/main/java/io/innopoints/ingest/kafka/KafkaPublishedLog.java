package io.innopoints.ingest.kafka;

import io.innopoints.ingest.bulk.PublishedLog;
import io.innopoints.ingest.config.IngestConfig;
import io.innopoints.ingest.domain.EventPublisher;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.topic.TopicCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@link PublishedLog} with a group-less Kafka consumer: reads end offsets, and scans a topic range for the
 * bulk-load headers (values are never deserialized, so the scan needs no schema registry). Reads committed data
 * only, so records of aborted transactions by other producers are not mistaken for ours.
 */
public final class KafkaPublishedLog implements PublishedLog, AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(500);
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicCatalog topics;

    public KafkaPublishedLog(IngestConfig config) {
        Map<String, Object> props = new HashMap<>(config.kafka());
        // the pass-through is written for the producer; keep what a consumer understands (security, timeouts)
        props.keySet().removeIf(k -> !ConsumerConfig.configNames().contains(k));
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ingest-load-resume");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topics = config.topics();
    }

    @Override
    public Map<Integer, Long> endOffsets(Topic topic) {
        Map<Integer, Long> out = new HashMap<>();
        consumer.endOffsets(partitions(topic), Duration.ofSeconds(30)).forEach((tp, offset) -> out.put(tp.partition(), offset));
        return out;
    }

    @Override
    public Set<Long> linesWrittenBy(String loadId, Topic topic, Map<Integer, Long> from) {
        List<TopicPartition> partitions = partitions(topic);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        consumer.assign(partitions);
        Map<TopicPartition, Long> remaining = new HashMap<>();
        for (TopicPartition tp : partitions) {
            long start = from.getOrDefault(tp.partition(), 0L);
            if (start < end.get(tp)) {
                consumer.seek(tp, start);
                remaining.put(tp, end.get(tp));
            }
        }
        consumer.pause(partitions.stream().filter(tp -> !remaining.containsKey(tp)).toList());
        byte[] id = loadId.getBytes(StandardCharsets.UTF_8);
        Set<Long> lines = new HashSet<>();
        while (!remaining.isEmpty()) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                Header load = record.headers().lastHeader(EventPublisher.LOAD_ID_HEADER);
                Header line = record.headers().lastHeader(EventPublisher.LINE_HEADER);
                if (load != null && line != null && java.util.Arrays.equals(load.value(), id)) {
                    lines.add(Long.parseLong(new String(line.value(), StandardCharsets.UTF_8)));
                }
            }
            remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            consumer.pause(partitions.stream().filter(tp -> !remaining.containsKey(tp)).toList());
        }
        consumer.unsubscribe();
        return lines;
    }

    private List<TopicPartition> partitions(Topic topic) {
        String name = topics.name(topic);
        List<PartitionInfo> infos = consumer.partitionsFor(name, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            return List.of();
        }
        return infos.stream().map(p -> new TopicPartition(name, p.partition())).toList();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
