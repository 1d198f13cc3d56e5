package io.innopoints.ingest.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.validation.EventValidator;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExamplesTest {
    @Test
    void shouldDocumentOnlyExamplesThatPassValidationToday() {
        EventValidator validator = new EventValidator(Clock.systemUTC(), Duration.ZERO);
        for (EventType type : EventType.values()) {
            assertThat(validator.read(type, Examples.json(type)).problems()).as(type.id()).isEmpty();
        }
    }
}
