package io.innopoints.stream.topology;

import static io.innopoints.stream.support.Events.annual;
import static io.innopoints.stream.support.Events.code;
import static io.innopoints.stream.support.Events.registration;
import static io.innopoints.stream.support.Harness.T;
import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.dlq.DeadLetter;
import io.innopoints.schemas.dlq.FieldError;
import io.innopoints.schemas.event.EnterpriseRegistration;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.stream.support.Harness;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Every dead-letter path: the bad record lands in scoring-stream-dlq with provenance and the next one is scored. */
class DeadLetterTopologyTest {
    @AutoClose
    private final Harness h = new Harness(ScoringModel.builtin("national-2024"));

    private void thenTheNextGoodRecordIsStillScored() {
        String good = code(99);
        h.send(registration(good, "ZONE-A").build(), T.plusSeconds(10));
        assertThat(h.scores()).extracting(s -> s.getCreditCode()).contains(good);
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @Test
    void shouldDeadLetterUndecodableBytesWithProvenance() {
        // Given raw bytes that are not the Confluent wire format
        byte[] key = h.keyBytes(EventType.REGISTRATIONS, code(1));
        byte[] value = "not avro".getBytes(StandardCharsets.UTF_8);

        // When
        h.sendRaw(EventType.REGISTRATIONS, key, value, T);

        // Then
        List<DeadLetter> dead = h.deadLetters();
        assertThat(dead).hasSize(1);
        DeadLetter d = dead.get(0);
        assertThat(d.getErrorClass()).isEqualTo("DESERIALIZATION");
        assertThat(d.getSourceTopic()).isEqualTo("enterprise-registrations");
        assertThat(d.getSourcePartition()).isEqualTo(0);
        assertThat(d.getSourceOffset()).isEqualTo(0L);
        assertThat(d.getSourceTimestamp()).isEqualTo(T);
        assertThat(bytes(d.getOriginalValue())).isEqualTo(value);
        assertThat(bytes(d.getOriginalKey())).isEqualTo(key);
        assertThat(d.getReason()).contains("magic byte");
        assertThat(d.getApp()).isEqualTo(Harness.APP);
        thenTheNextGoodRecordIsStillScored();
    }

    @Test
    void shouldDeadLetterAnUnknownSchemaId() {
        // Given a well-formed header naming a schema id the registry does not have
        byte[] value = {0, 0, 0, 0x7f, 0x7f, 2, 'x'};

        // When
        h.sendRaw(EventType.PATENTS, h.keyBytes(EventType.PATENTS, code(1)), value, T);

        // Then
        DeadLetter d = h.deadLetters().get(0);
        assertThat(d.getErrorClass()).isEqualTo("DESERIALIZATION");
        assertThat(d.getReason()).contains("Unknown schema id");
        assertThat(d.getEventType()).isEqualTo("patents");
        thenTheNextGoodRecordIsStillScored();
    }

    @Test
    void shouldDeadLetterAnEventThatBreaksAValidationRuleNamingTheField() {
        // Given a registration with an illegal zone code
        EnterpriseRegistration bad = registration(code(1), "zone a!").build();

        // When
        h.send(bad, T);

        // Then
        DeadLetter d = h.deadLetters().get(0);
        assertThat(d.getErrorClass()).isEqualTo("VALIDATION");
        assertThat(d.getEventId()).isEqualTo(bad.getEventId());
        assertThat(d.getErrors()).extracting(FieldError::getField).containsExactly("zone");
        assertThat(h.scores()).isEmpty();
        thenTheNextGoodRecordIsStillScored();
    }

    @Test
    void shouldDeadLetterAnEventWhoseCreditCodeDiffersFromTheKey() {
        // Given a filing for one enterprise keyed by another
        h.send(code(2), annual(code(1), 2024, 100, 10).build(), T);

        // Then
        DeadLetter d = h.deadLetters().get(0);
        assertThat(d.getErrorClass()).isEqualTo("VALIDATION");
        assertThat(d.getErrors()).extracting(FieldError::getField).containsExactly("creditCode");
        assertThat(d.getErrors().get(0).getReason()).contains("does not match the record key");
        thenTheNextGoodRecordIsStillScored();
    }
}
