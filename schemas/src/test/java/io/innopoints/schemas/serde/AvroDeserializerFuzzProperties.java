package io.innopoints.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.innopoints.schemas.registry.InMemorySchemaRegistryClient;
import io.innopoints.schemas.registry.SchemaRegistryClient;
import io.innopoints.schemas.topic.Topic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Fuzzes the Confluent-wire {@link AvroDeserializer} of every topic's value type with random bytes and with mutated
 * valid payloads (flipped and inserted bytes, truncation, wrong magic byte, unknown schema id, huge length prefixes).
 * Each input must either decode or fail with {@link SerializationException} — never another exception, an
 * {@link OutOfMemoryError} from a length prefix, or a hang — and unmutated payloads always round-trip.
 */
class AvroDeserializerFuzzProperties {
    /** Far above any decode of a few kilobytes, far below a hang. */
    private static final Duration BOUND = Duration.ofSeconds(10);

    private final SchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final Map<Topic, Deserializer<? extends SpecificRecord>> deserializers = new EnumMap<>(Topic.class);
    private final Map<Topic, Serializer<SpecificRecord>> serializers = new EnumMap<>(Topic.class);
    private final Map<Topic, Integer> ids = new EnumMap<>(Topic.class);

    @SuppressWarnings("unchecked")
    AvroDeserializerFuzzProperties() {
        for (Topic topic : Topic.values()) {
            Class<SpecificRecord> type = (Class<SpecificRecord>) topic.valueType();
            var serde = AvroSerdes.value(type, registry);
            deserializers.put(topic, serde.deserializer());
            serializers.put(topic, serde.serializer());
            ids.put(topic, registry.register(topic.defaultName() + "-value", schema(topic)));
        }
    }

    private static Schema schema(Topic topic) {
        return org.apache.avro.specific.SpecificData.get().getSchema(topic.valueType());
    }

    /** A valid payload of {@code topic}: magic byte, the registered id, a random record of its schema. */
    private byte[] valid(Topic topic, long seed) {
        Schema schema = schema(topic);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(AvroSerializer.MAGIC_BYTE);
        out.writeBytes(ByteBuffer.allocate(4).putInt(ids.get(topic)).array());
        try {
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<>(schema).write(new RandomRecords(seed).next(schema), encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The decoded record, or empty when the deserializer refused the bytes with its own exception type. */
    private Optional<SpecificRecord> decode(Topic topic, byte[] bytes) {
        return assertTimeoutPreemptively(BOUND, () -> {
            try {
                return Optional.ofNullable(deserializers.get(topic).deserialize(topic.defaultName(), bytes));
            } catch (SerializationException e) {
                assertThat(e.getMessage()).as("a refusal names the topic").contains(topic.defaultName());
                return Optional.empty();
            }
        }, () -> "decoding " + bytes.length + " bytes of " + topic + " did not finish");
    }

    @Property(tries = 300)
    void shouldRoundTripEveryValidPayload(@ForAll Topic topic, @ForAll long seed) {
        byte[] payload = valid(topic, seed);

        Optional<SpecificRecord> decoded = decode(topic, payload);

        assertThat(decoded).as("a valid payload decodes").isPresent();
        assertThat(serializers.get(topic).serialize(topic.defaultName(), decoded.get())).isEqualTo(payload);
    }

    @Property(tries = 500)
    void shouldDecodeOrRefuseAnyBytes(@ForAll Topic topic, @ForAll @Size(max = 300) byte[] bytes) {
        decode(topic, bytes);
    }

    @Property(tries = 1000)
    void shouldDecodeOrRefuseAnyAvroPayloadBehindAValidHeader(@ForAll Topic topic, @ForAll @Size(max = 600) byte[] avro) {
        // random Avro bytes behind the topic's own schema id, so decoding actually starts
        byte[] bytes = ByteBuffer.allocate(5 + avro.length).put(AvroSerializer.MAGIC_BYTE).putInt(ids.get(topic)).put(avro)
                .array();

        decode(topic, bytes);
    }

    @Property(tries = 1500)
    void shouldDecodeOrRefuseEveryMutationOfAValidPayload(@ForAll Topic topic, @ForAll long seed,
                                                          @ForAll("mutations") Mutation mutation) {
        byte[] mutated = mutation.apply(valid(topic, seed));

        decode(topic, mutated);
    }

    @Property(tries = 300)
    void shouldRefuseAHugeLengthPrefixWithoutAllocatingIt(@ForAll Topic topic, @ForAll long seed,
                                                          @ForAll @IntRange(min = 5, max = 200) int at,
                                                          @ForAll("hugeCounts") long count) {
        // a string, bytes or array length of up to 2^63 written in the middle of a valid record
        byte[] payload = valid(topic, seed);
        int cut = Math.min(at, payload.length);
        byte[] mutated = concat(Arrays.copyOf(payload, cut), zigZagVarint(count),
                Arrays.copyOfRange(payload, cut, payload.length));

        decode(topic, mutated);
    }

    @Provide
    Arbitrary<Long> hugeCounts() {
        return Arbitraries.oneOf(Arbitraries.longs().between(1L << 20, Long.MAX_VALUE),
                Arbitraries.of(Integer.MAX_VALUE - 8L, Integer.MAX_VALUE - 9L, (long) Integer.MAX_VALUE,
                        Integer.MAX_VALUE + 1L, 1L << 31, 1L << 32, Long.MAX_VALUE, Long.MIN_VALUE, -1L, 100_000_000L,
                        // below Avro's own 2^31 ceiling yet above the heap: only AvroLimits stops these
                        1_000_000_000L, 1_500_000_000L, AvroLimits.MAX_LENGTH + 1L, AvroLimits.MAX_ITEMS + 1L),
                Arbitraries.longs().between(AvroLimits.MAX_ITEMS, Integer.MAX_VALUE - 9L));
    }

    /** A change to a payload's bytes. */
    interface Mutation {
        byte[] apply(byte[] payload);
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, 1000);
        Arbitrary<Mutation> flip = Combinators.combine(position, Arbitraries.integers().between(0, 7)).as((p, bit) -> b -> {
            byte[] out = b.clone();
            out[p % out.length] ^= (byte) (1 << bit);
            return out;
        });
        Arbitrary<Mutation> replace = Combinators.combine(position, Arbitraries.bytes()).as((p, v) -> b -> {
            byte[] out = b.clone();
            out[p % out.length] = v;
            return out;
        });
        Arbitrary<Mutation> truncate = position.map(p -> b -> Arrays.copyOf(b, p % b.length));
        Arbitrary<Mutation> insert = Combinators.combine(position, Arbitraries.bytes().array(byte[].class).ofMaxSize(16))
                .as((p, extra) -> b -> concat(Arrays.copyOf(b, p % b.length), extra, Arrays.copyOfRange(b, p % b.length, b.length)));
        Arbitrary<Mutation> delete = Combinators.combine(position, Arbitraries.integers().between(1, 16)).as((p, n) -> b -> {
            int from = Math.min(5 + p % b.length, b.length);
            return concat(Arrays.copyOf(b, from), Arrays.copyOfRange(b, Math.min(b.length, from + n), b.length));
        });
        Arbitrary<Mutation> magic = Arbitraries.bytes().filter(v -> v != AvroSerializer.MAGIC_BYTE).map(v -> b -> {
            byte[] out = b.clone();
            out[0] = v;
            return out;
        });
        Arbitrary<Mutation> schemaId = Arbitraries.integers().map(id -> b -> {
            byte[] out = Arrays.copyOf(b, Math.max(5, b.length));
            ByteBuffer.wrap(out, 1, 4).putInt(id);
            return out;
        });
        Arbitrary<Mutation> trailing = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(64).map(extra -> b -> concat(b, extra));
        return Arbitraries.oneOf(flip, replace, truncate, insert, delete, magic, schemaId, trailing)
                .list().ofMinSize(1).ofMaxSize(4)
                .map(all -> b -> {
                    byte[] out = b;
                    for (Mutation m : all) {
                        out = out.length == 0 ? out : m.apply(out);
                    }
                    return out;
                });
    }

    static byte[] zigZagVarint(long value) {
        long n = (value << 1) ^ (value >> 63);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((n & ~0x7FL) != 0) {
            out.write((int) ((n & 0x7F) | 0x80));
            n >>>= 7;
        }
        out.write((int) n);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
