package io.innopoints.sink.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.innopoints.sink.app.MainAccess;
import io.innopoints.sink.testing.Platform;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lag on an exactly-once topic: a transactional producer leaves a commit marker after each transaction. A consumer
 * that read every committed record and committed {@code lastOffset + 1} sits just before the last marker; naive
 * end-offset arithmetic calls that lag 1, the sink's monitor must call it 0 — and must not count an open
 * transaction's records either.
 */
@Timeout(120)
class TransactionalLagIT {
    private String topic;
    private TopicPartition tp;
    private String group;
    private KafkaProducer<byte[], byte[]> producer;
    private KafkaConsumer<byte[], byte[]> consumer;
    private LagCollector collector;

    @BeforeEach
    void setUp() {
        topic = Platform.unique("lag-eos");
        tp = new TopicPartition(topic, 0);
        group = Platform.unique("lag-group");
        Platform.kafka().createTopic(topic, 1, false);
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Platform.bootstrapServers());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, Platform.unique("lag-tx"));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer = new KafkaProducer<>(p);
        producer.initTransactions();
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Platform.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumer = new KafkaConsumer<>(c);
        consumer.assign(List.of(tp));
        collector = new LagCollector(Map.of("bootstrap.servers", Platform.bootstrapServers()), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        collector.close();
        consumer.close();
        producer.close();
    }

    private void transaction(int records, boolean commit) {
        producer.beginTransaction();
        for (int i = 0; i < records; i++) {
            producer.send(new ProducerRecord<>(topic, 0, null, ("v" + i).getBytes(StandardCharsets.UTF_8)));
        }
        producer.flush();
        if (commit) {
            producer.commitTransaction();
        }
    }

    /** Reads {@code n} committed records and commits lastOffset + 1, as record-at-a-time frameworks do. */
    private void consumeAndCommit(int n) {
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(100)).records(tp).forEach(read::add);
            return read.size() >= n;
        });
        consumer.commitSync(Map.of(tp, new OffsetAndMetadata(read.get(read.size() - 1).offset() + 1)));
    }

    private PartitionLag lag() {
        GroupSample sample = collector.sample(group::equals).stream().filter(s -> s.groupId().equals(group)).findFirst().orElseThrow();
        assertThat(sample.partitions()).hasSize(1);
        return sample.partitions().get(0);
    }

    @Test
    void shouldReadZeroLagWhenAllCommittedRecordsAreConsumed() {
        // Given three committed transactions of four records (each followed by a commit marker)
        transaction(4, true);
        transaction(4, true);
        transaction(4, true);

        // When a read_committed consumer reads all 12 records and commits the offset after the last one
        consumeAndCommit(12);

        // Then the last stable offset is one past the committed offset (the final marker), yet the lag is 0
        PartitionLag lag = lag();
        assertThat(lag.committedOffset()).isEqualTo(14);
        assertThat(lag.endOffset()).isEqualTo(15);
        assertThat(lag.lagRecords()).isZero();
        assertThat(lag.lagSeconds()).isZero();
    }

    @Test
    void shouldIgnoreOpenTransactionAndCountOnlyCommittedRecords() {
        // Given a consumer caught up with one committed transaction
        transaction(3, true);
        consumeAndCommit(3);

        // When another transaction is open (records written, not committed)
        transaction(5, false);

        // Then its records are not lag: they are above the last stable offset
        assertThat(lag().lagRecords()).isZero();

        // And once it commits, exactly its five records are lag, with a measured age
        producer.commitTransaction();
        PartitionLag after = lag();
        assertThat(after.lagRecords()).isEqualTo(5);
        assertThat(after.lagSeconds()).isNotNull().isGreaterThanOrEqualTo(0.0);
    }

    @Test
    void shouldPublishGaugesAndPrintCliTable() {
        // Given a caught-up consumer of a transactional topic
        transaction(2, true);
        consumeAndCommit(2);

        // When the monitor samples and the CLI runs against the cluster
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (LagMonitor monitor = new LagMonitor(() -> collector.sample(group::equals), 5, registry)) {
            monitor.sampleNow();
            monitor.sampleNow();
            assertThat(monitor.report().group(group)).hasValueSatisfying(g -> assertThat(g.status()).isEqualTo(LagStatus.OK));
        }
        assertThat(registry.get("innopoints.consumer.lag.records").tags("group", group, "topic", topic, "partition", "0")
                .gauge().value()).isZero();
        assertThat(registry.get("innopoints.consumer.group.status").tags("group", group).gauge().value()).isZero();

        StringWriter out = new StringWriter();
        int exit = MainAccess.run(new PrintWriter(out), "lag", "--bootstrap-servers", Platform.bootstrapServers(),
                "--group", group, "--samples", "1");

        // Then the table shows the group's partition with 0 lag
        assertThat(exit).isZero();
        String row = out.toString().lines().filter(l -> l.startsWith(group)).findFirst().orElseThrow();
        assertThat(row.split("\\s+")).containsSequence(group, "OK", topic, "0", "2", "3", "0", "0.0", "OK");
    }
}
