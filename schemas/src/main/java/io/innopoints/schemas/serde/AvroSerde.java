package io.innopoints.schemas.serde;

import io.innopoints.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka {@link Serde} pairing {@link AvroSerializer} and {@link AvroDeserializer} (Confluent wire format).
 * Usable as {@code default.key.serde}/{@code default.value.serde} with {@link AvroSerdeConfig}'s keys, or built in
 * code through {@link AvroSerdes}.
 */
public class AvroSerde<T> implements Serde<T> {
    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    /** For Kafka's reflective construction; {@link #configure} must follow. */
    public AvroSerde() {
        this(new AvroSerializer<>(), new AvroDeserializer<>());
    }

    public AvroSerde(SchemaRegistryClient client, Class<T> targetType, boolean isKey, boolean autoRegister) {
        this(new AvroSerializer<>(client, isKey, autoRegister), new AvroDeserializer<>(client, targetType));
    }

    private AvroSerde(AvroSerializer<T> serializer, AvroDeserializer<T> deserializer) {
        this.serializer = serializer;
        this.deserializer = deserializer;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
