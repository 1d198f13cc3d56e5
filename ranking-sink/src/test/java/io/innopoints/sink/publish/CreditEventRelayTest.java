package io.innopoints.sink.publish;

import static io.innopoints.sink.testing.Fixtures.code;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.innopoints.schemas.credit.CreditListChange;
import io.innopoints.schemas.credit.CreditListChangeKind;
import io.innopoints.schemas.registry.InMemorySchemaRegistryClient;
import io.innopoints.schemas.serde.AvroDeserializer;
import io.innopoints.schemas.serde.AvroSerializer;
import io.innopoints.sink.credit.CreditListDiff;
import io.innopoints.sink.credit.CreditProgramme;
import io.innopoints.sink.credit.RankedEntry;
import io.innopoints.sink.store.CreditListStore;
import io.innopoints.sink.store.Database;
import io.innopoints.sink.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox relay over a MockProducer: in sequence order, marked sent only when acknowledged, resent otherwise. */
class CreditEventRelayTest {
    static final String TOPIC = "credit-list-changes";
    static final Instant NOW = Instant.parse("2026-07-01T00:00:00Z");
    static final CreditProgramme TOP_2 = new CreditProgramme("top2", "bank-1", "ZONE-A", 1_000_000, 10_000, 800_000,
            List.of(new CreditProgramme.TierLine("A", 1)), java.util.Map.of(), true);

    @TempDir
    Path dir;
    Database db;
    CreditListStore store;
    InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    @BeforeEach
    void open() throws Exception {
        db = TestDatabases.sqlite(dir);
        store = new CreditListStore(db.dataSource(), () -> "epoch-1");
        // Given two entries of programme top2 in the outbox
        store.record(TOP_2, List.of(entered(1), entered(2)), NOW);
    }

    @AfterEach
    void close() {
        db.close();
    }

    static CreditListDiff.Change entered(int n) {
        return new CreditListDiff.Change(true, code(n), new RankedEntry(code(n), "Enterprise " + n, "ZONE-A", "growth",
                "zone:ZONE-A:growth", n, 10, 10 - n, "A", 90 - n, false));
    }

    CreditEventRelay relay(MockProducer<byte[], byte[]> producer) {
        return new CreditEventRelay(producer, new AvroSerializer<>(registry, true, true),
                new AvroSerializer<>(registry, false, true), TOPIC, store, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    List<CreditListChange> decoded(List<ProducerRecord<byte[], byte[]>> records) {
        AvroDeserializer<CreditListChange> values = new AvroDeserializer<>(registry, CreditListChange.class);
        return records.stream().map(r -> values.deserialize(TOPIC, r.value())).toList();
    }

    @Test
    void shouldSendTheOutboxInSequenceOrderKeyedByCreditCodeAndMarkItSent() throws Exception {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer());

        int sent = relay(producer).sendPending();

        assertThat(sent).isEqualTo(2);
        List<CreditListChange> events = decoded(producer.history());
        assertThat(events).extracting(CreditListChange::getEventId).containsExactly("top2:epoch-1:1", "top2:epoch-1:2");
        assertThat(events).extracting(CreditListChange::getKind).containsOnly(CreditListChangeKind.ENTERED);
        assertThat(events.get(0).getBankId()).isEqualTo("bank-1");
        assertThat(events.get(0).getLiveRank()).isEqualTo(1);
        assertThat(new AvroDeserializer<>(registry, String.class).deserialize(TOPIC, producer.history().get(1).key()))
                .isEqualTo(code(2));
        assertThat(store.unsent(10)).isEmpty();
        // nothing left: a second call sends nothing
        assertThat(relay(producer).sendPending()).isZero();
        assertThat(producer.history()).hasSize(2);
    }

    @Test
    void shouldKeepRowsUnsentWhenTheBrokerRefusesAndSendThemAgainWithTheSameIds() throws Exception {
        // Given a producer whose sends fail (the broker does not acknowledge)
        MockProducer<byte[], byte[]> failing = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer()) {
            @Override
            public synchronized java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata> send(
                    ProducerRecord<byte[], byte[]> record) {
                return java.util.concurrent.CompletableFuture.failedFuture(
                        new org.apache.kafka.common.errors.TimeoutException("broker down"));
            }
        };

        assertThatThrownBy(relay(failing)::sendPending).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("broker down");

        // Then both rows are still unsent, and the next call sends them with the same eventIds
        assertThat(store.unsent(10)).hasSize(2);
        MockProducer<byte[], byte[]> working = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer());
        assertThat(relay(working).sendPending()).isEqualTo(2);
        assertThat(decoded(working.history())).extracting(CreditListChange::getEventId)
                .containsExactly("top2:epoch-1:1", "top2:epoch-1:2");
        assertThat(store.unsent(10)).isEmpty();
    }

    @Test
    void shouldMarkWhatWasAcknowledgedWhenPartOfABatchFails() throws Exception {
        // Given a producer that acknowledges the first send and fails the second
        MockProducer<byte[], byte[]> halfway = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer()) {
            private int sends;

            @Override
            public synchronized java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata> send(
                    ProducerRecord<byte[], byte[]> record) {
                return ++sends == 1 ? super.send(record) : java.util.concurrent.CompletableFuture.failedFuture(
                        new org.apache.kafka.common.errors.TimeoutException("broker down"));
            }
        };

        assertThatThrownBy(relay(halfway)::sendPending).isInstanceOf(ExecutionException.class);

        // Then the first is marked sent and only the second is left to send
        assertThat(store.unsent(10)).extracting(CreditListStore.OutboxRow::seq).containsExactly(2L);
    }
}
