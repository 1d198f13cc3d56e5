package io.innopoints.schemas.serde;

import io.innopoints.schemas.registry.RegisteredSchema;
import io.innopoints.schemas.registry.RegistryException;
import io.innopoints.schemas.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer writing Avro in the Confluent wire format: byte 0 (magic), the writer schema's registry id as
 * a 4-byte big-endian int, then the Avro binary encoding. The schema is the record's own (generated
 * {@code SpecificRecord} or {@code GenericRecord}) or the primitive's ({@code String} → {@code "string"},
 * also Integer, Long, Float, Double, Boolean, bytes). Subjects follow TopicNameStrategy: {@code <topic>-key} or
 * {@code <topic>-value}. The schema is registered (or, with {@code auto.register.schemas=false}, looked up) once
 * per subject and schema; after that serializing does no I/O. Null serializes to null (tombstones).
 *
 * <p>Build it with a client ({@link AvroSerdes}) or from Kafka properties via {@link #configure} (see
 * {@link AvroSerdeConfig}).
 */
public class AvroSerializer<T> implements Serializer<T> {
    static final byte MAGIC_BYTE = 0;
    private static final ThreadLocal<BinaryEncoder> ENCODERS = new ThreadLocal<>();
    /** The output buffer, reused per thread: one copy per record instead of one per doubling from a small start. */
    private static final ThreadLocal<ByteArrayOutputStream> BUFFERS =
            ThreadLocal.withInitial(() -> new ByteArrayOutputStream(4_096));
    private static final int MAX_KEPT_BUFFER = 1 << 20;

    private record SubjectSchema(String subject, Schema schema) {
    }

    private SchemaRegistryClient client;
    private boolean isKey;
    private boolean autoRegister = true;
    private final Map<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();

    /** For Kafka's reflective construction; {@link #configure} must follow. */
    public AvroSerializer() {
    }

    public AvroSerializer(SchemaRegistryClient client, boolean isKey, boolean autoRegister) {
        this.client = client;
        this.isKey = isKey;
        this.autoRegister = autoRegister;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = AvroSerdeConfig.from(configs);
        this.isKey = isKey;
        this.autoRegister = config.autoRegister();
        if (client == null) {
            client = config.newClient();
        }
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (client == null) {
            throw new SerializationException("AvroSerializer is not configured: set "
                    + AvroSerdeConfig.SCHEMA_REGISTRY_URL + " or build it with AvroSerdes");
        }
        Schema schema = schemaOf(data, topic);
        int id = schemaId(topic, schema, data);
        try {
            ByteArrayOutputStream out = BUFFERS.get();
            // buffered: the direct encoder made one (synchronized) stream call per byte, the profile store's largest
            // cost in the stream's JFR profile; the encoder is reused per thread, its buffer flushed below. Re-aiming
            // it flushes what a failed record left in its buffer into its previous stream (this same buffer), so the
            // buffer is emptied after that, not before
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, ENCODERS.get());
            ENCODERS.set(encoder);
            out.reset();
            out.write(MAGIC_BYTE);
            out.write(id >>> 24);
            out.write(id >>> 16);
            out.write(id >>> 8);
            out.write(id);
            Object datum = data instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : data;
            writers.computeIfAbsent(schema, CustomCoders::writer).write(datum, encoder);
            encoder.flush();
            byte[] encoded = out.toByteArray();
            if (out.size() > MAX_KEPT_BUFFER) {
                BUFFERS.remove(); // one huge record does not pin its buffer to the thread
            }
            return encoded;
        } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
            throw new SerializationException("Could not encode a " + data.getClass().getName() + " for topic '" + topic
                    + "' with schema " + schema.getFullName() + ": " + e.getMessage(), e);
        }
    }

    private int schemaId(String topic, Schema schema, T data) {
        String subject = topic + (isKey ? "-key" : "-value");
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = ids.get(key);
        if (cached != null) {
            return cached;
        }
        int id;
        try {
            if (autoRegister) {
                id = client.register(subject, schema);
            } else {
                id = client.lookup(subject, schema).map(RegisteredSchema::id).orElseThrow(() -> new SerializationException(
                        "Schema " + schema.getFullName() + " of " + data.getClass().getName()
                                + " is not registered under subject '" + subject + "' (topic '" + topic
                                + "') and auto.register.schemas=false"));
            }
        } catch (RegistryException e) {
            throw new SerializationException("Could not " + (autoRegister ? "register" : "look up") + " schema "
                    + schema.getFullName() + " under subject '" + subject + "' for topic '" + topic
                    + "': registry error_code " + e.errorCode() + ": " + e.getMessage(), e);
        }
        ids.put(key, id);
        return id;
    }

    private static Schema schemaOf(Object data, String topic) {
        if (data instanceof GenericContainer container) {
            return container.getSchema();
        }
        Schema primitive = Primitives.schemaOf(data);
        if (primitive == null) {
            throw new SerializationException("Cannot serialize a " + data.getClass().getName() + " for topic '" + topic
                    + "' as Avro: expected a generated record, a GenericRecord, a String or an Avro primitive");
        }
        return primitive;
    }

    @Override
    public void close() {
        // the client may be shared (AvroSerdes); it holds no resources that need closing
    }
}
