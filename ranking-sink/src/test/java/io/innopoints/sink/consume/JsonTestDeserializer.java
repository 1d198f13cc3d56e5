package io.innopoints.sink.consume;

import io.innopoints.schemas.json.AvroJson;
import io.innopoints.schemas.validation.Validated;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/** A stand-in value deserializer for unit tests: plain JSON (AvroJson) instead of the registry wire format. */
final class JsonTestDeserializer<T extends SpecificRecord> implements Deserializer<T> {
    private final Class<T> type;

    JsonTestDeserializer(Class<T> type) {
        this.type = type;
    }

    static byte[] encode(SpecificRecord record) {
        return AvroJson.writeLine(record).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        Validated<T> v = AvroJson.read(new String(data, StandardCharsets.UTF_8), type);
        if (!v.isOk()) {
            throw new SerializationException("not a " + type.getSimpleName() + ": " + v.summary());
        }
        return v.value();
    }
}
