package io.innopoints.ingest.domain;

import io.innopoints.schemas.validation.Problem;
import java.util.List;

/** The result of submitting one input event: accepted with its coordinates, or rejected with every problem. */
public sealed interface Outcome {
    String eventId();

    /**
     * The event is in Kafka at {@code coordinates}. {@code duplicate} is true when this submission was a resend of an
     * already accepted eventId: nothing new was written and the coordinates are those of the first acceptance.
     */
    record Accepted(String eventId, RecordCoordinates coordinates, boolean duplicate) implements Outcome {
    }

    /** The event was refused; {@code deadLetter} is where its dead letter was written. */
    record Rejected(String eventId, List<Problem> problems, RecordCoordinates deadLetter) implements Outcome {
        public Rejected {
            problems = List.copyOf(problems);
        }
    }
}
