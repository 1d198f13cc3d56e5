package io.innopoints.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.innopoints.schemas.CreditCode;
import io.innopoints.schemas.dlq.DeadLetter;
import io.innopoints.schemas.dlq.FieldError;
import io.innopoints.schemas.json.AvroJson;
import io.innopoints.schemas.topic.EventHeader;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.validation.EventValidator;
import io.innopoints.schemas.validation.Problem;
import io.innopoints.schemas.validation.Validated;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.avro.specific.SpecificRecord;

/**
 * The one path every input event takes, from REST and from bulk files alike: JSON → structural and semantic
 * validation ({@link EventValidator}) → provider check → idempotency ({@link RecentEvents}) → publish to the event
 * type's topic keyed by credit code; or, when anything is wrong, a {@link DeadLetter} with provenance to
 * {@code ingest-rejected}. Every returned stage completes only after the broker acknowledged the event or its
 * dead letter; it completes exceptionally only for infrastructure failures (the broker did not acknowledge).
 */
public final class IngestService {
    public static final String APP = "ingest";
    /** Most field errors one dead letter lists. */
    static final int MAX_FIELD_ERRORS = 100;

    private final EventValidator validator;
    private final EventPublisher publisher;
    private final RecentEvents recent;
    private final IngestMetrics metrics;
    private final Clock clock;

    public IngestService(EventValidator validator, EventPublisher publisher, RecentEvents recent, IngestMetrics metrics,
                         Clock clock) {
        this.validator = validator;
        this.publisher = publisher;
        this.recent = recent;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Validates and publishes one JSON event.
     *
     * @param original the bytes the event arrived as (the JSON text of this event), kept in a dead letter
     */
    public CompletionStage<Outcome> submit(EventType type, JsonNode json, byte[] original, Provenance provenance) {
        return submit(type, AvroJson.read(json, type.recordClass()), json, original, provenance);
    }

    /**
     * Validates semantically and publishes an event whose structure was already read (e.g. a CSV row).
     *
     * @param structural the record or its structural problems
     * @param raw        the input as JSON when there is one (for provenance of rejections), else null
     */
    public CompletionStage<Outcome> submit(EventType type, Validated<? extends SpecificRecord> structural, JsonNode raw,
                                           byte[] original, Provenance provenance) {
        JsonNode json = raw;
        Validated<SpecificRecord> result = structural.isOk()
                ? validator.validate((SpecificRecord) structural.value())
                : Validated.invalid(structural.problems());
        if (!result.isOk()) {
            if (json == null && structural.isOk()) {
                // a CSV row: its JSON form is the readable original for the dead letter
                json = AvroJson.write(structural.value());
                return reject(type, json, original != null ? original : utf8(json.toString()), provenance, result.problems());
            }
            return reject(type, json, original, provenance, result.problems());
        }
        SpecificRecord event = result.value();
        EventHeader header = EventHeader.of(event);
        String eventId = header.eventId();
        String recordProvider = header.provider();
        String creditCode = header.creditCode();
        if (provenance.provider() != null && !provenance.provider().equals(recordProvider)) {
            return reject(type, json, original, provenance, List.of(new Problem("provider",
                    "must be '" + provenance.provider() + "' (the provider the request is authenticated as), got '"
                            + recordProvider + "'")));
        }
        String owner = provenance.provider() != null ? provenance.provider() : recordProvider;
        CompletableFuture<RecordCoordinates> pending = new CompletableFuture<>();
        RecentEvents.Entry mine = new RecentEvents.Entry(ContentDigest.of(event), pending);
        RecentEvents.Entry earlier = recent.putIfAbsent(owner, type, eventId, mine);
        if (earlier != null) {
            if (!earlier.sameContent(mine)) {
                return reject(type, json, original, provenance, List.of(new Problem("eventId",
                        "'" + eventId + "' was already accepted with different content; eventId is the deduplication key, "
                                + "so send a changed event under a new eventId (or retract the old one)")));
            }
            return earlier.coordinates().<CompletionStage<Outcome>>handle((coordinates, failure) -> {
                if (failure != null) {
                    // the first attempt failed and was forgotten; this resend is a real retry
                    return submit(type, structural, raw, original, provenance);
                }
                metrics.duplicate(type.id(), owner, provenance.source());
                return CompletableFuture.<Outcome>completedFuture(new Outcome.Accepted(eventId, coordinates, true));
            }).thenCompose(stage -> stage);
        }
        long started = System.nanoTime();
        CompletionStage<RecordCoordinates> sent;
        try {
            sent = publisher.publish(type.topic(), creditCode, event, provenance);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((coordinates, failure) -> {
            if (failure != null) {
                recent.forget(owner, type, eventId, mine);
                pending.completeExceptionally(failure);
                throw new PublishException("could not publish event " + eventId + " to " + type.topic().defaultName(), failure);
            }
            metrics.produceLatency(type.id(), Duration.ofNanos(System.nanoTime() - started));
            metrics.accepted(type.id(), owner, provenance.source());
            pending.complete(coordinates);
            return (Outcome) new Outcome.Accepted(eventId, coordinates, false);
        });
    }

    /**
     * Records an input that could not even be read as a JSON event (malformed JSON, not an object): a dead letter
     * with the original bytes and the problems.
     */
    public CompletionStage<Outcome> reject(EventType type, JsonNode json, byte[] original, Provenance provenance,
                                           List<Problem> problems) {
        String eventId = textField(json, "eventId");
        String creditCode = textField(json, "creditCode");
        if (creditCode != null && !CreditCode.isValid(creditCode)) {
            creditCode = null;
        }
        OriginalPayload payload = OriginalPayload.of(original);
        DeadLetter letter = DeadLetter.newBuilder()
                .setApp(APP)
                .setSource(provenance.source())
                .setEventType(type == null ? null : type.id())
                .setProvider(provenance.provider() != null ? provenance.provider() : textField(json, "provider"))
                .setEventId(eventId)
                .setSourceFile(provenance.sourceFile())
                .setSourceLine(provenance.sourceLine())
                .setOriginalValue(payload == null ? null : payload.bytes())
                .setOriginalSize(payload == null ? null : payload.size())
                .setOriginalSha256(payload == null ? null : payload.sha256())
                .setErrorClass("VALIDATION")
                .setReason(summary(problems))
                .setErrors(fieldErrors(problems))
                .setRejectedAt(clock.instant())
                .build();
        String typeId = type == null ? "unknown" : type.id();
        CompletionStage<RecordCoordinates> sent;
        try {
            sent = publisher.publish(Topic.INGEST_REJECTED, creditCode, letter, provenance);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((coordinates, failure) -> {
            if (failure != null) {
                throw new PublishException("could not publish the dead letter of a rejected " + typeId + " event", failure);
            }
            metrics.rejected(typeId, letter.getProvider(), provenance.source());
            return (Outcome) new Outcome.Rejected(eventId, problems, coordinates);
        });
    }

    /** Convenience for unparseable input: the original text as UTF-8 bytes. */
    public static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The problems as field errors, at most {@value #MAX_FIELD_ERRORS} of at most 1,000 characters each (an input
     * with 100,000 unknown fields must not make its dead letter unwritable); a last entry counts the rest.
     */
    private static List<FieldError> fieldErrors(List<Problem> problems) {
        List<FieldError> errors = new ArrayList<>();
        for (Problem p : problems.subList(0, Math.min(problems.size(), MAX_FIELD_ERRORS))) {
            errors.add(new FieldError(cut(p.field(), 256), cut(p.reason(), 1000)));
        }
        if (problems.size() > MAX_FIELD_ERRORS) {
            errors.add(new FieldError("$", (problems.size() - MAX_FIELD_ERRORS) + " more problems not listed"));
        }
        return errors;
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    private static String summary(List<Problem> problems) {
        String all = String.join("; ", problems.stream().map(Problem::toString).toList());
        return all.length() <= 2000 ? all : all.substring(0, 1997) + "...";
    }

    /** A textual field of the raw input when it is readable (for provenance), else null. */
    private static String textField(JsonNode json, String name) {
        if (json == null || !json.isObject()) {
            return null;
        }
        JsonNode value = json.get(name);
        if (value == null || !value.isTextual()) {
            return null;
        }
        String text = value.textValue();
        return text.length() <= 256 ? text : null;
    }

    /** The broker did not acknowledge: an infrastructure failure, never a verdict on the event. */
    public static final class PublishException extends RuntimeException {
        public PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
