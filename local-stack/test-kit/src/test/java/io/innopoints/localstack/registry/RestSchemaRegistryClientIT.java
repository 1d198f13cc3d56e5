package io.innopoints.localstack.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.innopoints.localstack.kafka.EmbeddedKafka;
import io.innopoints.schemas.event.PatentAction;
import io.innopoints.schemas.event.PatentEvent;
import io.innopoints.schemas.event.PatentType;
import io.innopoints.schemas.registry.Compatibility;
import io.innopoints.schemas.registry.CompatibilityResult;
import io.innopoints.schemas.registry.RegisteredSchema;
import io.innopoints.schemas.registry.RegistryException;
import io.innopoints.schemas.registry.RestSchemaRegistryClient;
import io.innopoints.schemas.serde.AvroDeserializer;
import io.innopoints.schemas.serde.AvroSerializer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The REST client and the serde (configured from plain Kafka properties) against the real embedded registry on a
 * real broker: Confluent error codes arrive as {@link RegistryException}s, levels round-trip, records survive Kafka.
 */
class RestSchemaRegistryClientIT {
    private static final Schema V1 = SchemaBuilder.record("Person").fields().requiredString("id").endRecord();
    private static final Schema V2 = SchemaBuilder.record("Person").fields().requiredString("id")
            .name("name").type().stringType().stringDefault("").endRecord();
    private static final Schema REQUIRED_AGE = SchemaBuilder.record("Person").fields().requiredString("id")
            .requiredInt("age").endRecord();

    private static EmbeddedKafka kafka;
    private static EmbeddedSchemaRegistry registry;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.singleNode(null);
        registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), 0, "_schemas");
    }

    @AfterAll
    static void stop() {
        registry.close();
        kafka.close();
    }

    private static String unique(String base) {
        return base + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    @Timeout(60)
    void shouldRegisterLookUpAndFetch() {
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(registry.url());
        String subject = unique("people") + "-value";

        int id = client.register(subject, V1);

        assertThat(client.register(subject, V1)).isEqualTo(id);
        assertThat(new RestSchemaRegistryClient(registry.url()).getById(id)).isEqualTo(V1);
        assertThat(client.lookup(subject, V1)).contains(new RegisteredSchema(subject, 1, id, V1));
        assertThat(client.lookup(subject, V2)).isEmpty();
        assertThat(client.lookup(unique("nobody"), V1)).isEmpty();
        assertThat(client.subjects()).contains(subject);
        assertThat(client.getVersion(subject, 1).id()).isEqualTo(id);
    }

    @Test
    @Timeout(60)
    void shouldSurfaceIncompatibleSchemaAs409WithReason() {
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(registry.url());
        String subject = unique("people") + "-value";
        client.register(subject, V1);

        CompatibilityResult verdict = client.testCompatibility(subject, REQUIRED_AGE);

        assertThat(verdict.compatible()).isFalse();
        assertThat(verdict.messages()).anySatisfy(m -> assertThat(m).contains("age"));
        assertThat(client.testCompatibility(subject, V2).compatible()).isTrue();
        assertThatThrownBy(() -> client.register(subject, REQUIRED_AGE))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                })
                .hasMessageContaining("age");
    }

    @Test
    @Timeout(60)
    void shouldSurfaceInvalidSchemaAs42201AndUnknownIdAs40403() {
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(registry.url());
        String subject = unique("bad") + "-value";

        assertThatThrownBy(() -> client.register(subject, "{\"type\":\"record\",\"name\":\"X\",\"fields\":[{\"name\":\"a\","
                + "\"type\":\"strang\"}]}", null))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(422);
                    assertThat(e.errorCode()).isEqualTo(42201);
                })
                .hasMessageContaining("strang");
        assertThatThrownBy(() -> client.register(subject, "message X {}", "PROTOBUF"))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42201));
        assertThatThrownBy(() -> client.getById(987_654))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40403);
                });
        assertThatThrownBy(() -> client.versions(subject))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40401));
    }

    @Test
    @Timeout(60)
    void shouldSetAndEnforceLevelsIncludingTransitive() {
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(registry.url());
        String subject = unique("levels") + "-value";
        Schema empty = SchemaBuilder.record("Person").fields().endRecord();
        Schema onlyName = SchemaBuilder.record("Person").fields()
                .name("name").type().stringType().stringDefault("").endRecord();
        client.setCompatibility(subject, Compatibility.NONE);
        client.register(subject, V1);
        client.register(subject, empty);

        // FORWARD compares with the latest version only: accepted
        client.setCompatibility(subject, Compatibility.FORWARD);
        assertThat(client.getCompatibility(subject)).isEqualTo(Compatibility.FORWARD);
        assertThat(client.testCompatibility(subject, onlyName).compatible()).isTrue();

        // FORWARD_TRANSITIVE also with v1, which cannot read data without 'id': rejected
        client.setCompatibility(subject, Compatibility.FORWARD_TRANSITIVE);
        assertThat(client.getCompatibility(subject)).isEqualTo(Compatibility.FORWARD_TRANSITIVE);
        assertThatThrownBy(() -> client.register(subject, onlyName))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(409));

        // a subject without its own level follows the global one (Confluent's default BACKWARD)
        assertThat(client.getCompatibility(unique("fresh"))).isEqualTo(Compatibility.BACKWARD);
        assertThat(client.getCompatibility()).isEqualTo(Compatibility.BACKWARD);
    }

    @Test
    @Timeout(60)
    void shouldServeCachedSchemasWithoutAnotherRequest() {
        // Given a client that fetched once from a registry that is then gone
        String topic = "_schemas-" + UUID.randomUUID().toString().substring(0, 8);
        EmbeddedSchemaRegistry shortLived = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), 0, topic);
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(shortLived.url());
        int id = client.register("cached-value", V1);
        client.getById(id);
        shortLived.close();

        // Then the hot-path calls still answer from the cache, and a new question fails clearly
        assertThat(client.register("cached-value", V1)).isEqualTo(id);
        assertThat(client.getById(id)).isEqualTo(V1);
        assertThatThrownBy(() -> client.register("cached-value", V2))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(RegistryException.UNREACHABLE))
                .hasMessageContaining("unreachable");
    }

    @Test
    @Timeout(90)
    void shouldCarryRecordsThroughKafkaWithSerdeConfiguredFromProperties() {
        // Given a producer and a consumer configured only through Kafka properties
        String topic = unique("patent-events");
        kafka.createTopic(topic, 1, false);
        Map<String, Object> producerProps = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, AvroSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class.getName(),
                "schema.registry.url", registry.url());
        Map<String, Object> consumerProps = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, unique("group"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class.getName(),
                "schema.registry.url", registry.url(),
                "specific.avro.key.type", "java.lang.String",
                "specific.avro.value.type", PatentEvent.class.getName());
        PatentEvent event = PatentEvent.newBuilder()
                .setEventId("evt-1").setEventTime(Instant.parse("2024-05-01T08:00:00Z")).setProvider("patent-office")
                .setCreditCode("91350100M000100Y43").setPatentNumber("CN202310123456.7")
                .setPatentType(PatentType.INVENTION).setAction(PatentAction.GRANTED)
                .setActionDate(LocalDate.parse("2024-04-30")).build();

        // When
        try (KafkaProducer<Object, Object> producer = new KafkaProducer<>(producerProps)) {
            producer.send(new ProducerRecord<>(topic, "91350100M000100Y43", event));
            producer.send(new ProducerRecord<>(topic, "91350100M000100Y43", null));
        }
        List<ConsumerRecord<Object, Object>> received = new ArrayList<>();
        try (KafkaConsumer<Object, Object> consumer = new KafkaConsumer<>(consumerProps)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return received.size() >= 2;
            });
        }

        // Then the key is a String, the value the same PatentEvent, the tombstone null; subjects follow the topic
        assertThat(received).hasSize(2);
        assertThat(received.get(0).key()).isEqualTo("91350100M000100Y43");
        assertThat(received.get(0).value()).isEqualTo(event);
        assertThat(received.get(1).value()).isNull();
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(registry.url());
        assertThat(client.getLatest(topic + "-key").schema()).isEqualTo(Schema.create(Schema.Type.STRING));
        assertThat(client.getLatest(topic + "-value").schema()).isEqualTo(PatentEvent.getClassSchema());
    }
}
