package io.innopoints.schemas.serde;

import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/** Avro schemas of the Java values that map to Avro primitives, as written and as read into Java types. */
final class Primitives {
    private static final Schema STRING = Schema.create(Schema.Type.STRING);
    private static final Schema INT = Schema.create(Schema.Type.INT);
    private static final Schema LONG = Schema.create(Schema.Type.LONG);
    private static final Schema FLOAT = Schema.create(Schema.Type.FLOAT);
    private static final Schema DOUBLE = Schema.create(Schema.Type.DOUBLE);
    private static final Schema BOOLEAN = Schema.create(Schema.Type.BOOLEAN);
    private static final Schema BYTES = Schema.create(Schema.Type.BYTES);

    private Primitives() {
    }

    /** The plain schema registered for a value (no Java-specific properties, so other languages read it). */
    static Schema schemaOf(Object data) {
        if (data instanceof CharSequence) {
            return STRING;
        } else if (data instanceof Integer) {
            return INT;
        } else if (data instanceof Long) {
            return LONG;
        } else if (data instanceof Float) {
            return FLOAT;
        } else if (data instanceof Double) {
            return DOUBLE;
        } else if (data instanceof Boolean) {
            return BOOLEAN;
        } else if (data instanceof byte[] || data instanceof ByteBuffer) {
            return BYTES;
        }
        return null;
    }

    /** Reader schema for {@code "string"} that yields {@link String} rather than Avro's {@code Utf8}. */
    static Schema javaStringReader() {
        Schema schema = Schema.create(Schema.Type.STRING);
        GenericData.setStringType(schema, GenericData.StringType.String);
        return schema;
    }
}
