package io.innopoints.schemas.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.innopoints.schemas.validation.Problem;
import io.innopoints.schemas.validation.Validated;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Plain JSON ↔ Avro specific records, driven by the record's schema: the format providers send to the REST
 * API and write in bulk files. Unlike Avro's own JSON encoding, optional fields are plain values or null (no
 * {@code {"string": …}} wrappers), dates are {@code "YYYY-MM-DD"}, timestamps ISO-8601 ({@code "2024-05-01T08:00:00Z"})
 * or epoch millis, enums their symbol, bytes base64.
 *
 * <p>Reading reports every structural problem with its field path (unknown field, missing required field, wrong
 * type, out-of-range number, bad date, control character); semantic rules live in the event validator.
 */
public final class AvroJson {
    /** Maximum nesting the reader accepts; deeper input is hostile, not data. */
    private static final int MAX_DEPTH = 16;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private AvroJson() {
    }

    /** The strict mapper: duplicate keys, trailing tokens and NaN are errors; floats keep full precision. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses JSON text, naming the line and column of a syntax error. */
    public static Validated<JsonNode> parse(String text) {
        if (text == null || text.isBlank()) {
            return Validated.invalid("$", "body is empty: expected a JSON object");
        }
        try {
            return Validated.ok(MAPPER.readTree(text));
        } catch (NumberFormatException e) {
            // a literal no BigDecimal can hold (1e2147483648): name the field it sits in
            return Validated.invalid(NumberLiterals.outOfRange(text).orElse(List.of(new Problem("$", "a number is out of range"))));
        } catch (JsonParseException e) {
            var numbers = NumberLiterals.outOfRange(text);
            if (numbers.isPresent()) {
                return Validated.invalid(numbers.get());
            }
            return Validated.invalid("$", "malformed JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + withoutSourceNote(e.getOriginalMessage()));
        } catch (IOException e) {
            var numbers = NumberLiterals.outOfRange(text);
            if (numbers.isPresent()) {
                return Validated.invalid(numbers.get());
            }
            return Validated.invalid("$", "malformed JSON: " + firstLine(e.getMessage()));
        }
    }

    /** Parses and converts in one step. */
    public static <T extends SpecificRecord> Validated<T> read(String text, Class<T> type) {
        return parse(text).flatMap(node -> read(node, type));
    }

    /** Converts a JSON object to a record of {@code type}, or lists every problem found. */
    public static <T extends SpecificRecord> Validated<T> read(JsonNode node, Class<T> type) {
        Schema schema = SpecificData.get().getSchema(type);
        List<Problem> problems = new ArrayList<>();
        Object value = convert(node, schema, "", problems, 0);
        if (!problems.isEmpty()) {
            return Validated.invalid(problems);
        }
        return Validated.ok(type.cast(value));
    }

    /** Writes a record as a plain JSON object (the inverse of {@link #read(JsonNode, Class)}). */
    public static ObjectNode write(SpecificRecord record) {
        return (ObjectNode) toJson(record, record.getSchema());
    }

    /** Writes a record as one line of compact JSON (the JSONL bulk format). */
    public static String writeLine(SpecificRecord record) {
        try {
            return MAPPER.writeValueAsString(write(record));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + record.getSchema().getFullName(), e);
        }
    }

    private static Object convert(JsonNode node, Schema schema, String path, List<Problem> problems, int depth) {
        String where = path.isEmpty() ? "$" : path;
        if (depth > MAX_DEPTH) {
            problems.add(new Problem(where, "nested too deeply"));
            return null;
        }
        if (schema.getType() == Schema.Type.UNION) {
            if (node == null || node.isNull()) {
                if (schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL)) {
                    return null;
                }
                problems.add(new Problem(where, "must not be null"));
                return null;
            }
            Schema branch = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst()
                    .orElseThrow();
            return convert(node, branch, path, problems, depth);
        }
        if (node == null || node.isNull()) {
            problems.add(new Problem(where, "is required and must not be null"));
            return null;
        }
        LogicalType logical = schema.getLogicalType();
        if (logical instanceof LogicalTypes.Date) {
            return date(node, where, problems);
        }
        if (logical instanceof LogicalTypes.TimestampMillis) {
            return timestamp(node, where, problems);
        }
        return switch (schema.getType()) {
            case RECORD -> record(node, schema, path, problems, depth);
            case STRING -> string(node, where, problems);
            case INT -> integral(node, where, problems, Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
            case LONG -> integral(node, where, problems, Long.MIN_VALUE, Long.MAX_VALUE, "long");
            case DOUBLE, FLOAT -> decimal(node, where, problems);
            case BOOLEAN -> {
                if (!node.isBoolean()) {
                    problems.add(new Problem(where, "expected true or false, got " + describe(node)));
                    yield null;
                }
                yield node.booleanValue();
            }
            case ENUM -> {
                if (!node.isTextual() || !schema.getEnumSymbols().contains(node.textValue())) {
                    problems.add(new Problem(where, "must be one of " + schema.getEnumSymbols() + ", got " + describe(node)));
                    yield null;
                }
                yield SpecificData.get().createEnum(node.textValue(), schema);
            }
            case ARRAY -> array(node, schema, path, problems, depth);
            case BYTES -> {
                if (!node.isTextual()) {
                    problems.add(new Problem(where, "expected base64 text, got " + describe(node)));
                    yield null;
                }
                try {
                    yield ByteBuffer.wrap(Base64.getDecoder().decode(node.textValue()));
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem(where, "is not valid base64"));
                    yield null;
                }
            }
            default -> {
                problems.add(new Problem(where, "unsupported schema type " + schema.getType()));
                yield null;
            }
        };
    }

    private static Object record(JsonNode node, Schema schema, String path, List<Problem> problems, int depth) {
        String where = path.isEmpty() ? "$" : path;
        if (!node.isObject()) {
            problems.add(new Problem(where, "expected a JSON object, got " + describe(node)));
            return null;
        }
        Set<String> known = new HashSet<>();
        Object record = SpecificData.get().newRecord(null, schema);
        SpecificRecord target = (SpecificRecord) record;
        for (Schema.Field field : schema.getFields()) {
            known.add(field.name());
            String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
            JsonNode child = node.get(field.name());
            if (child == null) {
                if (field.hasDefaultValue()) {
                    target.put(field.pos(), SpecificData.get().getDefaultValue(field));
                } else {
                    problems.add(new Problem(fieldPath, "is required"));
                }
                continue;
            }
            Object value = convert(child, field.schema(), fieldPath, problems, depth + 1);
            if (value != null) {
                // a bad value of a primitive field (long, int) is reported above; putting null would throw
                target.put(field.pos(), value);
            }
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(new Problem(unknownFieldPath(path, name), "unknown field"));
            }
        }
        return record;
    }

    /**
     * The path of an unknown member: {@code path.name}, or with a blank name (legal JSON: {@code {"": 1}}) its quoted
     * form {@code path[""]}, so the error still names a field a reader can find.
     */
    private static String unknownFieldPath(String path, String name) {
        if (!name.isBlank()) {
            return path.isEmpty() ? name : path + "." + name;
        }
        return (path.isEmpty() ? "$" : path) + "[" + JsonNodeFactory.instance.textNode(name) + "]";
    }

    private static Object array(JsonNode node, Schema schema, String path, List<Problem> problems, int depth) {
        if (!node.isArray()) {
            problems.add(new Problem(path.isEmpty() ? "$" : path, "expected a JSON array, got " + describe(node)));
            return null;
        }
        List<Object> items = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            items.add(convert(node.get(i), schema.getElementType(), path + "[" + i + "]", problems, depth + 1));
        }
        return items;
    }

    private static String string(JsonNode node, String where, List<Problem> problems) {
        if (!node.isTextual()) {
            problems.add(new Problem(where, "expected a string, got " + describe(node)));
            return null;
        }
        String text = node.textValue();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                problems.add(new Problem(where, String.format("contains control character U+%04X at index %d", (int) c, i)));
                return null;
            }
            if (Character.isHighSurrogate(c) && (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1)))
                    || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))) {
                problems.add(new Problem(where, "contains an unpaired UTF-16 surrogate at index " + i));
                return null;
            }
        }
        return text;
    }

    private static Object integral(JsonNode node, String where, List<Problem> problems, long min, long max, String type) {
        if (!node.isIntegralNumber()) {
            if (node.isNumber() && !NumberLiterals.withinDigits(node, 20)) {
                // e.g. 1e999999999: toBigInteger would try to build a billion-digit number
                problems.add(new Problem(where, "number " + abbreviate(node.asText()) + " is out of range for " + type));
                return null;
            }
            if (node.isNumber() && node.decimalValue().stripTrailingZeros().scale() <= 0) {
                node = JsonNodeFactory.instance.numberNode(node.decimalValue().toBigInteger());
            } else {
                problems.add(new Problem(where, "expected a whole number, got " + describe(node)));
                return null;
            }
        }
        java.math.BigInteger value = node.bigIntegerValue();
        if (value.compareTo(java.math.BigInteger.valueOf(min)) < 0 || value.compareTo(java.math.BigInteger.valueOf(max)) > 0) {
            problems.add(new Problem(where, "number " + abbreviate(value.toString()) + " is out of range for " + type));
            return null;
        }
        return "int".equals(type) ? (Object) value.intValue() : (Object) value.longValue();
    }

    private static Double decimal(JsonNode node, String where, List<Problem> problems) {
        if (!node.isNumber()) {
            problems.add(new Problem(where, "expected a number, got " + describe(node)));
            return null;
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value) || !NumberLiterals.withinMagnitude(node)) {
            problems.add(new Problem(where, "number is out of range"));
            return null;
        }
        return value;
    }

    private static LocalDate date(JsonNode node, String where, List<Problem> problems) {
        if (node.isTextual()) {
            try {
                return LocalDate.parse(node.textValue());
            } catch (DateTimeParseException e) {
                // fall through to the problem below
            }
        }
        problems.add(new Problem(where, "expected a date YYYY-MM-DD, got " + describe(node)));
        return null;
    }

    private static Instant timestamp(JsonNode node, String where, List<Problem> problems) {
        if (node.isNumber()) {
            Object millis = integral(node, where, problems, Long.MIN_VALUE, Long.MAX_VALUE, "epoch milliseconds");
            return millis == null ? null : Instant.ofEpochMilli((Long) millis);
        }
        if (node.isTextual()) {
            try {
                return OffsetDateTime.parse(node.textValue()).toInstant();
            } catch (DateTimeParseException e) {
                // fall through
            }
        }
        problems.add(new Problem(where, "expected an ISO-8601 timestamp with offset (e.g. 2024-05-01T08:00:00Z) or epoch milliseconds, got "
                + describe(node)));
        return null;
    }

    private static JsonNode toJson(Object value, Schema schema) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        }
        if (schema.getType() == Schema.Type.UNION) {
            Schema branch = schema.getTypes().get(SpecificData.get().resolveUnion(schema, value));
            return toJson(value, branch);
        }
        return switch (schema.getType()) {
            case RECORD -> {
                ObjectNode object = f.objectNode();
                SpecificRecord record = (SpecificRecord) value;
                for (Schema.Field field : schema.getFields()) {
                    object.set(field.name(), toJson(record.get(field.pos()), field.schema()));
                }
                yield object;
            }
            case ARRAY -> {
                ArrayNode array = f.arrayNode();
                for (Object item : (Collection<?>) value) {
                    array.add(toJson(item, schema.getElementType()));
                }
                yield array;
            }
            case MAP -> {
                ObjectNode object = f.objectNode();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    object.set(e.getKey().toString(), toJson(e.getValue(), schema.getValueType()));
                }
                yield object;
            }
            case INT -> value instanceof LocalDate d ? f.textNode(d.toString()) : f.numberNode((Integer) value);
            case LONG -> value instanceof Instant t ? f.textNode(t.toString()) : f.numberNode((Long) value);
            case DOUBLE -> f.numberNode((Double) value);
            case FLOAT -> f.numberNode((Float) value);
            case BOOLEAN -> f.booleanNode((Boolean) value);
            case BYTES -> {
                ByteBuffer buffer = ((ByteBuffer) value).duplicate();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                yield f.textNode(Base64.getEncoder().encodeToString(bytes));
            }
            default -> f.textNode(value.toString());
        };
    }

    private static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "\"" + abbreviate(node.textValue()) + "\"";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        return abbreviate(node.toString());
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    /** Jackson appends "(start marker at [Source: REDACTED …])" to some messages: noise for a provider. */
    private static String withoutSourceNote(String message) {
        return message == null ? "unreadable input" : message.replaceAll("\\s*\\(start marker at \\[Source:.*?]\\)", "");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
