package io.innopoints.localstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.innopoints.localstack.junit.TestRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The production single node: plain and transactional round trips, topic settings, restart on persistent data. */
class EmbeddedKafkaSingleNodeIT {
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.singleNode(null);
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    private static String uniqueTopic(String base) {
        return base + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    @Timeout(60)
    void shouldDeliverProducedRecordsInOrderPerPartition() {
        // Given
        String topic = uniqueTopic("plain");
        kafka.createTopic(topic, 3, false);
        List<ProducerRecord<String, String>> records = IntStream.range(0, 30)
                .mapToObj(i -> new ProducerRecord<>(topic, "key-" + (i % 5), "value-" + i))
                .collect(Collectors.toList());

        // When
        TestRecords.produce(kafka.bootstrapServers(), new StringSerializer(), new StringSerializer(), records);
        List<ConsumerRecord<String, String>> read = TestRecords.consumeAtLeast(kafka.bootstrapServers(), topic,
                new StringDeserializer(), new StringDeserializer(), 30);

        // Then: all arrive, and each key's values keep their production order
        assertThat(read).hasSize(30);
        for (int k = 0; k < 5; k++) {
            String key = "key-" + k;
            List<Integer> order = read.stream().filter(r -> r.key().equals(key))
                    .map(r -> Integer.parseInt(r.value().substring("value-".length())))
                    .collect(Collectors.toList());
            assertThat(order).hasSize(6).isSorted();
        }
    }

    @Test
    @Timeout(60)
    void shouldShowOnlyCommittedTransactionsToReadCommittedConsumers() {
        // Given
        String topic = uniqueTopic("tx");
        kafka.createTopic(topic, 1, false);
        Map<String, Object> config = TestRecords.producerConfig(kafka.bootstrapServers(),
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, uniqueTopic("tx-producer")));

        // When: one aborted and one committed transaction (needs the transaction state topic on one broker)
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "aborted-1"));
            producer.send(new ProducerRecord<>(topic, "k", "aborted-2"));
            producer.flush(); // the aborted records must reach the log, not be dropped from the client's buffer
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "committed-1"));
            producer.send(new ProducerRecord<>(topic, "k", "committed-2"));
            producer.commitTransaction();
        }

        // Then: read_committed sees only the committed pair; read_uncommitted sees all four
        List<ConsumerRecord<String, String>> committed = TestRecords.consumeAtLeast(kafka.bootstrapServers(), topic,
                new StringDeserializer(), new StringDeserializer(), 2);
        assertThat(committed).extracting(ConsumerRecord::value).containsExactly("committed-1", "committed-2");

        List<ConsumerRecord<String, String>> all = TestRecords.consumeUntil(
                TestRecords.consumerConfig(kafka.bootstrapServers(),
                        Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted")),
                topic, new StringDeserializer(), new StringDeserializer(), r -> r.size() >= 4,
                TestRecords.DEFAULT_TIMEOUT);
        assertThat(all).extracting(ConsumerRecord::value)
                .containsExactly("aborted-1", "aborted-2", "committed-1", "committed-2");
    }

    @Test
    @Timeout(60)
    void shouldCreateCompactedTopicsAndLeaveExistingOnesAlone() throws Exception {
        // Given
        String topic = uniqueTopic("compacted");

        // When
        boolean first = kafka.createTopic(topic, 2, true);
        boolean second = kafka.createTopic(topic, 5, false);

        // Then
        assertThat(first).isTrue();
        assertThat(second).isFalse();
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = kafka.admin().describeConfigs(List.of(resource)).all().get().get(resource);
        assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");
        assertThat(kafka.admin().describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions())
                .hasSize(2);
    }

    @Test
    @Timeout(60)
    void shouldListWhatWasReadWhenAConsumeConditionIsNotMet() {
        String topic = uniqueTopic("unmet");
        kafka.createTopic(topic, 1, false);
        TestRecords.produce(kafka.bootstrapServers(), new StringSerializer(), new StringSerializer(),
                List.of(new ProducerRecord<>(topic, "k", "the-only-record")));

        assertThatThrownBy(() -> TestRecords.consumeUntil(kafka.bootstrapServers(), topic, new StringDeserializer(),
                new StringDeserializer(), records -> records.size() >= 2, Duration.ofSeconds(3)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("read 1 record(s)")
                .hasMessageContaining("0@0 k = the-only-record");
    }

    @Test
    @Timeout(60)
    void shouldNotAutoCreateTopicsSoThatWrongNamesFailFast() {
        String topic = uniqueTopic("never-created");
        Map<String, Object> config = TestRecords.producerConfig(kafka.bootstrapServers(),
                Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000));
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", "v")).get())
                    .hasMessageContaining(topic);
        }
    }

    @Test
    @Timeout(120)
    void shouldKeepTopicsAndRecordsWhenRestartedOnTheSameDataDirectory(@TempDir Path dir) throws Exception {
        // Given: a persistent node that logs through Logback, with a record written
        Path dataDir = dir.resolve("kafka");
        String topic = uniqueTopic("durable");
        ch.qos.logback.classic.Logger serverLog =
                (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("kafka.server.KafkaRaftServer");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        Level previous = serverLog.getLevel();
        serverLog.setLevel(Level.INFO);
        serverLog.addAppender(captured);
        try (EmbeddedKafka first = EmbeddedKafka.singleNode(dataDir)) {
            first.createTopic(topic, 1, false);
            TestRecords.produce(first.bootstrapServers(), new StringSerializer(), new StringSerializer(),
                    List.of(new ProducerRecord<>(topic, "k", "before-restart")));
        } finally {
            serverLog.detachAppender(captured);
            serverLog.setLevel(previous);
        }
        assertThat(captured.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.contains("Kafka Server started"));
        assertThat(dataDir.resolve("kraft-logs/meta.properties")).exists();

        // When: a new node starts on the formatted directory (other ports) and the broker restarts once more
        try (EmbeddedKafka second = EmbeddedKafka.singleNode(dataDir)) {
            second.stopBroker(0);
            second.restartBroker(0);
            TestRecords.produce(second.bootstrapServers(), new StringSerializer(), new StringSerializer(),
                    List.of(new ProducerRecord<>(topic, "k", "after-restart")));

            // Then
            assertThat(second.createTopic(topic, 1, false)).isFalse();
            List<ConsumerRecord<String, String>> read = TestRecords.consumeAtLeast(second.bootstrapServers(), topic,
                    new StringDeserializer(), new StringDeserializer(), 2);
            assertThat(read).extracting(ConsumerRecord::value).containsExactly("before-restart", "after-restart");
        }
        assertThat(Files.exists(dataDir)).as("a persistent directory survives close").isTrue();
    }
}
