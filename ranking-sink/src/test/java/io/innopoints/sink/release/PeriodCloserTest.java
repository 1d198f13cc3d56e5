package io.innopoints.sink.release;

import static io.innopoints.sink.testing.ReleaseEvents.AS_OF;
import static io.innopoints.sink.testing.ReleaseEvents.EARLY_CUT_OFF;
import static io.innopoints.sink.testing.ReleaseEvents.LATE_CUT_OFF;
import static io.innopoints.sink.testing.ReleaseEvents.MODEL;
import static io.innopoints.sink.testing.Fixtures.code;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.innopoints.schemas.registry.InMemorySchemaRegistryClient;
import io.innopoints.schemas.release.PeriodRelease;
import io.innopoints.schemas.release.ReleaseChangeKind;
import io.innopoints.schemas.serde.AvroSerdes;
import io.innopoints.schemas.serde.AvroSerializer;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.topic.TopicCatalog;
import io.innopoints.scoring.release.Period;
import io.innopoints.scoring.release.PeriodReleases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.innopoints.sink.testing.ReleaseEvents;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

/** Closing a period over topics held by MockConsumers: what is read, computed and published to period-releases. */
class PeriodCloserTest {
    static final TopicCatalog TOPICS = TopicCatalog.defaults();
    static final String RELEASES = TOPICS.name(Topic.PERIOD_RELEASES);

    final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    final Serializer<Object> values = new AvroSerializer<>(registry, false, true);
    final Serializer<String> keys = AvroSerdes.stringKey(registry).serializer();
    final Map<String, List<byte[]>> log = new LinkedHashMap<>();
    final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

    PeriodCloser closer() {
        Map<EventType, Deserializer<? extends SpecificRecord>> events = new HashMap<>();
        for (EventType type : EventType.values()) {
            events.put(type, deserializer(type.recordClass()));
        }
        @SuppressWarnings("unchecked")
        Serializer<PeriodRelease> releaseValues = (Serializer<PeriodRelease>) (Serializer<?>) values;
        return new PeriodCloser(this::snapshotConsumer, producer, TOPICS, events,
                AvroSerdes.value(PeriodRelease.class, registry, false).deserializer(), keys, releaseValues,
                Duration.ofSeconds(10));
    }

    private <T extends SpecificRecord> Deserializer<T> deserializer(Class<T> type) {
        return AvroSerdes.value(type, registry, false).deserializer();
    }

    /** A consumer over every topic of {@link #log} (one partition each) and period-releases. */
    private Consumer<byte[], byte[]> snapshotConsumer() {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        Map<String, List<byte[]>> topics = new LinkedHashMap<>(log);
        for (EventType type : EventType.values()) {
            topics.putIfAbsent(TOPICS.name(type), List.of());
        }
        topics.putIfAbsent(RELEASES, List.of());
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        topics.forEach((topic, list) -> {
            TopicPartition p = new TopicPartition(topic, 0);
            consumer.updatePartitions(topic, List.of(new PartitionInfo(topic, 0, null, null, null)));
            consumer.updateBeginningOffsets(Map.of(p, 0L));
            consumer.updateEndOffsets(Map.of(p, (long) list.size()));
            for (int i = 0; i < list.size(); i++) {
                records.add(new ConsumerRecord<>(topic, 0, i, null, list.get(i)));
            }
        });
        consumer.schedulePollTask(() -> records.stream()
                .filter(r -> consumer.assignment().contains(new TopicPartition(r.topic(), 0)))
                .forEach(consumer::addRecord));
        return consumer;
    }

    void append(List<SpecificRecord> events) {
        for (SpecificRecord e : events) {
            String topic = TOPICS.name(EventType.byRecordClass(e.getClass()).orElseThrow());
            log.computeIfAbsent(topic, t -> new ArrayList<>()).add(values.serialize(topic, e));
        }
    }

    /** What the producer sent becomes part of the log read by the next close. */
    void deliverPublished() {
        List<byte[]> releases = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> r : producer.history()) {
            releases.add(r.value());
        }
        log.put(RELEASES, releases);
    }

    @Test
    void shouldPublishTheSameBytesWhenTheSameLogIsClosedTwice() {
        // Given the input topics hold the log, one record undecodable
        append(ReleaseEvents.all());
        log.get(TOPICS.name(Topic.PATENT_EVENTS)).add(new byte[] {0, 0, 0, 0, 99, 1});
        Period period = new Period("2024-annual", AS_OF, LATE_CUT_OFF);

        // When two closers (nothing published yet for either) close the same period
        PeriodCloser.Closed first = closer().close(period, MODEL);
        PeriodCloser.Closed second = closer().close(period, MODEL);

        // Then both publish version 1 with identical bytes, keyed by period and version
        assertThat(first.outcome()).isEqualTo(PeriodCloser.Outcome.PUBLISHED);
        assertThat(first.undecodable()).isEqualTo(1);
        assertThat(first.release().getEventsCounted()).isEqualTo(11);
        assertThat(producer.history()).hasSize(2);
        assertThat(producer.history().get(0).topic()).isEqualTo(RELEASES);
        assertThat(producer.history().get(1).value()).isEqualTo(producer.history().get(0).value());
        assertThat(AvroSerdes.stringKey(registry).deserializer().deserialize(RELEASES, producer.history().get(0).key()))
                .isEqualTo("2024-annual:1");
        assertThat(second.release().getDigest()).isEqualTo(first.release().getDigest());
        assertThat(PeriodReleases.verify(first.release())).isTrue();
    }

    @Test
    void shouldPublishANewVersionWithItsChangesOnlyWhenALaterCutOffChangesTheResults() {
        // Given version 1 closed with the early cut-off and published
        append(ReleaseEvents.all());
        PeriodCloser.Closed v1 = closer().close(new Period("2024-annual", AS_OF, EARLY_CUT_OFF), MODEL);
        deliverPublished();

        // When it is closed again with the same cut-off, then with a later one
        PeriodCloser.Closed again = closer().close(new Period("2024-annual", AS_OF, EARLY_CUT_OFF), MODEL);
        PeriodCloser.Closed v2 = closer().close(new Period("2024-annual", AS_OF, LATE_CUT_OFF), MODEL);

        // Then the same cut-off publishes nothing new; the later one is version 2 and lists enterprise 2's rise
        assertThat(v1.release().getVersion()).isEqualTo(1);
        assertThat(again.outcome()).isEqualTo(PeriodCloser.Outcome.UNCHANGED);
        assertThat(again.release().getDigest()).isEqualTo(v1.release().getDigest());
        assertThat(v2.outcome()).isEqualTo(PeriodCloser.Outcome.PUBLISHED);
        assertThat(v2.release().getVersion()).isEqualTo(2);
        assertThat(v2.release().getEventsAfterCutOff()).isZero();
        assertThat(v1.release().getEventsAfterCutOff()).isEqualTo(5);
        assertThat(v2.release().getChanges()).anyMatch(c -> c.getCreditCode().equals(code(2))
                && c.getKind() == ReleaseChangeKind.MOVED && c.getPreviousRank() == 3 && c.getRank() == 2);
        assertThat(producer.history()).hasSize(2);
    }

    @Test
    void shouldFailNamingATopicThatDoesNotExist() {
        PeriodCloser closer = new PeriodCloser(() -> {
            MockConsumer<byte[], byte[]> c = new MockConsumer<>("earliest");
            return c;
        }, producer, TOPICS, Map.of(), deserializer(PeriodRelease.class), keys, null, Duration.ofSeconds(1));

        assertThatThrownBy(() -> closer.close(new Period("2024-annual", AS_OF, LATE_CUT_OFF), MODEL))
                .hasMessageContaining(RELEASES).hasMessageContaining("does not exist");
    }
}
