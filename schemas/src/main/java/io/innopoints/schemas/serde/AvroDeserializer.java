package io.innopoints.schemas.serde;

import io.innopoints.schemas.registry.RegistryException;
import io.innopoints.schemas.registry.SchemaRegistryClient;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer reading the Confluent wire format (byte 0, 4-byte big-endian schema id, Avro binary). The
 * writer schema comes from the registry by id (fetched once per id); the reader schema is the target type's:
 * a generated record class (Avro resolves older or newer writer schemas into it), {@code String} for Avro
 * {@code "string"} keys, or, with no target type, the writer schema itself (GenericRecord; strings as String).
 * Null reads as null (tombstones). Errors are {@link SerializationException}s naming the topic and the problem:
 * unknown magic byte, too-short payload, unknown schema id, undecodable payload — whatever the bytes, never another
 * exception; lengths claimed by the payload are bounded by {@link AvroLimits} before anything is allocated.
 */
public class AvroDeserializer<T> implements Deserializer<T> {
    private static final int HEADER_SIZE = 5;

    private SchemaRegistryClient client;
    private Class<?> targetType;
    private Schema readerSchema;
    private SpecificData readerData;
    private final Map<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();

    /** For Kafka's reflective construction; {@link #configure} must follow. */
    public AvroDeserializer() {
        AvroTrust.install();
    }

    /**
     * @param targetType a generated record class, {@code String.class}, or null to read with the writer schema
     */
    public AvroDeserializer(SchemaRegistryClient client, Class<T> targetType) {
        AvroTrust.install();
        this.client = client;
        target(targetType);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = AvroSerdeConfig.from(configs);
        if (client == null) {
            client = config.newClient();
        }
        if (targetType == null) {
            target(isKey ? config.keyType() : config.valueType());
        }
    }

    private void target(Class<?> type) {
        this.targetType = type;
        if (type == null) {
            readerSchema = null;
            readerData = null;
        } else if (type == String.class || type == CharSequence.class) {
            readerSchema = Primitives.javaStringReader();
            readerData = SpecificData.get();
        } else if (SpecificRecord.class.isAssignableFrom(type)) {
            readerSchema = SpecificData.get().getSchema(type);
            readerData = SpecificData.getForSchema(readerSchema);
        } else {
            throw new IllegalArgumentException("Cannot read Avro into " + type.getName()
                    + ": expected a generated SpecificRecord class or java.lang.String");
        }
        readers.clear();
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (client == null) {
            throw new SerializationException("AvroDeserializer is not configured: set "
                    + AvroSerdeConfig.SCHEMA_REGISTRY_URL + " or build it with AvroSerdes");
        }
        if (data.length < HEADER_SIZE) {
            throw new SerializationException("Record from topic '" + topic + "' is too short for the Confluent wire "
                    + "format: " + data.length + " bytes, at least " + HEADER_SIZE
                    + " needed (magic byte 0 + 4-byte schema id + Avro payload)");
        }
        if (data[0] != AvroSerializer.MAGIC_BYTE) {
            throw new SerializationException("Unknown magic byte " + data[0] + " in record from topic '" + topic
                    + "': expected 0 (Confluent wire format); the record was not written by an Avro serializer");
        }
        int id = ByteBuffer.wrap(data, 1, 4).getInt();
        DatumReader<Object> reader = readers.get(id);
        if (reader == null) {
            reader = newReader(topic, id);
            readers.put(id, reader);
        }
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, HEADER_SIZE, data.length - HEADER_SIZE, null);
            Object value = reader.read(null, decoder);
            return (T) (value instanceof CharSequence chars && !(value instanceof String) ? chars.toString() : value);
        } catch (EOFException e) {
            throw new SerializationException("Avro payload of a record from topic '" + topic + "' (schema id " + id
                    + ") ends early: " + (data.length - HEADER_SIZE) + " bytes are not a complete record", e);
        } catch (IOException | RuntimeException e) {
            // whatever Avro throws on these bytes is the record's fault, not the app's: beyond its own exceptions it
            // throws UnsupportedOperationException (a length prefix above 2^31), ClassCastException and
            // IndexOutOfBoundsException (union and enum indexes), and every caller handles exactly this one type
            throw new SerializationException("Could not decode the Avro payload of a record from topic '" + topic
                    + "' written with schema id " + id + readingAs() + ": " + e, e);
        }
    }

    private DatumReader<Object> newReader(String topic, int id) {
        Schema writer;
        try {
            writer = client.getById(id);
        } catch (RegistryException e) {
            if (e.errorCode() == RegistryException.SCHEMA_NOT_FOUND) {
                throw new SerializationException("Unknown schema id " + id + " in record from topic '" + topic
                        + "': the schema registry has no schema with that id (error_code 40403)", e);
            }
            throw new SerializationException("Could not fetch schema id " + id + " for a record from topic '" + topic
                    + "': registry error_code " + e.errorCode() + ": " + e.getMessage(), e);
        }
        if (readerSchema == null) {
            return new GenericDatumReader<>(writer, writer, GenericData.get());
        }
        try {
            return new SpecificDatumReader<>(writer, readerSchema, readerData);
        } catch (AvroRuntimeException e) {
            throw new SerializationException("Schema id " + id + " of a record from topic '" + topic
                    + "' cannot be read" + readingAs() + ": " + e.getMessage(), e);
        }
    }

    private String readingAs() {
        return targetType == null ? "" : " as " + targetType.getName();
    }

    @Override
    public void close() {
        // the client may be shared (AvroSerdes); it holds no resources that need closing
    }
}
