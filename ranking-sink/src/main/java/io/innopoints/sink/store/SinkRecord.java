package io.innopoints.sink.store;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * One consumed record as the materializer sees it: where it came from (topic, partition, offset, timestamp) and
 * either its decoded Avro value, a tombstone ({@code value == null} and no rejection), or the reason it could not be
 * decoded together with its original bytes ({@link Rejection}). Kafka-free so the materializer runs on plain inputs.
 */
public record SinkRecord(String topic, int partition, long offset, long timestamp, SpecificRecord value,
                         Rejection rejection) {

    public SinkRecord {
        Objects.requireNonNull(topic, "topic");
        if (value != null && rejection != null) {
            throw new IllegalArgumentException("a record is either decoded or rejected, not both");
        }
    }

    /** What made a record undecodable, with its untouched bytes for the dead-letter table. */
    public record Rejection(byte[] key, byte[] value, String errorClass, String reason) {
        public Rejection {
            Objects.requireNonNull(errorClass, "errorClass");
            Objects.requireNonNull(reason, "reason");
        }
    }

    public static SinkRecord decoded(String topic, int partition, long offset, long timestamp, SpecificRecord value) {
        return new SinkRecord(topic, partition, offset, timestamp, Objects.requireNonNull(value, "value"), null);
    }

    public static SinkRecord tombstone(String topic, int partition, long offset, long timestamp) {
        return new SinkRecord(topic, partition, offset, timestamp, null, null);
    }

    public static SinkRecord rejected(String topic, int partition, long offset, long timestamp,
                                      byte[] key, byte[] value, String errorClass, String reason) {
        return new SinkRecord(topic, partition, offset, timestamp, null, new Rejection(key, value, errorClass, reason));
    }

    public PartitionKey partitionKey() {
        return new PartitionKey(topic, partition);
    }
}
