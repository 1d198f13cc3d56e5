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
import java.util.function.Predicate;
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
 * {@link IsolationLevel#READ_COMMITTED} (so records of open transactions are not lag), and for each partition
 * behind it reads from the committed position with a read_committed consumer: the first record's timestamp gives
 * the lag in seconds (now − timestamp), and the records actually returned up to the LSO give the lag in records —
 * commit/abort markers and aborted records are never returned, so they are not lag (when more than 10 000 records
 * or 2 s of reading are needed, the lag is LSO − first record's offset). Not thread-safe; one caller at a time.
 */
public final class LagCollector implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration FETCH_BUDGET = Duration.ofSeconds(2);
    private static final long COUNT_BUDGET = 10_000;

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
        consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
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
        return sample(group -> true);
    }

    /** One sample per consumer group whose id passes {@code groups}. */
    public List<GroupSample> sample(Predicate<String> groups) {
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
        List<String> groupIds = listings.stream().map(GroupListing::groupId).filter(groups).sorted().toList();
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

        Map<TopicPartition, Map<Long, Peek>> peeks = peekAll(committedByGroup, endOffsets);

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
                Peek peek = peeks.getOrDefault(tp, Map.of()).get(committed);
                if (peek == null) {
                    lags.add(PartitionLag.of(tp.topic(), tp.partition(), committed, end, null));
                    return;
                }
                Double seconds = peek.firstTimestamp() == null ? null
                        : Math.max(0, now.toEpochMilli() - peek.firstTimestamp()) / 1000.0;
                lags.add(PartitionLag.measured(tp.topic(), tp.partition(), committed, end, peek.lag(end), seconds));
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
     * What a read_committed consumer finds between a committed offset and the last stable offset: the timestamp of
     * the first record, how many records it read, and whether it reached the LSO (then the count is exact).
     */
    record Peek(Long firstOffset, Long firstTimestamp, long records, boolean complete, long start) {
        /** Exact record count when complete; otherwise the LSO minus the first record found (or the start). */
        long lag(long lastStable) {
            if (complete) {
                return records;
            }
            return Math.max(0, lastStable - (firstOffset == null ? start : firstOffset));
        }
    }

    private Map<TopicPartition, Map<Long, Peek>> peekAll(Map<String, Map<TopicPartition, Long>> committedByGroup,
                                                         Map<TopicPartition, Long> endOffsets) {
        Map<TopicPartition, Map<Long, Peek>> out = new HashMap<>();
        committedByGroup.values().forEach(m -> m.forEach((tp, committed) -> {
            Long end = endOffsets.get(tp);
            if (end != null && end > committed) {
                out.computeIfAbsent(tp, k -> new HashMap<>()).computeIfAbsent(committed, c -> peek(tp, c, end));
            }
        }));
        return out;
    }

    /**
     * Reads from {@code from} towards {@code lastStable} with the read_committed consumer, within a record and time
     * budget. Commit/abort markers and aborted records are never returned, so a group whose committed offset only
     * has markers (or aborted data) before the LSO reads as 0 records behind.
     */
    private Peek peek(TopicPartition tp, long from, long lastStable) {
        peeker.assign(List.of(tp));
        peeker.seek(tp, from);
        long deadline = System.nanoTime() + FETCH_BUDGET.toNanos();
        Long firstOffset = null;
        Long firstTimestamp = null;
        long count = 0;
        try {
            while (System.nanoTime() < deadline && count < COUNT_BUDGET) {
                ConsumerRecords<byte[], byte[]> records = peeker.poll(Duration.ofMillis(100));
                for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
                    if (r.offset() >= lastStable) {
                        return new Peek(firstOffset, firstTimestamp, count, true, from);
                    }
                    if (firstOffset == null) {
                        firstOffset = r.offset();
                        firstTimestamp = r.timestamp();
                    }
                    count++;
                }
                if (peeker.position(tp) >= lastStable) {
                    return new Peek(firstOffset, firstTimestamp, count, true, from);
                }
            }
        } catch (RuntimeException e) {
            // e.g. the offset was deleted by retention: fall back to the offset difference, age unknown
            return new Peek(null, null, 0, false, from);
        }
        return new Peek(firstOffset, firstTimestamp, count, false, from);
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
