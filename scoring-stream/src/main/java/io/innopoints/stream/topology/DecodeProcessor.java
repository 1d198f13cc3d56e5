package io.innopoints.stream.topology;

import io.innopoints.schemas.registry.RegistryException;
import io.innopoints.schemas.topic.EventHeader;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.validation.EventValidator;
import io.innopoints.schemas.validation.Problem;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Decodes one input topic's raw records (Avro string key, Avro event value) and validates them with the same
 * {@link EventValidator} rules as ingest, plus key = creditCode. The record keeps its raw key (the partitioning key
 * is unchanged, so the per-commit table behind the fold needs no repartition). Valid events go on as
 * {@link Decoded.Valid};
 * anything else becomes a {@link Decoded.Dead} with the original bytes and provenance. A registry that cannot be
 * reached is an infrastructure error and is rethrown (the app fails and restarts from committed state).
 */
final class DecodeProcessor implements FixedKeyProcessor<byte[], byte[], Decoded> {
    private final String app;
    private final EventType type;
    private final Deserializer<String> keys;
    private final Deserializer<? extends SpecificRecord> values;
    private final EventValidator validator;
    private FixedKeyProcessorContext<byte[], Decoded> context;

    DecodeProcessor(String app, EventType type, Deserializer<String> keys, Deserializer<? extends SpecificRecord> values,
                    EventValidator validator) {
        this.app = app;
        this.type = type;
        this.keys = keys;
        this.values = values;
        this.validator = validator;
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], Decoded> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<byte[], byte[]> record) {
        String topic = context.recordMetadata().map(m -> m.topic()).orElse(type.topic().defaultName());
        String key = null;
        String keyProblem = null;
        if (record.key() == null) {
            keyProblem = "the record has no key; expected the credit code";
        } else {
            try {
                key = keys.deserialize(topic, record.key());
            } catch (SerializationException e) {
                rethrowInfrastructure(e);
                keyProblem = "key: " + DeadLetters.describe(e);
            }
        }
        if (record.value() == null) {
            dead(record, key, null, null, DeadLetters.DESERIALIZATION, "the record has no value (tombstone)",
                    List.of(new Problem("$", "a value is required")));
            return;
        }
        SpecificRecord event;
        try {
            event = values.deserialize(topic, record.value());
        } catch (SerializationException e) {
            rethrowInfrastructure(e);
            String reason = DeadLetters.describe(e);
            dead(record, key, null, null, DeadLetters.DESERIALIZATION, reason, List.of(new Problem("$", reason)));
            return;
        }
        EventHeader header = EventHeader.of(event);
        String eventId = header.eventId();
        String creditCode = header.creditCode();
        String provider = header.provider();
        List<Problem> problems = new java.util.ArrayList<>(validator.problems(event));
        if (keyProblem != null) {
            problems.add(new Problem("$key", keyProblem));
        } else if (creditCode != null && !creditCode.equals(key)) {
            problems.add(new Problem("creditCode", "does not match the record key: creditCode " + creditCode
                    + ", key " + key));
        }
        if (!problems.isEmpty()) {
            String reason = problems.stream().map(Problem::toString).reduce((a, b) -> a + "; " + b).orElseThrow();
            letter(record, key, eventId, provider, keyProblem != null && problems.size() == 1
                    ? DeadLetters.DESERIALIZATION : DeadLetters.VALIDATION, reason, problems);
            return;
        }
        context.forward(record.withValue(
                new Decoded.Valid(event, eventId, creditCode, type.id(), record.key(), record.value())));
    }

    private void dead(FixedKeyRecord<byte[], byte[]> record, String key, String eventId, String provider,
                      String errorClass,
                      String reason, List<Problem> problems) {
        letter(record, key, eventId, provider, errorClass, reason, problems);
    }

    private void letter(FixedKeyRecord<byte[], byte[]> record, String key, String eventId, String provider,
                        String errorClass,
                        String reason, List<Problem> problems) {
        context.forward(record.withValue(new Decoded.Dead(key, DeadLetters.of(app, context.recordMetadata(),
                record.timestamp(), type.id(), eventId, provider, record.key(), record.value(), errorClass, reason,
                problems, System.currentTimeMillis()))));
    }

    private static void rethrowInfrastructure(SerializationException e) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof RegistryException r && r.errorCode() != RegistryException.SCHEMA_NOT_FOUND) {
                throw e;
            }
        }
    }
}
