package io.innopoints.localstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.innopoints.localstack.junit.TestRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Three brokers with replication 3 and min ISR 2: losing one broker loses no acknowledged record. */
class EmbeddedKafkaClusterIT {
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.cluster(3);
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    @Timeout(180)
    void shouldKeepAcceptingAndKeepEveryAcknowledgedRecordWhileOneBrokerIsDown() throws Exception {
        // Given: a topic replicated to all three brokers
        String topic = "reliable-" + UUID.randomUUID().toString().substring(0, 8);
        kafka.createTopic(topic, 3, false);
        TopicDescription described = kafka.admin().describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        assertThat(described.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
        ConfigResource brokerResource = new ConfigResource(ConfigResource.Type.BROKER, "0");
        assertThat(kafka.admin().describeConfigs(List.of(brokerResource)).all().get().get(brokerResource)
                .get("min.insync.replicas").value()).isEqualTo("2");

        Map<String, Object> config = TestRecords.producerConfig(kafka.bootstrapServers(), Map.of());
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            // When: records before, while and after broker 1 is down, all with acks=all
            send(producer, topic, 0, 100, acks);
            producer.flush();
            kafka.stopBroker(1);
            await("ISR without broker 1").atMost(Duration.ofSeconds(60))
                    .until(() -> isrs(topic).stream().noneMatch(isr -> isr.contains(1)));
            send(producer, topic, 100, 200, acks);
            producer.flush();
            kafka.restartBroker(1);
            send(producer, topic, 200, 300, acks);
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(); // every record acknowledged, none failed with NotEnoughReplicas
            }
        }

        // Then: every acknowledged record is readable, exactly once, and broker 1 rejoins every ISR
        List<ConsumerRecord<String, String>> read = TestRecords.consumeAtLeast(kafka.bootstrapServers(), topic,
                new StringDeserializer(), new StringDeserializer(), 300);
        assertThat(read).extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.range(0, 300).mapToObj(i -> "v" + i).collect(Collectors.toList()));
        await("broker 1 back in sync").atMost(Duration.ofSeconds(60))
                .until(() -> isrs(topic).stream().allMatch(isr -> isr.size() == 3));
    }

    private static void send(KafkaProducer<String, String> producer, String topic, int from, int to,
            List<Future<RecordMetadata>> acks) {
        for (int i = from; i < to; i++) {
            acks.add(producer.send(new ProducerRecord<>(topic, "k" + (i % 17), "v" + i)));
        }
    }

    private static List<List<Integer>> isrs(String topic) throws ExecutionException, InterruptedException {
        return kafka.admin().describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                .map(TopicPartitionInfo::isr)
                .map(nodes -> nodes.stream().map(n -> n.id()).collect(Collectors.toList()))
                .collect(Collectors.toList());
    }
}
