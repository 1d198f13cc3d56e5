package io.innopoints.sink.app;

import static io.innopoints.sink.testing.Fixtures.code;
import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.registry.InMemorySchemaRegistryClient;
import io.innopoints.schemas.serde.AvroSerializer;
import io.innopoints.sink.credit.CreditListDiff;
import io.innopoints.sink.credit.CreditListTracker;
import io.innopoints.sink.credit.CreditProgramme;
import io.innopoints.sink.credit.LiveRanking;
import io.innopoints.sink.credit.RankedEntry;
import io.innopoints.sink.publish.CreditEventRelay;
import io.innopoints.sink.store.CreditListStore;
import io.innopoints.sink.store.Database;
import io.innopoints.sink.testing.TestDatabases;
import io.innopoints.sink.whatif.ModelCatalog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The credit lists' tick: the topic is reconciled before the first send and again after a failed one. */
class CreditListsTest {
    static final CreditProgramme P = new CreditProgramme("p", "bank-1", "ZONE-A", 1_000_000, 10_000, 1_000_000,
            List.of(new CreditProgramme.TierLine("A", 1)), Map.of(), true);

    @TempDir
    Path dir;
    Database db;
    final List<String> calls = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        db = TestDatabases.sqlite(dir);
        new CreditListStore(db.dataSource()).record(P, List.of(new CreditListDiff.Change(true, code(1),
                new RankedEntry(code(1), "E1", "ZONE-A", "growth", "zone:ZONE-A:growth", 1, 1, 0, "A", 9, false))),
                Instant.EPOCH);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void shouldReconcileBeforeTheFirstSendAndAgainAfterAFailedSend() throws Exception {
        // Given a broker that refuses the first send and accepts the next
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
                calls.add("send");
                return calls.stream().filter("send"::equals).count() == 1
                        ? CompletableFuture.failedFuture(new TimeoutException("broker down")) : super.send(record);
            }
        };
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        CreditListStore store = new CreditListStore(db.dataSource());
        CreditLists lists = new CreditLists(new CreditListTracker(List.of(),
                new LiveRanking(db.dataSource(), ModelCatalog.fromOption("")), store),
                new CreditEventRelay(producer, new AvroSerializer<>(registry, true, true),
                        new AvroSerializer<>(registry, false, true), "t", store, Clock.systemUTC()),
                () -> {
                    calls.add("reconcile");
                    return 0;
                }, Clock.systemUTC(), new SimpleMeterRegistry());

        // When it ticks three times
        lists.tick();
        lists.tick();
        lists.tick();

        // Then: reconcile, failed send, reconcile, send; the third tick has nothing to do
        assertThat(calls).containsExactly("reconcile", "send", "reconcile", "send");
        assertThat(store.unsent(10)).isEmpty();
    }
}
