package io.innopoints.sink.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.innopoints.schemas.registry.InMemorySchemaRegistryClient;
import io.innopoints.schemas.release.PeriodRelease;
import io.innopoints.schemas.serde.AvroSerdes;
import io.innopoints.sink.store.Database;
import io.innopoints.sink.store.ReleaseStore;
import io.innopoints.sink.testing.ReleaseEvents;
import io.innopoints.sink.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The materializer over a MockConsumer and SQLite: what it stores, skips and refuses, and that it waits for the topic. */
@Timeout(60)
class ReleaseMaterializerTest {
    static final String TOPIC = "period-releases";
    static final TopicPartition P0 = new TopicPartition(TOPIC, 0);

    @TempDir
    Path dir;
    Database db;
    ReleaseStore store;
    final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    final Serializer<PeriodRelease> values = AvroSerdes.value(PeriodRelease.class, registry, true).serializer();
    final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    ReleaseMaterializer materializer;
    Thread thread;

    @BeforeEach
    void start() {
        db = TestDatabases.sqlite(dir);
        store = new ReleaseStore(db.dataSource());
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
        materializer = new ReleaseMaterializer(consumer, TOPIC,
                AvroSerdes.value(PeriodRelease.class, registry, false).deserializer(), store, Clock.systemUTC(),
                Duration.ofMillis(10));
    }

    @AfterEach
    void stop() throws Exception {
        materializer.close();
        if (thread != null) {
            thread.join(10_000);
        }
        db.close();
    }

    @Test
    void shouldStoreValidReleasesOnceAndRefuseOneWhoseDigestDoesNotMatch() throws Exception {
        // Given the topic holds version 1, a tombstone, a forged version 2 (a total changed, the digest kept),
        // version 1 again and garbage
        List<PeriodRelease> versions = ReleaseEvents.twoVersions();
        PeriodRelease forged = PeriodRelease.newBuilder(versions.get(1)).build();
        forged.getCohorts().get(0).getMembers().get(0).setTotalCents(999_99);
        List<byte[]> log = java.util.Arrays.asList(values.serialize(TOPIC, versions.get(0)), null,
                values.serialize(TOPIC, forged), values.serialize(TOPIC, versions.get(0)), new byte[] {1, 2, 3});
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
        consumer.schedulePollTask(() -> {
            for (int i = 0; i < log.size(); i++) {
                consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, i, null, log.get(i)));
            }
        });

        // When the materializer runs through them
        thread = new Thread(materializer, "test-releases");
        thread.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.position(P0) == log.size());

        // Then only version 1 is stored, as it was published
        assertThat(store.list()).extracting(ReleaseStore.Summary::version).containsExactly(1);
        assertThat(store.find("2024-annual", 1).orElseThrow().getDigest()).isEqualTo(versions.get(0).getDigest());
    }

    @Test
    void shouldWaitForTheTopicToExist() throws Exception {
        // Given no topic yet
        thread = new Thread(materializer, "test-releases");
        thread.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> thread.getState() == Thread.State.TIMED_WAITING);
        assertThat(consumer.assignment()).isEmpty();

        // When it is created with version 2 on it (the materializer looks again every 5 s)
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, null,
                values.serialize(TOPIC, ReleaseEvents.twoVersions().get(1)))));

        // Then it is stored
        await().atMost(Duration.ofSeconds(30)).until(() -> !store.list().isEmpty());
        assertThat(store.list()).extracting(ReleaseStore.Summary::version).containsExactly(2);
    }
}
