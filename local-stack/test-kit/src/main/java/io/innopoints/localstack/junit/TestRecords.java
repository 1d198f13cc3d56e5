package io.innopoints.localstack.junit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Produce and consume helpers for integration tests, independent of the record format: the caller passes the
 * (de)serializers. Producing waits for every acknowledgement (acks=all, idempotent); consuming reads a topic from
 * the beginning without a consumer group (all partitions assigned), {@code read_committed}, until a condition on
 * everything read so far holds — polled with Awaitility, never a fixed sleep.
 */
public final class TestRecords {
    /** Generous default for one consume-until; tests add their own {@code @Timeout} on top. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private TestRecords() {
    }

    /** Writes {@code records} in order and returns their metadata once every one is acknowledged. */
    public static <K, V> List<RecordMetadata> produce(String bootstrapServers, Serializer<K> keySerializer,
            Serializer<V> valueSerializer, List<ProducerRecord<K, V>> records) {
        try (KafkaProducer<K, V> producer = new KafkaProducer<>(producerConfig(bootstrapServers, Map.of()),
                keySerializer, valueSerializer)) {
            List<Future<RecordMetadata>> sent = records.stream().map(producer::send).collect(Collectors.toList());
            producer.flush();
            List<RecordMetadata> out = new ArrayList<>();
            for (Future<RecordMetadata> f : sent) {
                out.add(f.get());
            }
            return out;
        } catch (ExecutionException e) {
            throw new IllegalStateException("produce failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing", e);
        }
    }

    /** Producer settings of {@link #produce}: acks=all, idempotence; {@code extra} overrides. */
    public static Map<String, Object> producerConfig(String bootstrapServers, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putAll(extra);
        return config;
    }

    /** Consumer settings of {@link #consumeUntil}: from the earliest offset, read_committed; {@code extra} overrides. */
    public static Map<String, Object> consumerConfig(String bootstrapServers, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        config.putAll(extra);
        return config;
    }

    /**
     * Reads {@code topic} from its beginning until {@code done} accepts everything read so far.
     *
     * @return all records read, in per-partition order
     * @throws AssertionError when {@code done} is not met within {@code timeout}, listing the last records read
     */
    public static <K, V> List<ConsumerRecord<K, V>> consumeUntil(String bootstrapServers, String topic,
            Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer,
            Predicate<List<ConsumerRecord<K, V>>> done, Duration timeout) {
        return consumeUntil(consumerConfig(bootstrapServers, Map.of()), topic, keyDeserializer, valueDeserializer,
                done, timeout);
    }

    /** As {@link #consumeUntil(String, String, Deserializer, Deserializer, Predicate, Duration)} with own config. */
    public static <K, V> List<ConsumerRecord<K, V>> consumeUntil(Map<String, Object> consumerConfig, String topic,
            Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer,
            Predicate<List<ConsumerRecord<K, V>>> done, Duration timeout) {
        List<ConsumerRecord<K, V>> read = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(consumerConfig, keyDeserializer, valueDeserializer)) {
            awaitRecords(topic, timeout, read, consumer, done);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("condition on the records of " + topic + " not met within " + timeout
                    + "; read " + read.size() + " record(s)" + describeLast(read), e);
        }
        return read;
    }

    private static <K, V> void awaitRecords(String topic, Duration timeout, List<ConsumerRecord<K, V>> read,
            KafkaConsumer<K, V> consumer, Predicate<List<ConsumerRecord<K, V>>> done) {
        Awaitility.await("records of " + topic)
                .atMost(timeout)
                .pollInSameThread()
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(1))
                .until(() -> {
                    if (consumer.assignment().isEmpty()) {
                        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                                .map(p -> new TopicPartition(topic, p.partition()))
                                .collect(Collectors.toList());
                        consumer.assign(partitions);
                        consumer.seekToBeginning(partitions);
                    }
                    consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                    return done.test(read);
                });
    }

    private static <K, V> String describeLast(List<ConsumerRecord<K, V>> read) {
        if (read.isEmpty()) {
            return "";
        }
        List<ConsumerRecord<K, V>> last = read.subList(Math.max(0, read.size() - 5), read.size());
        StringBuilder out = new StringBuilder("; last:");
        for (ConsumerRecord<K, V> r : last) {
            String value = String.valueOf(r.value());
            out.append("\n  ").append(r.partition()).append('@').append(r.offset()).append(' ').append(r.key())
                    .append(" = ").append(value.length() > 300 ? value.substring(0, 300) + "…" : value);
        }
        return out.toString();
    }

    /** Reads until at least {@code count} records have arrived. */
    public static <K, V> List<ConsumerRecord<K, V>> consumeAtLeast(String bootstrapServers, String topic,
            Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer, int count) {
        return consumeUntil(bootstrapServers, topic, keyDeserializer, valueDeserializer,
                records -> records.size() >= count, DEFAULT_TIMEOUT);
    }

    /**
     * Waits until consumer group {@code groupId} has committed, on every partition of {@code topics}, an offset at
     * or past the last stable offset (transaction markers and aborted records are not lag): everything written so
     * far has been processed. A Kafka Streams application's group id is its {@code application.id}.
     *
     * @throws org.awaitility.core.ConditionTimeoutException naming the group when that does not happen in time
     */
    public static void awaitNoLag(Admin admin, String groupId, Collection<String> topics, Duration timeout) {
        Awaitility.await("consumer group " + groupId + " caught up on " + topics)
                .atMost(timeout)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> lag(admin, groupId, topics) == 0);
    }

    /** Records of {@code topics} not yet committed by {@code groupId} (up to the last stable offset). */
    public static long lag(Admin admin, String groupId, Collection<String> topics)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((name, description) ->
                description.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()),
                        OffsetSpec.latest())));
        var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
        long lag = 0;
        for (var end : ends.entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            lag += Math.max(0, end.getValue().offset() - (done == null ? 0 : done.offset()));
        }
        return lag;
    }
}
