package io.innopoints.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.localstack.junit.TestRecords;
import io.innopoints.schemas.event.PatentAction;
import io.innopoints.schemas.event.PatentEvent;
import io.innopoints.schemas.event.PatentType;
import io.innopoints.schemas.serde.AvroSerdes;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.topic.TopicCatalog;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A persistent local stack restarted on its data directory keeps topics, records and schema ids. */
class LocalStackRestartIT {
    private static final PatentEvent PATENT = PatentEvent.newBuilder()
            .setEventId("e-1")
            .setEventTime(Instant.ofEpochMilli(1_700_000_000_123L))
            .setProvider("patent-office")
            .setCreditCode("91350100MA2XYW123F")
            .setPatentNumber("CN1")
            .setPatentType(PatentType.DESIGN)
            .setAction(PatentAction.EXPIRED)
            .setActionDate(LocalDate.of(2024, 2, 29))
            .setTitle("外观设计")
            .build();

    @Test
    @Timeout(120)
    void shouldKeepTopicsRecordsAndSchemaIdsAcrossRestarts(@TempDir Path dataDir) {
        TopicCatalog catalog = TopicCatalog.defaults();
        String topic = catalog.name(Topic.PATENT_EVENTS);
        int schemaId;

        // Given: a first run that creates the topics and writes one record (registering its schemas)
        try (LocalStack first = LocalStack.builder().dataDir(dataDir).start()) {
            assertThat(first.createTopics(catalog, 2)).containsAll(catalog.all().values());
            try (Serde<String> keys = AvroSerdes.stringKey(first.registryClient());
                    Serde<PatentEvent> values = AvroSerdes.value(PatentEvent.class, first.registryClient())) {
                TestRecords.produce(first.bootstrapServers(), keys.serializer(), values.serializer(),
                        List.of(new ProducerRecord<>(topic, PATENT.getCreditCode(), PATENT)));
            }
            schemaId = first.registryClient().lookup(catalog.valueSubject(Topic.PATENT_EVENTS),
                    PatentEvent.getClassSchema()).orElseThrow().id();
        }

        // When
        try (LocalStack second = LocalStack.builder().dataDir(dataDir).start()) {
            // Then: nothing to create, the same schema id, and the old record still readable
            assertThat(second.createTopics(catalog, 2)).isEmpty();
            assertThat(second.registryClient().lookup(catalog.valueSubject(Topic.PATENT_EVENTS),
                    PatentEvent.getClassSchema()).orElseThrow().id()).isEqualTo(schemaId);
            try (Serde<String> keys = AvroSerdes.stringKey(second.registryClient());
                    Serde<PatentEvent> values = AvroSerdes.value(PatentEvent.class, second.registryClient())) {
                List<ConsumerRecord<String, PatentEvent>> read = TestRecords.consumeAtLeast(
                        second.bootstrapServers(), topic, keys.deserializer(), values.deserializer(), 1);
                assertThat(read).extracting(ConsumerRecord::value).containsExactly(PATENT);
            }
        }
    }
}
