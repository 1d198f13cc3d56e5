package io.innopoints.localstack.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.innopoints.localstack.kafka.EmbeddedKafka;
import io.innopoints.schemas.registry.RegistryException;
import io.innopoints.schemas.registry.RestSchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** With its broker down the registry fails writes with Confluent's store error instead of hanging or lying. */
class EmbeddedSchemaRegistryOutageIT {
    private static final Schema V1 = SchemaBuilder.record("Person").fields().requiredString("id").endRecord();
    private static final Schema V2 = SchemaBuilder.record("Person").fields().requiredString("id")
            .name("name").type().stringType().stringDefault("").endRecord();

    @Test
    @Timeout(180)
    void shouldAnswer50001WhileKafkaIsDownAndRecoverAfterwards() {
        try (EmbeddedKafka kafka = EmbeddedKafka.singleNode(null);
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), 0, "_schemas")) {
            // Given a registry that stored one version, then lost its broker
            RestSchemaRegistryClient client = new RestSchemaRegistryClient(registry.url());
            int v1 = client.register("people-value", V1);
            kafka.stopBroker(0);

            // When a new version is registered, Then the write fails with the store error; reads still answer
            assertThatThrownBy(() -> client.register("people-value", V2))
                    .isInstanceOfSatisfying(RegistryException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(500);
                        assertThat(e.errorCode()).isEqualTo(RegistryException.STORE_ERROR);
                    });
            assertThat(new RestSchemaRegistryClient(registry.url()).getById(v1)).isEqualTo(V1);

            // And once the broker is back the same request succeeds as version 2
            kafka.restartBroker(0);
            RestSchemaRegistryClient fresh = new RestSchemaRegistryClient(registry.url());
            int v2 = fresh.register("people-value", V2);
            assertThat(fresh.versions("people-value")).containsExactly(1, 2);
            assertThat(fresh.getLatest("people-value").id()).isEqualTo(v2);
        }
    }
}
