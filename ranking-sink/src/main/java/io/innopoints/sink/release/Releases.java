package io.innopoints.sink.release;

import io.innopoints.schemas.registry.SchemaRegistryClient;
import io.innopoints.schemas.release.PeriodRelease;
import io.innopoints.schemas.serde.AvroSerdes;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.topic.TopicCatalog;
import io.innopoints.sink.consume.KafkaSettings;
import io.innopoints.sink.store.ReleaseStore;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The running sink's release parts, wired from its Kafka settings: the {@link PeriodCloser} behind the close route
 * (its own idempotent producer; group-less readers per close) and the {@link ReleaseMaterializer} thread.
 */
public final class Releases implements AutoCloseable {
    /** How long a close may take to read the topics to their end, and to publish. */
    static final Duration CLOSE_TIMEOUT = Duration.ofMinutes(5);

    private final KafkaProducer<byte[], byte[]> producer;
    private final PeriodCloser closer;
    private final ReleaseMaterializer materializer;
    private final Thread thread;

    public Releases(Map<String, Object> clientProperties, String clientId, TopicCatalog topics,
                    SchemaRegistryClient registry, DataSource dataSource) {
        Map<String, Object> producerProps = KafkaSettings.producer(clientProperties, clientId + "-releases");
        // a zone's release is a few hundred kB of Avro; compressed it stays far below the broker's message limit
        producerProps.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        this.producer = new KafkaProducer<>(producerProps);
        Map<EventType, Deserializer<? extends SpecificRecord>> events = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            events.put(type, deserializer(type.recordClass(), registry));
        }
        Deserializer<PeriodRelease> releases = deserializer(PeriodRelease.class, registry);
        Serializer<String> keys = AvroSerdes.stringKey(registry).serializer();
        Serializer<PeriodRelease> values = AvroSerdes.value(PeriodRelease.class, registry, true).serializer();
        this.closer = new PeriodCloser(() -> new KafkaConsumer<>(KafkaSettings.reader(clientProperties)), producer,
                topics, events, releases, keys, values, CLOSE_TIMEOUT);
        this.materializer = new ReleaseMaterializer(new KafkaConsumer<>(KafkaSettings.reader(clientProperties)),
                topics.name(Topic.PERIOD_RELEASES), releases, new ReleaseStore(dataSource), Clock.systemUTC(),
                Duration.ofSeconds(1));
        this.thread = new Thread(materializer, "ranking-sink-releases");
    }

    private static <T extends SpecificRecord> Deserializer<T> deserializer(Class<T> type, SchemaRegistryClient registry) {
        return AvroSerdes.value(type, registry, false).deserializer();
    }

    public PeriodCloser closer() {
        return closer;
    }

    public void start() {
        thread.start();
    }

    @Override
    public void close() {
        materializer.close();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }
}
