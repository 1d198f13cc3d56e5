package io.innopoints.stream.topology;

import io.innopoints.schemas.dlq.DeadLetter;
import org.apache.avro.specific.SpecificRecord;

/** Result of decoding one input record: a valid event (with its original bytes for later dead letters) or a dead letter. */
sealed interface Decoded {

    record Valid(SpecificRecord event, String eventId, String creditCode, String eventType, byte[] key, byte[] value)
            implements Decoded {
    }

    record Dead(DeadLetter letter) implements Decoded {
    }
}
