package io.innopoints.localstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Three brokers and a controller as OS processes: a broker killed with SIGKILL loses nothing acknowledged. */
class ProcessClusterIT {

    @Test
    @Timeout(300)
    void shouldKeepEveryAcknowledgedRecordWhenABrokerIsKilledAndRestarted() throws Exception {
        Path dir = Files.createTempDirectory("process-cluster");
        try (ProcessCluster cluster = ProcessCluster.start(3, dir)) {
            // Given a topic replicated three times (min ISR 2) and 100 acknowledged records
            cluster.admin().createTopics(List.of(new NewTopic("t", Optional.of(2), Optional.of((short) 3))
                    .configs(Map.of("min.insync.replicas", "2")))).all().get(30, TimeUnit.SECONDS);
            Map<String, Object> producerConfig = Map.of("bootstrap.servers", cluster.bootstrapServers(),
                    "acks", "all", "enable.idempotence", true, "delivery.timeout.ms", 120_000);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                    new StringSerializer())) {
                for (int i = 0; i < 100; i++) {
                    producer.send(new ProducerRecord<>("t", "k" + (i % 7), "before-" + i)).get();
                }

                // When a broker is killed, 100 more are sent, and it comes back
                cluster.kill(1);
                for (int i = 0; i < 100; i++) {
                    producer.send(new ProducerRecord<>("t", "k" + (i % 7), "during-" + i)).get();
                }
                cluster.restart(1);
                cluster.kill(2);
                for (int i = 0; i < 100; i++) {
                    producer.send(new ProducerRecord<>("t", "k" + (i % 7), "after-" + i)).get();
                }
                cluster.restart(2);
            }

            // Then all 300 are there, each once
            List<String> values = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                    cluster.bootstrapServers()), new StringDeserializer(), new StringDeserializer())) {
                List<TopicPartition> partitions = List.of(new TopicPartition("t", 0), new TopicPartition("t", 1));
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (values.size() < 300 && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                        values.add(r.value());
                    }
                }
            }
            assertThat(values).hasSize(300).doesNotHaveDuplicates();
        }
        EmbeddedKafka.deleteRecursively(dir); // kept when the test failed: the nodes' logs are there
    }
}
