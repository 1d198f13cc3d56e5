package io.innopoints.sink.publish;

import io.innopoints.schemas.credit.CreditListChange;
import io.innopoints.schemas.credit.CreditListChangeKind;
import io.innopoints.sink.store.CreditListStore;
import io.innopoints.sink.store.CreditListStore.OutboxRow;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Sends the credit-list outbox to {@code credit-list-changes} (key = credit code): the unsent rows in sequence order
 * per programme, through an idempotent producer (acks=all, so a retried send is not duplicated in the log), then marks
 * them sent once every send of the batch was acknowledged. Nothing is lost: a row stays unsent until acknowledged, and
 * a failed batch is sent again on the next call. A crash after the acknowledgement and before the mark sends those
 * rows again with the same {@code eventId} — the one duplicate a reader may see, and deduplicates by that id.
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
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
            store.markSent(rows, clock.instant());
            sent += rows.size();
        }
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
