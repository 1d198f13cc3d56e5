package io.innopoints.localstack.generator;

import io.innopoints.schemas.registry.SchemaRegistryClient;
import io.innopoints.schemas.serde.AvroSerdes;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.topic.TopicCatalog;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.avro.specific.SpecificRecord;

/**
 * Publishes a generated log's valid records (originals, amendments, duplicates, erroneous events and their
 * retractions) to the input topics of a {@link TopicCatalog}, in arrival order, key = credit code, both key and
 * value in the Confluent Avro wire format. Malformed records are not Avro records and are skipped (they exist to
 * test loaders and the REST API, which see text).
 */
public final class KafkaPublisher {
    /** What was sent. */
    public record Result(long published, long skippedMalformed, Map<EventType, Long> perType) {
    }

    private KafkaPublisher() {
    }

    /** Creates the input topics that do not exist yet (partitions, replication factor as given; no time retention). */
    public static void createTopics(String bootstrapServers, TopicCatalog topics, int partitions, short replication) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            List<Topic> inputs = Arrays.stream(EventType.values()).map(EventType::topic).toList();
            TopicCatalog.createMissing(admin, topics.newTopics(inputs, partitions, Optional.of(replication)),
                    Duration.ofSeconds(60));
        }
    }

    /** A producer for our own serialisation: acks=all, idempotent, batching for bulk loads. */
    public static Producer<byte[], byte[]> producer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "innopoints-generator");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Sends every valid event and flushes; fails with the first send error (an infrastructure error: the caller
     * re-runs, duplicates are harmless since every event carries its eventId).
     */
    @SuppressWarnings("unchecked")
    public static Result publish(Iterator<GeneratedEvent> events, Producer<byte[], byte[]> producer, SchemaRegistryClient registry,
                                 TopicCatalog topics) {
        Serializer<String> keys = AvroSerdes.stringKey(registry).serializer();
        Map<EventType, Serializer<SpecificRecord>> values = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            values.put(type, AvroSerdes.value((Class<SpecificRecord>) type.recordClass(), registry).serializer());
        }
        Map<EventType, Long> perType = new EnumMap<>(EventType.class);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long published = 0;
        long skipped = 0;
        while (events.hasNext() && failure.get() == null) {
            GeneratedEvent e = events.next();
            if (e.malformed()) {
                skipped++;
                continue;
            }
            String topic = topics.name(e.type());
            // no record timestamp: the broker's "now" — years-old timestamps would fall straight out of time retention;
            // consumers read the event's own eventTime
            producer.send(new ProducerRecord<>(topic, null, null, keys.serialize(topic, e.creditCode()),
                    values.get(e.type()).serialize(topic, e.record())), (metadata, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        }
                    });
            published++;
            perType.merge(e.type(), 1L, Long::sum);
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("publishing failed: " + failure.get().getMessage(), failure.get());
        }
        return new Result(published, skipped, perType);
    }
}
