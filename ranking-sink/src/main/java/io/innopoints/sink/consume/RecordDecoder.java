package io.innopoints.sink.consume;

import io.innopoints.schemas.registry.RegistryException;
import io.innopoints.sink.store.SinkRecord;
import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Turns a raw Kafka record into a {@link SinkRecord}: decodes the value with the topic's deserializer; a null value
 * is a tombstone; a value that cannot be decoded becomes a rejection carrying its original bytes and the reason.
 * A failure that is not the record's fault (schema registry unreachable, I/O) is thrown as
 * {@link TransientDecodeException} so the batch is retried instead of dead-lettered.
 */
public final class RecordDecoder {
    private final Map<String, Deserializer<? extends SpecificRecord>> valueDeserializers;
    private final Predicate<Throwable> transientFailure;

    /**
     * @param valueDeserializers by topic name
     * @param transientFailure   true for failures that are infrastructure, not the record
     */
    public RecordDecoder(Map<String, Deserializer<? extends SpecificRecord>> valueDeserializers,
                         Predicate<Throwable> transientFailure) {
        this.valueDeserializers = Map.copyOf(valueDeserializers);
        this.transientFailure = transientFailure;
    }

    public RecordDecoder(Map<String, Deserializer<? extends SpecificRecord>> valueDeserializers) {
        this(valueDeserializers, RecordDecoder::ioFailure);
    }

    public SinkRecord decode(ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) {
            return SinkRecord.tombstone(r.topic(), r.partition(), r.offset(), r.timestamp());
        }
        Deserializer<? extends SpecificRecord> deserializer = valueDeserializers.get(r.topic());
        if (deserializer == null) {
            return reject(r, "UNKNOWN_TOPIC", "the sink has no deserializer for topic " + r.topic());
        }
        try {
            SpecificRecord value = deserializer.deserialize(r.topic(), r.headers(), r.value());
            if (value == null) {
                return SinkRecord.tombstone(r.topic(), r.partition(), r.offset(), r.timestamp());
            }
            return SinkRecord.decoded(r.topic(), r.partition(), r.offset(), r.timestamp(), value);
        } catch (RuntimeException e) {
            if (transientFailure.test(e)) {
                throw new TransientDecodeException("cannot decode " + r.topic() + "-" + r.partition() + "@" + r.offset()
                        + " for a reason outside the record: " + e.getMessage(), e);
            }
            return reject(r, "DESERIALIZATION", e.getMessage() == null ? e.getClass().getName() : e.getMessage());
        }
    }

    private static SinkRecord reject(ConsumerRecord<byte[], byte[]> r, String errorClass, String reason) {
        return SinkRecord.rejected(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), r.value(),
                errorClass, reason);
    }

    /**
     * Default transient test, over the whole cause chain: an I/O failure other than a truncated payload, or a
     * schema-registry error that is the registry's (unreachable, HTTP 5xx) rather than the record's (unknown id).
     */
    public static boolean ioFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException && !(t instanceof EOFException)) {
                return true;
            }
            if (t instanceof RegistryException r && (r.errorCode() == RegistryException.UNREACHABLE
                    || r.httpStatus() >= 500 || r.errorCode() >= 50000)) {
                return true;
            }
        }
        return false;
    }

    /** Decoding failed for a reason that retrying may fix. */
    public static final class TransientDecodeException extends RuntimeException {
        public TransientDecodeException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
