package io.innopoints.localstack.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.innopoints.localstack.kafka.EmbeddedKafka;
import io.innopoints.localstack.registry.EmbeddedSchemaRegistry;
import io.innopoints.schemas.json.AvroJson;
import io.innopoints.schemas.registry.RestSchemaRegistryClient;
import io.innopoints.schemas.serde.AvroSerdes;
import io.innopoints.schemas.serde.AvroTrust;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.topic.TopicCatalog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code generate --publish} against a real broker and registry: every valid record lands on its topic under its key. */
class KafkaPublisherIT {
    private static EmbeddedKafka kafka;
    private static EmbeddedSchemaRegistry registry;

    @BeforeAll
    static void start() {
        AvroTrust.install();
        kafka = EmbeddedKafka.singleNode(null);
        registry = EmbeddedSchemaRegistry.startInMemory(0);
    }

    @AfterAll
    static void stop() {
        registry.close();
        kafka.close();
    }

    @Test
    @Timeout(180)
    @SuppressWarnings("unchecked")
    void shouldPublishEveryValidRecordKeyedByCreditCodeAndSkipMalformedOnes() {
        // Given a small log and unique topics
        String prefix = "gen-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        GeneratorConfig config = GeneratorConfig.defaults().withEnterprises(80).withPerturbations(0.05, 0.1, 0.02, 0.05);
        Map<EventType, List<String>> expected = new EnumMap<>(EventType.class);
        long malformed;
        try (Stream<GeneratedEvent> events = SampleData.stream(config)) {
            List<GeneratedEvent> all = events.toList();
            malformed = all.stream().filter(GeneratedEvent::malformed).count();
            all.stream().filter(e -> !e.malformed()).forEach(e -> expected.computeIfAbsent(e.type(), t -> new ArrayList<>())
                    .add(e.creditCode() + " " + AvroJson.writeLine(e.record())));
        }

        // When the CLI publishes it
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = GeneratorCli.run(new String[] {"--publish", "--enterprises", "80", "--duplicate-fraction", "0.05",
                "--amendment-fraction", "0.1", "--retraction-fraction", "0.02", "--malformed-fraction", "0.05",
                "--bootstrap-servers", kafka.bootstrapServers(), "--schema-registry-url", registry.url(), "--topic-prefix", prefix,
                "--partitions", "3"}, new PrintWriter(out, true), new PrintWriter(err, true));

        // Then every topic holds exactly the valid records of its type, keyed by credit code
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains(malformed + " malformed skipped");
        TopicCatalog topics = TopicCatalog.prefixed(prefix);
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(registry.url());
        for (EventType type : EventType.values()) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, prefix + type.id());
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            List<String> received = new ArrayList<>();
            try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(props,
                    AvroSerdes.stringKey(client).deserializer(),
                    AvroSerdes.value((Class<SpecificRecord>) type.recordClass(), client).deserializer())) {
                consumer.subscribe(List.of(topics.name(type)));
                int want = expected.get(type).size();
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    for (ConsumerRecord<String, SpecificRecord> r : consumer.poll(Duration.ofMillis(200))) {
                        received.add(r.key() + " " + AvroJson.writeLine(r.value()));
                    }
                    return received.size() >= want;
                });
            }
            assertThat(received).as(type.id()).containsExactlyInAnyOrderElementsOf(expected.get(type));
        }
    }
}
