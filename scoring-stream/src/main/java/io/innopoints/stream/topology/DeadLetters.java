package io.innopoints.stream.topology;

import io.innopoints.schemas.dlq.DeadLetter;
import io.innopoints.schemas.dlq.FieldError;
import io.innopoints.schemas.dlq.RejectSource;
import io.innopoints.schemas.validation.Problem;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Builds {@link DeadLetter}s with the provenance of the record being processed. */
final class DeadLetters {
    static final String DESERIALIZATION = "DESERIALIZATION";
    static final String VALIDATION = "VALIDATION";
    static final String PROCESSING = "PROCESSING";

    private DeadLetters() {
    }

    static DeadLetter of(String app, Optional<RecordMetadata> meta, long timestamp, String eventType, String eventId,
                         String provider, byte[] key, byte[] value, String errorClass, String reason,
                         List<Problem> problems, long nowMs) {
        List<FieldError> errors = problems.stream().map(p -> new FieldError(p.field(), p.reason())).toList();
        // the builder, not the all-arguments constructor: new optional DeadLetter fields must not break this code
        return DeadLetter.newBuilder().setApp(app).setSource(RejectSource.KAFKA).setEventType(eventType)
                .setProvider(provider).setEventId(eventId)
                .setSourceTopic(meta.map(RecordMetadata::topic).orElse(null))
                .setSourcePartition(meta.map(RecordMetadata::partition).orElse(null))
                .setSourceOffset(meta.map(RecordMetadata::offset).orElse(null))
                .setSourceTimestamp(Instant.ofEpochMilli(timestamp))
                .setOriginalKey(key == null ? null : ByteBuffer.wrap(key))
                .setOriginalValue(value == null ? null : ByteBuffer.wrap(value))
                .setErrorClass(errorClass).setReason(reason).setErrors(errors).setRejectedAt(Instant.ofEpochMilli(nowMs))
                .build();
    }

    /** The message of an exception and its causes, without stack traces. */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !sb.toString().contains(c.getMessage())) {
                sb.append(" (caused by ").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage())
                        .append(')');
            }
        }
        return sb.toString();
    }
}
