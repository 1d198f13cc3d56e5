package io.innopoints.schemas.serde;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/** Seeded random data for any Avro schema (generic representation), so every topic's type can be round-tripped. */
final class RandomRecords {
    private final Random random;

    RandomRecords(long seed) {
        this.random = new Random(seed);
    }

    Object next(Schema schema) {
        return switch (schema.getType()) {
            case RECORD -> {
                GenericData.Record record = new GenericData.Record(schema);
                for (Schema.Field field : schema.getFields()) {
                    record.put(field.pos(), next(field.schema()));
                }
                yield record;
            }
            case ENUM -> new GenericData.EnumSymbol(schema,
                    schema.getEnumSymbols().get(random.nextInt(schema.getEnumSymbols().size())));
            case ARRAY -> {
                List<Object> items = new ArrayList<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    items.add(next(schema.getElementType()));
                }
                yield new GenericData.Array<>(schema, items);
            }
            case MAP -> {
                Map<String, Object> map = new HashMap<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    map.put("k" + random.nextInt(1000), next(schema.getValueType()));
                }
                yield map;
            }
            // the last branch is never null in our schemas' optional fields, so both null and values appear
            case UNION -> next(schema.getTypes().get(random.nextInt(schema.getTypes().size())));
            case STRING -> "s" + random.nextInt(100_000) + "-创新";
            case BYTES -> ByteBuffer.wrap(new byte[] {(byte) random.nextInt(), (byte) random.nextInt()});
            case FIXED -> new GenericData.Fixed(schema, new byte[schema.getFixedSize()]);
            case INT -> random.nextInt(50_000);
            case LONG -> 1_700_000_000_000L + random.nextInt(1_000_000_000);
            case FLOAT -> random.nextFloat();
            case DOUBLE -> Math.round(random.nextDouble() * 10_000) / 100.0;
            case BOOLEAN -> random.nextBoolean();
            case NULL -> null;
        };
    }
}
