package io.innopoints.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.ingest.config.IngestConfig;
import io.innopoints.ingest.domain.Provenance;
import io.innopoints.ingest.domain.RecordCoordinates;
import io.innopoints.ingest.rest.Examples;
import io.innopoints.schemas.event.PatentEvent;
import io.innopoints.schemas.json.AvroJson;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.topic.TopicCatalog;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaEventPublisherTest {
    @Test
    void shouldKeepAcksAllAndIdempotenceWhateverThePassThroughSays() {
        IngestConfig config = IngestConfig.from(Map.of("kafka.security.protocol", "SASL_SSL", "kafka.linger.ms", "20",
                "publish.timeout", "PT10S"), Map.of());
        Map<String, Object> props = KafkaEventPublisher.producerConfig(config);
        assertThat(props).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        int request = (Integer) props.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG);
        assertThat(request + 20).as("delivery >= linger + request").isLessThanOrEqualTo(10_000);
    }

    @Test
    void shouldCompleteOnlyWhenTheBrokerAcknowledgesAndTagBulkRecords() {
        // given
        Serializer<Object> values = (topic, data) -> data.toString().getBytes(StandardCharsets.UTF_8);
        MockProducer<String, Object> producer = new MockProducer<>(false, null, new StringSerializer(), values);
        KafkaEventPublisher publisher = new KafkaEventPublisher(producer, TopicCatalog.prefixed("x-"));
        PatentEvent event = AvroJson.read(Examples.json(EventType.PATENTS), PatentEvent.class).value();
        // when
        CompletableFuture<RecordCoordinates> ack = publisher.publish(Topic.PATENT_EVENTS, event.getCreditCode(), event,
                Provenance.file(null, "f.jsonl", 7, "load-1")).toCompletableFuture();
        // then
        assertThat(ack).isNotDone();
        producer.completeNext();
        assertThat(ack.join().topic()).isEqualTo("x-patent-events");
        ProducerRecord<String, Object> sent = producer.history().get(0);
        assertThat(sent.key()).isEqualTo(event.getCreditCode());
        assertThat(new String(sent.headers().lastHeader("ingest.load-id").value(), StandardCharsets.UTF_8)).isEqualTo("load-1");
        assertThat(new String(sent.headers().lastHeader("ingest.line").value(), StandardCharsets.UTF_8)).isEqualTo("7");
    }

    @Test
    void shouldFailTheStageWhenTheBrokerRefuses() {
        Serializer<Object> values = (topic, data) -> new byte[0];
        MockProducer<String, Object> producer = new MockProducer<>(false, null, new StringSerializer(), values);
        KafkaEventPublisher publisher = new KafkaEventPublisher(producer, TopicCatalog.defaults());
        PatentEvent event = AvroJson.read(Examples.json(EventType.PATENTS), PatentEvent.class).value();
        CompletableFuture<RecordCoordinates> ack = publisher.publish(Topic.PATENT_EVENTS, "k", event, null).toCompletableFuture();
        producer.errorNext(new org.apache.kafka.common.errors.NotEnoughReplicasException("min ISR"));
        assertThat(ack).isCompletedExceptionally();
        assertThat(producer.history().get(0).headers().toArray()).isEmpty();
    }
}
