package io.innopoints.localstack.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.event.PatentEvent;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.topic.TopicCatalog;
import java.util.List;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fixture on three brokers: replicated catalog topics and schemas, usable while a broker is down. */
class LocalStackClusterIT {
    @RegisterExtension
    static final LocalStackExtension platform = LocalStackExtension.cluster(3);

    @Test
    @Timeout(120)
    void shouldReplicateCatalogTopicsAndKeepServingAvroWithOneBrokerDown() throws Exception {
        // Given
        TopicCatalog catalog = platform.uniqueCatalog(2);
        String topic = catalog.name(Topic.PATENT_EVENTS);
        TopicDescription described = platform.kafka().admin().describeTopics(List.of(topic, "_schemas"))
                .allTopicNames().get().get(topic);
        assertThat(described.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
        platform.produce(topic, "91350100MA2XYW123F", LocalStackExtensionIT.patent(1));

        // When
        platform.kafka().stopBroker(2);
        try {
            platform.produce(topic, "91350100MA2XYW123F", LocalStackExtensionIT.patent(2));

            // Then
            List<ConsumerRecord<String, PatentEvent>> read = platform.consumeAtLeast(topic, PatentEvent.class, 2);
            assertThat(read).extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrder(LocalStackExtensionIT.patent(1), LocalStackExtensionIT.patent(2));
        } finally {
            platform.kafka().restartBroker(2);
        }
    }
}
