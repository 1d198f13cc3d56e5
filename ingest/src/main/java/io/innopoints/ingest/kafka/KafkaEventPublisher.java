package io.innopoints.ingest.kafka;

import io.innopoints.ingest.config.IngestConfig;
import io.innopoints.ingest.domain.EventPublisher;
import io.innopoints.ingest.domain.Provenance;
import io.innopoints.ingest.domain.RecordCoordinates;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.topic.TopicCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link EventPublisher} on Kafka's producer: idempotent, {@code acks=all}, key = credit code and value = the Avro
 * record, both through the Confluent-wire Avro serializers; topic names from the {@link TopicCatalog}. The returned
 * stage completes in the producer's callback, i.e. after the broker acknowledged. Bulk-file records also carry the
 * load-id and line headers that a resumed load looks for.
 */
public final class KafkaEventPublisher implements EventPublisher {
    private final Producer<String, Object> producer;
    private final TopicCatalog topics;

    public KafkaEventPublisher(Producer<String, Object> producer, TopicCatalog topics) {
        this.producer = producer;
        this.topics = topics;
    }

    /** A publisher with its own producer built from the configuration and the given serializers. */
    public static KafkaEventPublisher create(IngestConfig config, Serializer<String> keySerializer,
                                             Serializer<Object> valueSerializer) {
        return new KafkaEventPublisher(new KafkaProducer<>(producerConfig(config), keySerializer, valueSerializer),
                config.topics());
    }

    /**
     * The producer configuration: the {@code kafka.*} pass-through (TLS, SASL, tuning) under the settings ingest's
     * guarantees rest on, which cannot be overridden.
     */
    public static Map<String, Object> producerConfig(IngestConfig config) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest");
        props.putAll(config.kafka());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        long delivery = config.publishTimeout().toMillis();
        long linger = Long.parseLong(props.get(ProducerConfig.LINGER_MS_CONFIG).toString());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, delivery));
        // the producer requires delivery.timeout.ms >= linger.ms + request.timeout.ms
        props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1, Math.min(30_000, delivery - linger)));
        // a send blocks at most this long on metadata or a full buffer before failing
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Math.min(Duration.ofSeconds(10).toMillis(), delivery));
        return props;
    }

    @Override
    public CompletionStage<RecordCoordinates> publish(Topic topic, String key, SpecificRecord value, Provenance origin) {
        CompletableFuture<RecordCoordinates> acked = new CompletableFuture<>();
        RecordHeaders headers = new RecordHeaders();
        if (origin != null && origin.loadId() != null) {
            headers.add(LOAD_ID_HEADER, origin.loadId().getBytes(StandardCharsets.UTF_8));
            headers.add(LINE_HEADER, Long.toString(origin.sourceLine()).getBytes(StandardCharsets.UTF_8));
        }
        ProducerRecord<String, Object> record = new ProducerRecord<>(topics.name(topic), null, key, value, headers);
        try {
            producer.send(record, (metadata, exception) -> {
                if (exception != null) {
                    acked.completeExceptionally(exception);
                } else {
                    acked.complete(new RecordCoordinates(metadata.topic(), metadata.partition(), metadata.offset()));
                }
            });
        } catch (RuntimeException e) {
            // serialization (registry unreachable), buffer full beyond max.block.ms, closed producer
            acked.completeExceptionally(e);
        }
        return acked;
    }

    /** Binds the producer's own metrics (record send rate, request latency, buffer use …) to a meter registry. */
    public AutoCloseable bindMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
        var binder = new io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics(producer);
        binder.bindTo(registry);
        return binder;
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
