package io.innopoints.sink.testing;

import io.innopoints.localstack.kafka.EmbeddedKafka;
import io.innopoints.localstack.LocalStack;
import io.innopoints.schemas.registry.RestSchemaRegistryClient;
import io.innopoints.schemas.serde.AvroSerializer;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.topic.TopicCatalog;
import io.innopoints.sink.consume.SinkTopics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One {@link LocalStack} (embedded broker + schema registry) shared by every IT of this JVM — started on first use,
 * closed at JVM exit, so the sink's ITs pay the start-up once; each test isolates itself with its own topic prefix
 * (all catalog topics created with their cleanup policy) and group id.
 */
public final class Platform {
    private static LocalStack stack;

    private Platform() {
    }

    private static synchronized LocalStack stack() {
        if (stack == null) {
            stack = LocalStack.ephemeral();
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "platform-shutdown"));
        }
        return stack;
    }

    public static EmbeddedKafka kafka() {
        return stack().kafka();
    }

    public static String bootstrapServers() {
        return kafka().bootstrapServers();
    }

    public static String registryUrl() {
        return stack().schemaRegistryUrl();
    }

    public static String unique(String base) {
        return base + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A catalog whose topics carry a unique prefix, with the sink's topics created ({@code partitions} each). */
    public static TopicCatalog topics(int partitions) {
        TopicCatalog catalog = TopicCatalog.prefixed(unique("it") + ".");
        stack().createTopics(catalog, partitions);
        return catalog;
    }

    /** Sink properties for the catalog's topic names. */
    public static Map<String, String> topicProperties(TopicCatalog catalog) {
        Map<String, String> out = new HashMap<>();
        for (Topic t : Topic.values()) {
            out.put(t.configKey(), catalog.name(t));
        }
        return out;
    }

    /** Produces Confluent-wire Avro records (string key) and raw byte values, synchronously. */
    public static final class Producer implements AutoCloseable {
        private final KafkaProducer<byte[], byte[]> producer;
        private final AvroSerializer<String> keys;
        private final AvroSerializer<SpecificRecord> values;

        public Producer(Map<String, Object> extra) {
            Map<String, Object> props = new HashMap<>(extra);
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            this.producer = new KafkaProducer<>(props);
            RestSchemaRegistryClient client = new RestSchemaRegistryClient(registryUrl());
            this.keys = new AvroSerializer<>(client, true, true);
            this.values = new AvroSerializer<>(client, false, true);
        }

        public Producer() {
            this(Map.of());
        }

        public KafkaProducer<byte[], byte[]> raw() {
            return producer;
        }

        public void send(String topic, String key, SpecificRecord value) {
            sendRaw(topic, null, keys.serialize(topic, key), values.serialize(topic, value));
        }

        public void send(String topic, int partition, String key, SpecificRecord value) {
            sendRaw(topic, partition, keys.serialize(topic, key), values.serialize(topic, value));
        }

        public void sendRaw(String topic, Integer partition, byte[] key, byte[] value) {
            try {
                producer.send(new ProducerRecord<>(topic, partition, key, value)).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("send to " + topic + " failed: " + e.getCause(), e.getCause());
            }
        }

        /** Serialized value bytes, for transactional sends through {@link #raw()}. */
        public byte[] value(String topic, SpecificRecord value) {
            return values.serialize(topic, value);
        }

        public byte[] key(String topic, String key) {
            return keys.serialize(topic, key);
        }

        @Override
        public void close() {
            producer.close();
        }
    }

    public static List<String> sinkTopicNames(TopicCatalog catalog) {
        return SinkTopics.names(catalog);
    }
}
