package io.innopoints.stream.topology;

import io.innopoints.schemas.dlq.DeadLetter;
import org.apache.avro.specific.SpecificRecord;

/** Result of decoding one input record: a valid event (with its original bytes for later dead letters) or a dead letter. */
sealed interface Decoded {

    record Valid(SpecificRecord event, String eventId, String creditCode, String eventType, byte[] key, byte[] value)
            implements Decoded {
    }

    /** @param key the decoded key (the credit code), null when the key itself could not be decoded */
    record Dead(String key, DeadLetter letter) implements Decoded {
    }
}
