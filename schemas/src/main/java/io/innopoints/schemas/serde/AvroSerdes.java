package io.innopoints.schemas.serde;

import io.innopoints.schemas.registry.SchemaRegistryClient;
import org.apache.kafka.common.serialization.Serde;
import org.apache.avro.specific.SpecificRecord;

/**
 * Builds Confluent-wire-format Avro serdes over a registry client: per-instance, nothing static to configure.
 * Keys in InnoPoints are always Avro {@code "string"} ({@link #stringKey}); values are generated records
 * ({@link #value}). Serdes built from one client share its caches.
 */
public final class AvroSerdes {
    private AvroSerdes() {
    }

    /** Value serde for a generated record class; registers its schema on first use. */
    public static <T extends SpecificRecord> Serde<T> value(Class<T> type, SchemaRegistryClient client) {
        return new AvroSerde<>(client, type, false, true);
    }

    /** Value serde that only looks schemas up (for producers whose schemas are registered by a release step). */
    public static <T extends SpecificRecord> Serde<T> value(Class<T> type, SchemaRegistryClient client,
                                                            boolean autoRegister) {
        return new AvroSerde<>(client, type, false, autoRegister);
    }

    /** Key serde for a generated record class. */
    public static <T extends SpecificRecord> Serde<T> key(Class<T> type, SchemaRegistryClient client) {
        return new AvroSerde<>(client, type, true, true);
    }

    /** Key serde writing and reading Avro {@code "string"} (subject {@code <topic>-key}). */
    public static Serde<String> stringKey(SchemaRegistryClient client) {
        return new AvroSerde<>(client, String.class, true, true);
    }

    /** Value serde writing and reading Avro {@code "string"} (subject {@code <topic>-value}). */
    public static Serde<String> stringValue(SchemaRegistryClient client) {
        return new AvroSerde<>(client, String.class, false, true);
    }

    /** Serde reading with the writer's schema into GenericRecord (or String/boxed primitives for primitives). */
    public static Serde<Object> generic(SchemaRegistryClient client, boolean isKey) {
        return new AvroSerde<>(client, null, isKey, true);
    }

}
