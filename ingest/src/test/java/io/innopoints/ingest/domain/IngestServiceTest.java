package io.innopoints.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.innopoints.ingest.rest.Examples;
import io.innopoints.schemas.dlq.DeadLetter;
import io.innopoints.schemas.dlq.RejectSource;
import io.innopoints.schemas.event.PatentEvent;
import io.innopoints.schemas.json.AvroJson;
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
        var entry = new RecentEvents.Entry(new byte[32], new java.util.concurrent.CompletableFuture<>());
        recent.putIfAbsent("p", EventType.PATENTS, "a", entry);
        recent.putIfAbsent("p", EventType.PATENTS, "b", entry);
        recent.putIfAbsent("p", EventType.PATENTS, "c", entry);
        assertThat(recent.size("p")).isEqualTo(2);
        assertThat(recent.putIfAbsent("p", EventType.PATENTS, "a", entry)).as("a was forgotten").isNull();
    }

    @Test
    void shouldRejectSameEventIdWithDifferentContentEvenWhenTheHashCodesCollide() {
        // given two patents that differ only in their title, "Aa" vs "BB": equal 32-bit hash codes
        ObjectNode first = patent().put("title", "Aa");
        ObjectNode second = patent().put("title", "BB");
        assertThat(AvroJson.read(first, PatentEvent.class).value().hashCode())
                .as("precondition: the contents collide under hashCode")
                .isEqualTo(AvroJson.read(second, PatentEvent.class).value().hashCode());
        submit(first, "patent-office");
        // when
        Outcome outcome = submit(second, "patent-office");
        // then the second is refused (not answered as a harmless duplicate) and goes to the dead letters
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class, r -> assertThat(r.problems())
                .singleElement().satisfies(p -> {
                    assertThat(p.field()).isEqualTo("eventId");
                    assertThat(p.reason()).contains("different content");
                }));
        assertThat(publisher.sent(Topic.PATENT_EVENTS)).hasSize(1);
        assertThat(publisher.sent(Topic.INGEST_REJECTED)).hasSize(1);
    }

    @Test
    void shouldStillAnswerAnIdenticalResendAsDuplicate() {
        submit(patent(), "patent-office");
        Outcome again = submit(patent(), "patent-office");
        assertThat(again).isInstanceOfSatisfying(Outcome.Accepted.class, a -> assertThat(a.duplicate()).isTrue());
    }

    @Test
    void shouldWriteADeadLetterForAnInvalidBodyAtTheOneMebibyteLimit() {
        // given a malformed body of exactly 1 MiB: kept whole, its dead letter would exceed max.request.size
        byte[] body = new byte[1024 * 1024];
        java.util.Arrays.fill(body, (byte) 'a');
        body[0] = '{';
        // when
        Outcome outcome = service.reject(EventType.PATENTS, null, body, Provenance.rest("patent-office", null),
                java.util.List.of(new io.innopoints.schemas.validation.Problem("$", "malformed JSON"))).toCompletableFuture().join();
        // then the rejection is acknowledged, and the letter identifies the whole body by size and digest
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        DeadLetter letter = (DeadLetter) publisher.sent(Topic.INGEST_REJECTED).get(0).value();
        assertThat(letter.getOriginalSize()).isEqualTo(body.length);
        assertThat(letter.getOriginalSha256()).isEqualTo(ContentDigest.hex(ContentDigest.sha256(body)));
        assertThat(letter.getOriginalValue().remaining()).isEqualTo(OriginalPayload.MAX_BYTES);
        assertThat(letter.getOriginalValue().get(0)).isEqualTo((byte) '{');
    }

    @Test
    void shouldKeepASmallOriginalWholeWithItsSizeAndDigest() {
        byte[] body = "{\"eventId\":".getBytes(StandardCharsets.UTF_8);
        service.reject(EventType.PATENTS, null, body, Provenance.rest("patent-office", null),
                java.util.List.of(new io.innopoints.schemas.validation.Problem("$", "malformed JSON"))).toCompletableFuture().join();
        DeadLetter letter = (DeadLetter) publisher.sent(Topic.INGEST_REJECTED).get(0).value();
        assertThat(letter.getOriginalValue()).isEqualTo(java.nio.ByteBuffer.wrap(body));
        assertThat(letter.getOriginalSize()).isEqualTo(body.length);
        assertThat(letter.getOriginalSha256()).hasSize(64);
    }

    @Test
    void shouldBoundTheFieldErrorsOfADeadLetterSoItStaysWritable() {
        // given an event with 20,000 unknown fields of long names
        ObjectNode json = patent();
        for (int i = 0; i < 20_000; i++) {
            json.put("unknown-" + "x".repeat(40) + i, i);
        }
        // when
        Outcome outcome = submit(json, "patent-office");
        // then the letter is written, listing the first problems and counting the rest
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        DeadLetter letter = (DeadLetter) publisher.sent(Topic.INGEST_REJECTED).get(0).value();
        assertThat(letter.getErrors()).hasSize(IngestService.MAX_FIELD_ERRORS + 1);
        assertThat(letter.getErrors().get(IngestService.MAX_FIELD_ERRORS).getReason()).contains("more problems not listed");
    }

    @Test
    void shouldGiveEveryDeadLetterItsProvenance() {
        // given an event rejected for its content
        ObjectNode json = patent().put("actionDate", "2099-01-01");
        // when
        submit(json, "patent-office");
        // then
        DeadLetter letter = (DeadLetter) publisher.sent(Topic.INGEST_REJECTED).get(0).value();
        assertThat(letter.getApp()).isEqualTo("ingest");
        assertThat(letter.getProvider()).isEqualTo("patent-office");
        assertThat(letter.getEventType()).isEqualTo("patents");
        assertThat(letter.getSource()).isEqualTo(RejectSource.REST);
        assertThat(letter.getReason()).contains("actionDate");
        assertThat(letter.getErrors()).extracting(e -> e.getField()).containsExactly("actionDate");
        assertThat(letter.getRejectedAt()).isEqualTo(CLOCK.instant());
        assertThat(letter.getOriginalSha256()).isNotNull();
    }
}
