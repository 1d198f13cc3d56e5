package io.innopoints.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.innopoints.ingest.rest.Examples;
import io.innopoints.schemas.dlq.DeadLetter;
import io.innopoints.schemas.dlq.RejectSource;
import io.innopoints.schemas.event.PatentEvent;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.validation.EventValidator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class IngestServiceTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-15T00:00:00Z"), ZoneOffset.UTC);
    private final FakePublisher publisher = new FakePublisher();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final IngestService service = new IngestService(new EventValidator(CLOCK, Duration.ofMinutes(5)), publisher,
            new RecentEvents(100), new IngestMetrics(meters), CLOCK);

    private Outcome submit(JsonNode json, String provider) {
        return service.submit(EventType.PATENTS, json, json.toString().getBytes(StandardCharsets.UTF_8),
                Provenance.rest(provider, null)).toCompletableFuture().join();
    }

    private static ObjectNode patent() {
        return (ObjectNode) Examples.node(EventType.PATENTS);
    }

    @Test
    void shouldPublishAValidEventKeyedByCreditCodeAndAnswerItsCoordinates() {
        // given
        ObjectNode json = patent();
        // when
        Outcome outcome = submit(json, "patent-office");
        // then
        assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
        assertThat(((Outcome.Accepted) outcome).duplicate()).isFalse();
        assertThat(publisher.sent()).singleElement().satisfies(s -> {
            assertThat(s.topic()).isEqualTo(Topic.PATENT_EVENTS);
            assertThat(s.key()).isEqualTo(json.get("creditCode").textValue());
            assertThat(((PatentEvent) s.value()).getEventId()).isEqualTo(json.get("eventId").textValue());
        });
        assertThat(meters.counter("ingest.events.accepted", "type", "patents", "provider", "patent-office", "source", "REST")
                .count()).isEqualTo(1.0);
    }

    @Test
    void shouldSendAnInvalidEventToTheDeadLetterTopicWithProvenance() {
        // given
        ObjectNode json = patent().put("creditCode", "91110108MA01ABCDE0");
        byte[] original = json.toString().getBytes(StandardCharsets.UTF_8);
        // when
        Outcome outcome = service.submit(EventType.PATENTS, json, original, Provenance.rest("patent-office", 3L))
                .toCompletableFuture().join();
        // then
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        assertThat(((Outcome.Rejected) outcome).problems()).singleElement()
                .satisfies(p -> assertThat(p.field()).isEqualTo("creditCode"));
        DeadLetter letter = (DeadLetter) publisher.sent(Topic.INGEST_REJECTED).get(0).value();
        assertThat(letter.getSource()).isEqualTo(RejectSource.REST);
        assertThat(letter.getProvider()).isEqualTo("patent-office");
        assertThat(letter.getEventType()).isEqualTo("patents");
        assertThat(letter.getEventId()).isEqualTo("pat-2025-000001");
        assertThat(letter.getSourceLine()).isEqualTo(3L);
        assertThat(letter.getOriginalValue().array()).isEqualTo(original);
        assertThat(letter.getErrorClass()).isEqualTo("VALIDATION");
        assertThat(letter.getErrors()).singleElement().satisfies(e -> assertThat(e.getField()).isEqualTo("creditCode"));
        assertThat(letter.getReason()).contains("check character");
        assertThat(publisher.sent(Topic.PATENT_EVENTS)).isEmpty();
        assertThat(publisher.sent(Topic.INGEST_REJECTED).get(0).key()).as("an invalid code is no key").isNull();
    }

    @Test
    void shouldAnswerAResentEventAsDuplicateWithoutPublishingAgain() {
        // given
        Outcome first = submit(patent(), "patent-office");
        // when
        Outcome again = submit(patent(), "patent-office");
        // then
        assertThat(again).isEqualTo(new Outcome.Accepted("pat-2025-000001", ((Outcome.Accepted) first).coordinates(), true));
        assertThat(publisher.sent()).hasSize(1);
    }

    @Test
    void shouldRejectAResentEventIdWithDifferentContent() {
        submit(patent(), "patent-office");
        Outcome changed = submit(patent().put("title", "another title"), "patent-office");
        assertThat(changed).isInstanceOf(Outcome.Rejected.class);
        assertThat(((Outcome.Rejected) changed).problems().get(0).reason()).contains("already accepted with different content");
        assertThat(publisher.sent(Topic.PATENT_EVENTS)).hasSize(1);
    }

    @Test
    void shouldRejectAnEventNamingAnotherProviderThanTheAuthenticatedOne() {
        Outcome outcome = submit(patent(), "tax-bureau");
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        assertThat(((Outcome.Rejected) outcome).problems().get(0).field()).isEqualTo("provider");
    }

    @Test
    void shouldFailWithoutRememberingWhenTheBrokerDoesNotAcknowledgeSoARetryPublishes() {
        // given a broker that is down
        publisher.failAfter(0);
        // when / then
        assertThatThrownBy(() -> submit(patent(), "patent-office")).hasCauseInstanceOf(IngestService.PublishException.class);
        // and when it is back, the retry is published rather than answered as a duplicate
        publisher.failAfter(Integer.MAX_VALUE);
        Outcome retry = submit(patent(), "patent-office");
        assertThat(((Outcome.Accepted) retry).duplicate()).isFalse();
        assertThat(publisher.sent(Topic.PATENT_EVENTS)).hasSize(1);
    }

    @Test
    void shouldJoinAResendWhileTheFirstIsStillInFlight() {
        // given
        publisher.holdAcks();
        var first = service.submit(EventType.PATENTS, patent(), null, Provenance.rest("patent-office", null)).toCompletableFuture();
        var second = service.submit(EventType.PATENTS, patent(), null, Provenance.rest("patent-office", null)).toCompletableFuture();
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();
        // when
        publisher.release();
        // then
        assertThat(((Outcome.Accepted) first.join()).duplicate()).isFalse();
        assertThat(((Outcome.Accepted) second.join()).duplicate()).isTrue();
        assertThat(publisher.sent()).hasSize(1);
    }

    @Test
    void shouldForgetTheOldestEventIdsBeyondTheCacheSize() {
        RecentEvents recent = new RecentEvents(2);
        var entry = new RecentEvents.Entry(1, new java.util.concurrent.CompletableFuture<>());
        recent.putIfAbsent("p", EventType.PATENTS, "a", entry);
        recent.putIfAbsent("p", EventType.PATENTS, "b", entry);
        recent.putIfAbsent("p", EventType.PATENTS, "c", entry);
        assertThat(recent.size("p")).isEqualTo(2);
        assertThat(recent.putIfAbsent("p", EventType.PATENTS, "a", entry)).as("a was forgotten").isNull();
    }
}
