package io.innopoints.localstack.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.localstack.kafka.EmbeddedKafka;
import io.innopoints.schemas.registry.RestSchemaRegistryClient;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** On three brokers the schema topic is replicated three times, and the registry keeps working with one down. */
class EmbeddedSchemaRegistryClusterIT {
    private static final Schema V1 = SchemaBuilder.record("Person").fields().requiredString("id").endRecord();
    private static final Schema V2 = SchemaBuilder.record("Person").fields().requiredString("id")
            .name("name").type().stringType().stringDefault("").endRecord();

    @Test
    @Timeout(240)
    void shouldReplicateSchemaTopicAndSurviveOneBrokerDown() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.cluster(3)) {
            int v1;
            try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), 0, "_schemas")) {
                // Given the topic the registry created
                TopicDescription topic = kafka.admin().describeTopics(List.of("_schemas")).allTopicNames().get()
                        .get("_schemas");
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "_schemas");
                String minIsr = kafka.admin().describeConfigs(List.of(resource)).all().get().get(resource)
                        .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value();
                assertThat(topic.partitions().get(0).replicas()).hasSize(3);
                assertThat(minIsr).isEqualTo("2");
                v1 = new RestSchemaRegistryClient(registry.url()).register("people-value", V1);

                // When the partition leader stops, Then registering still succeeds (acks=all with min ISR 2)
                kafka.stopBroker(brokerIndex(kafka, topic.partitions().get(0).leader().id()));
                int v2 = new RestSchemaRegistryClient(registry.url()).register("people-value", V2);
                assertThat(v2).isEqualTo(v1 + 1);
            }

            // And a registry started while that broker is still down rebuilds both versions
            try (EmbeddedSchemaRegistry again = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), 0, "_schemas")) {
                RestSchemaRegistryClient client = new RestSchemaRegistryClient(again.url());
                assertThat(client.versions("people-value")).containsExactly(1, 2);
                assertThat(client.getById(v1)).isEqualTo(V1);
            }
        }
    }

    /** Index of a broker for stopBroker(): the test kit numbers broker ids from 0 in start order. */
    private static int brokerIndex(EmbeddedKafka kafka, int brokerId) {
        assertThat(brokerId).isBetween(0, kafka.brokerCount() - 1);
        return brokerId;
    }
}
