package io.innopoints.sink.lag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Takes one lag sample of every consumer group of a cluster: lists the groups, describes them (state, members),
 * reads their committed offsets, reads each partition's last stable offset with {@code listOffsets(latest)} under
 * {@link IsolationLevel#READ_COMMITTED} (so commit/abort markers and open transactions are not lag), and for
 * each lagging partition fetches the record at the committed position with a read_committed consumer to get the
 * lag in seconds (now − its timestamp). Not thread-safe; one caller at a time.
 */
public final class LagCollector implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration FETCH_BUDGET = Duration.ofSeconds(2);

    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> peeker;
    private final Clock clock;

    public LagCollector(Map<String, Object> clientProperties, Clock clock) {
        Map<String, Object> adminProps = new HashMap<>(clientProperties);
        adminProps.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "innopoints-lag-admin");
        adminProps.keySet().retainAll(AdminClientConfig.configNames());
        this.admin = Admin.create(adminProps);
        Map<String, Object> consumerProps = new HashMap<>(clientProperties);
        consumerProps.keySet().retainAll(ConsumerConfig.configNames());
        consumerProps.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, "innopoints-lag-peek");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.peeker = new KafkaConsumer<>(consumerProps);
        this.clock = clock;
    }

    /**
     * One sample per consumer group.
     *
     * @throws LagCollectionException when the cluster cannot be reached at all (groups cannot be listed)
     */
    public List<GroupSample> sample() {
        Instant now = clock.instant();
        Collection<GroupListing> listings;
        try {
            listings = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LagCollectionException("interrupted while listing consumer groups", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new LagCollectionException("cannot list consumer groups: " + message(e), e);
        }
        List<String> groupIds = listings.stream().map(GroupListing::groupId).sorted().toList();
        Map<String, ConsumerGroupDescription> descriptions = describe(groupIds);

        Map<String, Map<TopicPartition, Long>> committedByGroup = new TreeMap<>();
        Map<String, String> groupErrors = new HashMap<>();
        Set<TopicPartition> partitions = new HashSet<>();
        for (String group : groupIds) {
            try {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                Map<TopicPartition, Long> committed = new HashMap<>();
                offsets.forEach((tp, om) -> {
                    if (om != null) {
                        committed.put(tp, om.offset());
                    }
                });
                committedByGroup.put(group, committed);
                partitions.addAll(committed.keySet());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LagCollectionException("interrupted", e);
            } catch (ExecutionException | TimeoutException e) {
                groupErrors.put(group, message(e));
            }
        }

        Map<TopicPartition, Long> endOffsets = new HashMap<>();
        Map<TopicPartition, String> endErrors = new HashMap<>();
        readLastStableOffsets(partitions, endOffsets, endErrors);

        Map<TopicPartition, Map<Long, Long>> timestamps = timestampsAt(committedByGroup, endOffsets);

        List<GroupSample> out = new ArrayList<>();
        for (String group : groupIds) {
            ConsumerGroupDescription d = descriptions.get(group);
            String state = d == null ? "UNKNOWN" : String.valueOf(d.groupState());
            int members = d == null ? 0 : d.members().size();
            if (groupErrors.containsKey(group)) {
                out.add(new GroupSample(group, now, state, members, List.of(), groupErrors.get(group)));
                continue;
            }
            List<PartitionLag> lags = new ArrayList<>();
            new TreeMap<String, TopicPartition>(byKey(committedByGroup.get(group).keySet())).values().forEach(tp -> {
                long committed = committedByGroup.get(group).get(tp);
                Long end = endOffsets.get(tp);
                if (end == null) {
                    lags.add(PartitionLag.failed(tp.topic(), tp.partition(), committed,
                            endErrors.getOrDefault(tp, "end offset unavailable")));
                    return;
                }
                Long ts = timestamps.getOrDefault(tp, Map.of()).get(committed);
                Double seconds = ts == null ? null : Math.max(0, now.toEpochMilli() - ts) / 1000.0;
                lags.add(PartitionLag.of(tp.topic(), tp.partition(), committed, end, seconds));
            });
            out.add(new GroupSample(group, now, state, members, lags, null));
        }
        return out;
    }

    private Map<String, ConsumerGroupDescription> describe(List<String> groupIds) {
        Map<String, ConsumerGroupDescription> out = new HashMap<>();
        if (groupIds.isEmpty()) {
            return out;
        }
        admin.describeConsumerGroups(groupIds).describedGroups().forEach((id, future) -> {
            try {
                out.put(id, future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // state unknown; offsets are still read and judged without membership
            }
        });
        return out;
    }

    private void readLastStableOffsets(Set<TopicPartition> partitions, Map<TopicPartition, Long> endOffsets,
                                       Map<TopicPartition, String> errors) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
        ListOffsetsResult result = admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED));
        for (TopicPartition tp : partitions) {
            try {
                endOffsets.put(tp, result.partitionResult(tp).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).offset());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                errors.put(tp, "interrupted");
            } catch (ExecutionException | TimeoutException e) {
                errors.put(tp, message(e));
            }
        }
    }

    /**
     * Timestamp of the first committed record at or after each lagging group's committed offset, per partition and
     * offset. Several groups at different offsets of one partition each need their own fetch.
     */
    private Map<TopicPartition, Map<Long, Long>> timestampsAt(Map<String, Map<TopicPartition, Long>> committedByGroup,
                                                              Map<TopicPartition, Long> endOffsets) {
        Map<TopicPartition, Set<Long>> wanted = new HashMap<>();
        committedByGroup.values().forEach(m -> m.forEach((tp, committed) -> {
            Long end = endOffsets.get(tp);
            if (end != null && end > committed) {
                wanted.computeIfAbsent(tp, k -> new HashSet<>()).add(committed);
            }
        }));
        Map<TopicPartition, Map<Long, Long>> out = new HashMap<>();
        for (Map.Entry<TopicPartition, Set<Long>> e : wanted.entrySet()) {
            TopicPartition tp = e.getKey();
            for (long offset : e.getValue()) {
                Long ts = timestampAt(tp, offset);
                if (ts != null) {
                    out.computeIfAbsent(tp, k -> new HashMap<>()).put(offset, ts);
                }
            }
        }
        return out;
    }

    private Long timestampAt(TopicPartition tp, long offset) {
        peeker.assign(List.of(tp));
        peeker.seek(tp, offset);
        long deadline = System.nanoTime() + FETCH_BUDGET.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> records = peeker.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
                    if (r.offset() >= offset) {
                        return r.timestamp();
                    }
                }
            }
        } catch (RuntimeException e) {
            return null; // e.g. the offset was deleted by retention: age unknown, lag in records still holds
        }
        return null;
    }

    private static Map<String, TopicPartition> byKey(Set<TopicPartition> tps) {
        Map<String, TopicPartition> out = new HashMap<>();
        tps.forEach(tp -> out.put(String.format("%s-%06d", tp.topic(), tp.partition()), tp));
        return out;
    }

    private static String message(Exception e) {
        Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    @Override
    public void close() {
        peeker.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }

    /** The cluster could not be sampled at all. */
    public static final class LagCollectionException extends RuntimeException {
        public LagCollectionException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
