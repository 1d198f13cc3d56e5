package io.innopoints.localstack.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.innopoints.localstack.kafka.EmbeddedKafka;
import io.innopoints.schemas.registry.Compatibility;
import io.innopoints.schemas.registry.RestSchemaRegistryClient;
import io.innopoints.schemas.registry.SchemaRegistryClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The registry's durable storage on a real broker: restarts and a second instance see the same ids and versions. */
class EmbeddedSchemaRegistryIT {
    private static final Schema V1 = SchemaBuilder.record("Person").fields().requiredString("id").endRecord();
    private static final Schema V2 = SchemaBuilder.record("Person").fields().requiredString("id")
            .name("name").type().stringType().stringDefault("").endRecord();
    private static final Schema V3 = SchemaBuilder.record("Person").fields().requiredString("id")
            .name("name").type().stringType().stringDefault("")
            .name("age").type().intType().intDefault(0).endRecord();

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.singleNode(null);
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    private static String uniqueTopic() {
        return "_schemas-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    @Timeout(120)
    void shouldKeepIdsVersionsAndLevelsAcrossRestart() {
        // Given a registry that stored schemas and levels in its topic
        String topic = uniqueTopic();
        int v1;
        int v2;
        int other;
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), 0, topic)) {
            SchemaRegistryClient client = new RestSchemaRegistryClient(registry.url());
            client.register("filler-value", Schema.create(Schema.Type.LONG));
            v1 = client.register("people-value", V1);
            v2 = client.register("people-value", V2);
            other = client.register("staff-value", V2);
            client.setCompatibility(Compatibility.FULL_TRANSITIVE);
            client.setCompatibility("staff-value", Compatibility.NONE);
        }

        // When a new registry starts on the same topic
        try (EmbeddedSchemaRegistry restarted = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), 0, topic)) {
            SchemaRegistryClient client = new RestSchemaRegistryClient(restarted.url());

            // Then everything is as it was, and new ids continue after the old ones
            assertThat(List.of(v1, v2, other)).containsExactly(2, 3, 3);
            assertThat(client.getById(v1)).isEqualTo(V1);
            assertThat(client.versions("people-value")).containsExactly(1, 2);
            assertThat(client.getLatest("people-value").id()).isEqualTo(v2);
            assertThat(client.register("people-value", V2)).isEqualTo(v2);
            assertThat(client.getCompatibility()).isEqualTo(Compatibility.FULL_TRANSITIVE);
            assertThat(client.getCompatibility("staff-value")).isEqualTo(Compatibility.NONE);
            assertThat(client.subjects()).containsExactly("filler-value", "people-value", "staff-value");
            assertThat(client.register("people-value", V3)).isEqualTo(4);
            assertThat(client.versions("people-value")).containsExactly(1, 2, 3);
        }
    }

    @Test
    @Timeout(120)
    void shouldCreateCompactedTopicWhenAbsent() throws Exception {
        String topic = uniqueTopic();

        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), 0, topic)) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Map<ConfigResource, Config> configs = kafka.admin().describeConfigs(List.of(resource)).all().get();

            assertThat(configs.get(resource).get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                    .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
            assertThat(kafka.admin().describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions())
                    .hasSize(1);
        }
    }

    @Test
    @Timeout(120)
    void shouldAgreeBetweenTwoInstancesOnOneTopic() {
        // Given two registries sharing a topic
        String topic = uniqueTopic();
        try (EmbeddedSchemaRegistry a = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), 0, topic);
             EmbeddedSchemaRegistry b = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), 0, topic)) {
            SchemaRegistryClient viaA = new RestSchemaRegistryClient(a.url());
            SchemaRegistryClient viaB = new RestSchemaRegistryClient(b.url());

            // When each registers a version of the same subject
            int first = viaA.register("people-value", V1);
            int second = viaB.register("people-value", V2);

            // Then B saw A's write before deciding, and A catches up with B's
            assertThat(List.of(first, second)).containsExactly(1, 2);
            assertThat(viaB.versions("people-value")).containsExactly(1, 2);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(new RestSchemaRegistryClient(a.url()).versions("people-value"))
                            .containsExactly(1, 2));
            assertThat(viaA.register("people-value", V2)).isEqualTo(second);
        }
    }
}
