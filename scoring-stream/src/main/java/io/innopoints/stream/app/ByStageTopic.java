package io.innopoints.stream.app;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * scoring-stream's by-stage topic (profile stage → rank stage, and rank stage → rank stage for HANDOVERs), named in
 * the configuration ({@code scoring.by-stage.topic}) and owned by the app, as Kafka Streams owns a repartition topic:
 * {@link #ensure} creates it before the app starts (its partitions bound ranking parallelism), and {@link #purge}
 * deletes what the app's consumer group has committed past, so the topic holds only what is not yet ranked.
 *
 * <p>Releases before December 2026 used Kafka Streams' repartition topic {@code <application.id>-by-stage-repartition}.
 * Messages left in it would be lost by switching topics, so {@link #ensure} refuses to start while it holds messages
 * the group has not consumed, naming the setting that keeps reading it.
 */
final class ByStageTopic {
    private static final Logger LOG = LoggerFactory.getLogger(ByStageTopic.class);
    private static final long TIMEOUT_S = 30;

    private final Admin admin;
    private final Properties consumerProperties;
    private final String topic;
    private final String groupId;

    /**
     * @param consumerProperties connection properties of a consumer of the cluster (bootstrap servers, TLS, SASL)
     * @param groupId            the app's consumer group (its application.id)
     */
    ByStageTopic(Admin admin, Properties consumerProperties, String topic, String groupId) {
        this.admin = admin;
        this.consumerProperties = consumerProperties;
        this.topic = topic;
        this.groupId = groupId;
    }

    /** The topic Kafka Streams created for the by-stage repartition in earlier releases. */
    static String legacyName(String applicationId) {
        return applicationId + "-by-stage-repartition";
    }

    /**
     * Creates the topic unless it exists (no time-based retention: {@link #purge} empties it); refuses to start when
     * the earlier releases' repartition topic still holds messages this group has not consumed.
     *
     * @throws IllegalStateException naming the topic and the setting to use
     */
    void ensure(int partitions, short replication) {
        try {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS);
            String legacy = legacyName(groupId);
            if (!topic.equals(legacy) && existing.contains(legacy)) {
                if (holdsUnconsumed(legacy)) {
                    throw new IllegalStateException(legacy + " (the by-stage topic of an earlier release) holds "
                            + "messages not yet ranked: start with scoring.by-stage.topic=" + legacy
                            + " to keep using it (or let the earlier release drain it first)");
                }
                LOG.warn("{} (the by-stage topic of an earlier release) is drained and no longer used: delete it",
                        legacy);
            }
            if (existing.contains(topic)) {
                return;
            }
            NewTopic t = new NewTopic(topic, Optional.of(partitions),
                    replication < 0 ? Optional.empty() : Optional.of(replication))
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                            TopicConfig.RETENTION_MS_CONFIG, "-1"));
            try {
                admin.createTopics(List.of(t)).all().get(TIMEOUT_S, TimeUnit.SECONDS);
                LOG.info("created the by-stage topic {} ({} partitions)", topic, partitions);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e; // another instance created it meanwhile: fine
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the by-stage topic " + topic + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes every record before the group's committed offset of each partition: those are ranked and their
     * effects committed (under exactly-once in the same transaction as the offsets).
     *
     * @return the partitions purged
     */
    int purge() throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, RecordsToDelete> deletions = new HashMap<>();
        committed(topic).forEach((tp, offset) -> deletions.put(tp, RecordsToDelete.beforeOffset(offset)));
        if (!deletions.isEmpty()) {
            admin.deleteRecords(deletions).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        }
        return deletions.size();
    }

    /**
     * Whether {@code name} holds a message after the group's committed offsets (from the start where nothing is
     * committed), as a read-committed consumer sees it: transaction markers and aborted records are not messages.
     * Stops at the first one, so a start-up never reads a large backlog just to refuse it.
     */
    private boolean holdsUnconsumed(String name) throws InterruptedException, ExecutionException, TimeoutException {
        TopicDescription description = admin.describeTopics(List.of(name)).allTopicNames()
                .get(TIMEOUT_S, TimeUnit.SECONDS).get(name);
        List<TopicPartition> partitions = description.partitions().stream()
                .map(p -> new TopicPartition(name, p.partition())).toList();
        Map<TopicPartition, Long> committed = committed(name);
        Properties props = new Properties();
        props.putAll(consumerProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            committed.forEach(consumer::seek);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(TIMEOUT_S));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("reading " + name + " to its end");
                }
                if (!consumer.poll(Duration.ofMillis(200)).isEmpty()) {
                    return true;
                }
            }
            return false;
        }
    }

    private Map<TopicPartition, Long> committed(String name)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> all = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_S, TimeUnit.SECONDS);
        Map<TopicPartition, Long> out = new HashMap<>();
        all.forEach((tp, offset) -> {
            if (offset != null && tp.topic().equals(name)) {
                out.put(tp, offset.offset());
            }
        });
        return out;
    }
}
