package io.innopoints.sink.publish;

import io.innopoints.schemas.credit.CreditListChange;
import io.innopoints.schemas.credit.CreditListChangeKind;
import io.innopoints.sink.store.CreditListStore;
import io.innopoints.sink.store.CreditListStore.OutboxRow;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Sends the credit-list outbox to {@code credit-list-changes} (key = credit code): the unsent rows in sequence order
 * per programme, through an idempotent producer (acks=all, so a retried send is not duplicated in the log), then marks
 * them sent once every send of the batch was acknowledged. Nothing is lost: a row stays unsent until acknowledged, and
 * a failed batch is sent again on the next call. A crash after the acknowledgement and before the mark would send
 * those rows again; {@link #reconcile} at start-up prevents it by finding them on the topic first (read_committed,
 * from the oldest unsent row's time on: a record's timestamp is its send time, after the row was recorded) and
 * marking them sent. What remains possible is a second instance publishing from the same database concurrently; the
 * {@code eventId} stays the same for a row, so readers can deduplicate by it.
 */
public final class CreditEventRelay {
    private static final int BATCH = 500;
    private final Producer<byte[], byte[]> producer;
    private final Serializer<String> keys;
    private final Serializer<Object> values;
    private final String topic;
    private final CreditListStore store;
    private final Clock clock;

    public CreditEventRelay(Producer<byte[], byte[]> producer, Serializer<String> keys, Serializer<Object> values,
                            String topic, CreditListStore store, Clock clock) {
        this.producer = producer;
        this.keys = keys;
        this.values = values;
        this.topic = topic;
        this.store = store;
        this.clock = clock;
    }

    /**
     * Sends every unsent row; returns how many were sent.
     *
     * @throws SQLException         the database failed (rows stay unsent)
     * @throws ExecutionException   a send failed (rows of the batch stay unsent)
     */
    public int sendPending() throws SQLException, ExecutionException, InterruptedException {
        int sent = 0;
        while (true) {
            List<OutboxRow> rows = store.unsent(BATCH);
            if (rows.isEmpty()) {
                return sent;
            }
            List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
            for (OutboxRow r : rows) {
                acks.add(producer.send(new ProducerRecord<>(topic, keys.serialize(topic, r.creditCode()),
                        values.serialize(topic, event(r)))));
            }
            producer.flush();
            List<OutboxRow> acknowledged = new ArrayList<>(rows.size());
            ExecutionException failure = null;
            for (int i = 0; i < rows.size(); i++) {
                try {
                    acks.get(i).get();
                    acknowledged.add(rows.get(i));
                } catch (ExecutionException e) {
                    failure = failure == null ? e : failure;
                }
            }
            // what the broker acknowledged is marked even when others of the batch failed (they are sent again)
            store.markSent(acknowledged, clock.instant());
            sent += acknowledged.size();
            if (failure != null) {
                throw failure;
            }
        }
    }

    /**
     * Marks as sent the unsent rows a previous run already published (acknowledged, then crashed before the mark),
     * so they are not sent twice; returns how many. Reads the topic with the given group-less consumer from the
     * earliest offset whose timestamp is at or after the oldest unsent row's event time, up to the end.
     */
    public int reconcile(Consumer<byte[], byte[]> consumer, Deserializer<CreditListChange> decoder) throws SQLException {
        List<OutboxRow> unsent = store.unsent(Integer.MAX_VALUE);
        if (unsent.isEmpty()) {
            return 0;
        }
        Map<String, OutboxRow> byId = new HashMap<>();
        long from = Long.MAX_VALUE;
        for (OutboxRow r : unsent) {
            byId.put(r.eventId(), r);
            from = Math.min(from, r.eventTime());
        }
        long since = from;
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, since));
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query, Duration.ofSeconds(30));
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        List<TopicPartition> toRead = partitions.stream()
                .filter(p -> starts.get(p) != null && starts.get(p).offset() < ends.get(p)).toList();
        consumer.assign(toRead);
        toRead.forEach(p -> consumer.seek(p, starts.get(p).offset()));
        List<OutboxRow> found = new ArrayList<>();
        while (toRead.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                CreditListChange event;
                try {
                    event = decoder.deserialize(topic, record.value());
                } catch (RuntimeException e) {
                    continue; // not ours to judge: only our rows' ids matter
                }
                OutboxRow row = byId.remove(event.getEventId());
                if (row != null) {
                    found.add(row);
                }
            }
        }
        if (!found.isEmpty()) {
            store.markSent(found, clock.instant());
        }
        return found.size();
    }

    /** The Avro event of an outbox row. */
    public static CreditListChange event(OutboxRow r) {
        return CreditListChange.newBuilder().setEventId(r.eventId()).setProgrammeId(r.programmeId())
                .setBankId(r.bankId()).setZone(r.zone()).setEpoch(r.epoch()).setSequence(r.seq())
                .setKind(CreditListChangeKind.valueOf(r.kind())).setCreditCode(r.creditCode()).setName(r.name())
                .setStage(r.stage()).setCohortId(r.cohortId()).setLiveRank(r.liveRank()).setTier(r.tier())
                .setTotal(r.total()).setEventTime(Instant.ofEpochMilli(r.eventTime())).build();
    }
}
