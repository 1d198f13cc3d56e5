package io.innopoints.localstack.junit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.awaitility.Awaitility;

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
     * @throws org.awaitility.core.ConditionTimeoutException when {@code done} is not met within {@code timeout}
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
        return read;
    }

    /** Reads until at least {@code count} records have arrived. */
    public static <K, V> List<ConsumerRecord<K, V>> consumeAtLeast(String bootstrapServers, String topic,
            Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer, int count) {
        return consumeUntil(bootstrapServers, topic, keyDeserializer, valueDeserializer,
                records -> records.size() >= count, DEFAULT_TIMEOUT);
    }
}
