package io.innopoints.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicCatalogTest {

    @Test
    void shouldCreateEveryTopicWithItsCleanupPolicyAndNoTimeRetention() {
        TopicCatalog catalog = TopicCatalog.from(Map.of("topic.patent-events", "zone-a.patents"));

        List<NewTopic> topics = catalog.newTopics(6, Optional.of((short) 3));

        assertThat(topics).extracting(NewTopic::name).containsExactlyElementsOf(catalog.all().values());
        for (NewTopic t : topics) {
            Topic topic = catalog.all().entrySet().stream().filter(e -> e.getValue().equals(t.name())).findFirst()
                    .orElseThrow().getKey();
            assertThat(t.numPartitions()).isEqualTo(6);
            assertThat(t.replicationFactor()).isEqualTo((short) 3);
            assertThat(t.configs()).containsEntry("retention.ms", "-1")
                    .containsEntry("cleanup.policy", topic.compacted() ? "compact" : "delete");
        }
        assertThat(topics).extracting(NewTopic::name).contains("zone-a.patents");
    }

    @Test
    void shouldCreateOnlyTheTopicsAskedForWithTheBrokersReplicationWhenNoneIsGiven() {
        List<NewTopic> inputs = TopicCatalog.defaults().newTopics(List.of(Topic.PATENT_EVENTS), 2, Optional.empty());

        assertThat(inputs).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("patent-events");
            assertThat(t.replicationFactor()).isEqualTo((short) -1);
        });
        assertThatThrownBy(() -> TopicCatalog.defaults().newTopics(0, Optional.empty()))
                .hasMessageContaining("partitions: must be at least 1, was 0");
    }
}
