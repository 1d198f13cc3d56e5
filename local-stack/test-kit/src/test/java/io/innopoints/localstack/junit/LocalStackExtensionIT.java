package io.innopoints.localstack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.innopoints.localstack.LocalStack;
import io.innopoints.schemas.event.PatentAction;
import io.innopoints.schemas.event.PatentEvent;
import io.innopoints.schemas.event.PatentType;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.topic.TopicCatalog;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the fixture promises the apps' ITs: a shared running platform, unique names, catalogs, Avro helpers. */
class LocalStackExtensionIT {
    @RegisterExtension
    static final LocalStackExtension platform = LocalStackExtension.singleNode();

    static PatentEvent patent(int n) {
        return PatentEvent.newBuilder()
                .setEventId("e-" + n)
                .setEventTime(Instant.ofEpochMilli(1_700_000_000_000L + n))
                .setProvider("patent-office")
                .setCreditCode("91350100MA2XYW123F")
                .setPatentNumber("CN" + n)
                .setPatentType(PatentType.INVENTION)
                .setAction(PatentAction.FILED)
                .setActionDate(LocalDate.of(2024, 1, 1).plusDays(n))
                .build();
    }

    @Test
    @Timeout(60)
    void shouldCreateEveryCatalogTopicWithItsCleanupPolicyAndPartitions() throws Exception {
        // When
        TopicCatalog catalog = platform.uniqueCatalog(2);

        // Then
        Set<String> names = Set.copyOf(catalog.all().values());
        Map<String, TopicDescription> described = platform.kafka().admin().describeTopics(names).allTopicNames().get();
        List<ConfigResource> resources = names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).collect(Collectors.toList());
        Map<ConfigResource, Config> configs = platform.kafka().admin().describeConfigs(resources).all().get();
        for (Topic topic : Topic.values()) {
            String name = catalog.name(topic);
            assertThat(name).endsWith("-" + topic.defaultName());
            assertThat(described.get(name).partitions()).hasSize(2);
            assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name))
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                    .as(name).isEqualTo(topic.compacted() ? "compact" : "delete");
        }
    }

    @Test
    void shouldHandOutDistinctLegalNamesThatNameTheTest() {
        String first = platform.uniqueName("Patent Events");
        String second = platform.uniqueName("Patent Events");

        assertThat(first).isNotEqualTo(second);
        assertThat(List.of(first, second)).allSatisfy(name -> assertThat(name)
                .matches("[a-z0-9-]{1,100}")
                .startsWith("patent-events-shouldhandoutdistinctlegalnames"));
    }

    @Test
    @Timeout(60)
    void shouldRoundTripRecordsThroughOurAvroSerdeAndRegistry() {
        // Given
        TopicCatalog catalog = platform.uniqueCatalog();
        String topic = catalog.name(Topic.PATENT_EVENTS);

        // When
        platform.produce(topic, "91350100MA2XYW123F", patent(1));
        platform.produce(topic, "91350100MA2XYW123F", patent(2));
        List<ConsumerRecord<String, PatentEvent>> read = platform.consumeAtLeast(topic, PatentEvent.class, 2);

        // Then
        assertThat(read).extracting(ConsumerRecord::value).containsExactly(patent(1), patent(2));
        assertThat(read).extracting(ConsumerRecord::key).containsOnly("91350100MA2XYW123F");
        assertThat(platform.registryClient().subjects()).contains(catalog.keySubject(Topic.PATENT_EVENTS),
                catalog.valueSubject(Topic.PATENT_EVENTS));
    }

    @Test
    void shouldInjectTheRunningPlatform(LocalStack stack, LocalStackExtension extension) {
        assertThat(stack).isSameAs(platform.stack());
        assertThat(extension).isSameAs(platform);
        assertThat(stack.schemaRegistryUrl()).startsWith("http://");
    }

    @Test
    @Timeout(60)
    void shouldMeasureLagUntilAGroupHasCommittedEverythingWritten() throws Exception {
        // Given: three records nobody has read
        String topic = platform.uniqueTopic("lag", 2, false);
        platform.produce(topic, PatentEvent.class, List.of(new ProducerRecord<>(topic, "a", patent(1)),
                new ProducerRecord<>(topic, "b", patent(2)), new ProducerRecord<>(topic, "c", patent(3))));
        String group = platform.uniqueName("group");
        assertThat(TestRecords.lag(platform.kafka().admin(), group, List.of(topic))).isEqualTo(3);

        // When: a member of the group reads them and commits
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                platform.consumerConfig(Map.of(ConsumerConfig.GROUP_ID_CONFIG, group)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            AtomicInteger read = new AtomicInteger();
            await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
                read.addAndGet(consumer.poll(Duration.ofMillis(200)).count());
                return read.get() >= 3;
            });
            consumer.commitSync();
        }

        // Then
        platform.awaitNoLag(group, topic);
        assertThat(TestRecords.lag(platform.kafka().admin(), group, List.of(topic))).isZero();
    }
}
