package io.innopoints.stream.topology;

import static io.innopoints.stream.support.Events.code;
import static io.innopoints.stream.support.Harness.T;
import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.dlq.DeadLetter;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.stream.support.Events;
import io.innopoints.stream.support.Harness;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterProperty;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Fuzzes the decode step of every input topic through the whole topology: random bytes, mutated valid payloads
 * (flipped, replaced, inserted and deleted bytes, truncation, wrong magic byte, unknown schema id, huge length
 * prefixes) and random keys. Each bad record becomes exactly one dead letter — never an exception out of the
 * topology — and a valid registration sent after it is still scored.
 */
class DecodeFuzzProperties {
    private final Harness h = new Harness(ScoringModel.builtin("national-2024"));
    private final AtomicInteger next = new AtomicInteger(1_000);

    @AfterProperty
    void close() {
        h.close();
    }

    /** A valid event of {@code type} for {@code code}, as its Confluent-wire bytes. */
    @SuppressWarnings("unchecked")
    private byte[] valid(EventType type, String code) {
        SpecificRecord event = switch (type) {
            case REGISTRATIONS -> Events.registration(code, "ZONE-A").build();
            case PATENTS -> Events.patent(code, "CN" + next.incrementAndGet(), "2024-05-01").build();
            case TECH_CONTRACTS -> io.innopoints.schemas.event.TechContractEvent.newBuilder().setEventId(Events.nextId())
                    .setEventTime(T).setProvider("tech-contract-registry").setCreditCode(code).setContractId("c-1")
                    .setAction(io.innopoints.schemas.event.ContractAction.REGISTERED)
                    .setRole(io.innopoints.schemas.event.ContractRole.SELLER)
                    .setContractType(io.innopoints.schemas.event.ContractType.DEVELOPMENT).setAmountFen(1_000L)
                    .setRegistrationDate(java.time.LocalDate.parse("2025-05-01")).build();
            case TAX_FILINGS -> Events.annual(code, 2024, 100, 10).build();
            case CREDENTIALS -> Events.qualification(code, "q-1", "2024-01-01", null).build();
        };
        Serializer<SpecificRecord> values = (Serializer<SpecificRecord>) h.serdes.value(type.recordClass()).serializer();
        return values.serialize(h.topics.name(type), event);
    }

    /** Sends one record; returns the dead letters it caused, after checking the next good record is scored. */
    private List<DeadLetter> send(EventType type, byte[] key, byte[] value) {
        h.sendRaw(type, key, value, T);
        List<DeadLetter> dead = h.deadLetters();
        String good = code(next.incrementAndGet());
        h.send(Events.registration(good, "ZONE-A").build(), T.plusSeconds(1));
        assertThat(h.scores()).as("a valid record after the fuzzed one is scored").extracting(s -> s.getCreditCode())
                .contains(good);
        return dead;
    }

    private boolean decodes(EventType type, byte[] value) {
        try {
            h.serdes.value(type.recordClass()).deserializer().deserialize(h.topics.name(type), value);
            return true;
        } catch (SerializationException e) {
            return false;
        }
    }

    @Property(tries = 150)
    void shouldDeadLetterAnyBytes(@ForAll EventType type, @ForAll @Size(max = 200) byte[] value) {
        List<DeadLetter> dead = send(type, h.keyBytes(type, code(1)), value);

        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).getErrorClass()).isIn("DESERIALIZATION", "VALIDATION");
        assertThat(bytes(dead.get(0).getOriginalValue())).isEqualTo(value);
    }

    @Property(tries = 300)
    void shouldDeadLetterOrScoreEveryMutationOfAValidPayload(@ForAll EventType type, @ForAll("mutations") Mutation m) {
        String key = code(1);
        byte[] value = m.apply(valid(type, key));

        List<DeadLetter> dead = send(type, h.keyBytes(type, key), value);

        assertThat(dead).as("at most one dead letter per record").hasSizeLessThanOrEqualTo(1);
        if (!decodes(type, value)) {
            assertThat(dead).as("an undecodable record is dead-lettered").hasSize(1);
            assertThat(dead.get(0).getErrorClass()).isEqualTo("DESERIALIZATION");
        }
    }

    @Property(tries = 100)
    void shouldDeadLetterAnyKey(@ForAll EventType type, @ForAll @Size(max = 40) byte[] key) {
        List<DeadLetter> dead = send(type, key, valid(type, code(1)));

        // a random key is never the Avro string of the event's credit code
        assertThat(dead).hasSize(1);
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /** A change to a payload's bytes. */
    interface Mutation {
        byte[] apply(byte[] payload);
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, 500);
        Arbitrary<Mutation> flip = Combinators.combine(at, Arbitraries.integers().between(0, 7)).as((p, bit) -> b -> {
            byte[] out = b.clone();
            out[p % out.length] ^= (byte) (1 << bit);
            return out;
        });
        Arbitrary<Mutation> replace = Combinators.combine(at, Arbitraries.bytes()).as((p, v) -> b -> {
            byte[] out = b.clone();
            out[p % out.length] = v;
            return out;
        });
        Arbitrary<Mutation> truncate = at.map(p -> b -> Arrays.copyOf(b, p % b.length));
        Arbitrary<Mutation> insert = Combinators.combine(at, Arbitraries.bytes().array(byte[].class).ofMaxSize(12))
                .as((p, extra) -> b -> splice(b, p % b.length, 0, extra));
        Arbitrary<Mutation> delete = Combinators.combine(at, Arbitraries.integers().between(1, 12))
                .as((p, n) -> b -> splice(b, 5 + p % Math.max(1, b.length - 5), n, new byte[0]));
        Arbitrary<Mutation> hugeLength = Combinators.combine(at, Arbitraries.longs().between(1L << 20, Long.MAX_VALUE))
                .as((p, n) -> b -> splice(b, 5 + p % Math.max(1, b.length - 5), 0, zigZag(n)));
        Arbitrary<Mutation> magic = Arbitraries.bytes().filter(v -> v != 0).map(v -> b -> {
            byte[] out = b.clone();
            out[0] = v;
            return out;
        });
        Arbitrary<Mutation> schemaId = Arbitraries.integers().map(id -> b -> {
            byte[] out = b.clone();
            ByteBuffer.wrap(out, 1, 4).putInt(id);
            return out;
        });
        return Arbitraries.oneOf(flip, replace, truncate, insert, delete, hugeLength, magic, schemaId);
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        int from = Math.min(at, b.length);
        int to = Math.min(b.length, from + remove);
        byte[] out = new byte[from + insert.length + b.length - to];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(b, to, out, from + insert.length, b.length - to);
        return out;
    }

    private static byte[] zigZag(long value) {
        long n = (value << 1) ^ (value >> 63);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while ((n & ~0x7FL) != 0) {
            out.write((int) ((n & 0x7F) | 0x80));
            n >>>= 7;
        }
        out.write((int) n);
        return out.toByteArray();
    }
}
