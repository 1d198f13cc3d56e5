package io.innopoints.stream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.innopoints.localstack.junit.LocalStackExtension;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The app's by-stage topic on a real broker: created once, purged up to the group's offsets, and the upgrade guard. */
class ByStageTopicIT {
    @RegisterExtension
    static final LocalStackExtension platform = LocalStackExtension.singleNode();

    @Test
    void shouldCreateTheTopicOnceWithItsPartitionsAndNoTimeRetention() throws Exception {
        String app = platform.uniqueName("app");
        String topic = app + "-by-stage";
        ByStageTopic byStage = new ByStageTopic(admin(), connection(), topic, app);

        byStage.ensure(5, (short) -1);
        byStage.ensure(8, (short) -1); // a second instance: nothing changes

        TopicDescription description = admin().describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        assertThat(description.partitions()).hasSize(5);
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        assertThat(admin().describeConfigs(List.of(resource)).all().get().get(resource).get("retention.ms").value())
                .isEqualTo("-1");
    }

    @Test
    void shouldPurgeWhatTheGroupCommittedPastAndNothingElse() throws Exception {
        // Given ten messages in partition 0 and six of them committed by the app's group
        String app = platform.uniqueName("app");
        String topic = app + "-by-stage";
        ByStageTopic byStage = new ByStageTopic(admin(), connection(), topic, app);
        byStage.ensure(2, (short) -1);
        produce(topic, 10);
        commit(app, topic, 6);

        // When purged
        int purged = byStage.purge();

        // Then partition 0 starts at the committed offset, and partition 1 (nothing committed) is untouched
        assertThat(purged).isEqualTo(1);
        TopicPartition p0 = new TopicPartition(topic, 0);
        assertThat(admin().listOffsets(Map.of(p0, OffsetSpec.earliest())).all().get().get(p0).offset()).isEqualTo(6);
        assertThat(admin().listOffsets(Map.of(p0, OffsetSpec.latest())).all().get().get(p0).offset()).isEqualTo(10);
    }

    @Test
    void shouldRefuseToLeaveMessagesOfTheEarlierRepartitionTopicUnrankedAndStartOnceTheyAreConsumed() throws Exception {
        // Given an earlier release's repartition topic with four messages, two of them consumed by the group
        String app = platform.uniqueName("app");
        String legacy = ByStageTopic.legacyName(app);
        admin().createTopics(List.of(new NewTopic(legacy, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        produce(legacy, 4);
        commit(app, legacy, 2);
        ByStageTopic byStage = new ByStageTopic(admin(), connection(), app + "-by-stage", app);

        // When the new release starts, then it refuses, naming the topic and the setting that keeps it
        assertThatThrownBy(() -> byStage.ensure(1, (short) -1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(legacy + " (the by-stage topic of an earlier release) holds messages not yet")
                .hasMessageContaining("scoring.by-stage.topic=" + legacy);
        assertThat(admin().listTopics().names().get()).doesNotContain(app + "-by-stage");

        // and once the group consumed them it starts
        commit(app, legacy, 4);
        byStage.ensure(1, (short) -1);
        assertThat(admin().listTopics().names().get()).contains(app + "-by-stage");

        // and keeping the earlier topic by name is allowed whatever it holds
        produce(legacy, 1);
        new ByStageTopic(admin(), connection(), legacy, app).ensure(1, (short) -1);
    }

    private static Admin admin() {
        return platform.kafka().admin();
    }

    private static Properties connection() {
        Properties p = new Properties();
        p.put("bootstrap.servers", platform.bootstrapServers());
        return p;
    }

    private static void produce(String topic, int n) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", platform.bootstrapServers()), new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(topic, 0, "startup", "m" + i)).get();
            }
        }
    }

    private static void commit(String group, String topic, long offset) throws Exception {
        admin().alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(offset)))
                .all().get(30, TimeUnit.SECONDS);
    }
}
