package io.innopoints.localstack.generator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.innopoints.schemas.topic.EventType;
import java.time.Instant;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * One event of a generated log: its type, id, key, arrival time and purpose; either a valid Avro record or, for a
 * MALFORMED event, the broken plain-JSON body with what is wrong with it.
 *
 * @param order tie-breaker for equal arrival times (enterprise index and sequence), keeps the order deterministic
 */
public record GeneratedEvent(EventType type, String eventId, String creditCode, Instant arrival, long order,
                             EventFlag flag, SpecificRecord record, Malformation malformation) {

    /** A broken record: the body as plain JSON (a truncated record is cut when rendered) and the reason it must fail. */
    public record Malformation(MalformedKind kind, String reason, ObjectNode body) {
    }

    public GeneratedEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(flag, "flag");
        if ((flag == EventFlag.MALFORMED) != (malformation != null) || (record == null) == (malformation == null)) {
            throw new IllegalArgumentException("a MALFORMED event has a malformation and no record; others the opposite");
        }
    }

    public boolean malformed() {
        return flag == EventFlag.MALFORMED;
    }
}
