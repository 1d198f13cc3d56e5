package io.innopoints.ingest.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.innopoints.ingest.config.IngestConfig;
import io.innopoints.ingest.config.ProviderGrant;
import io.innopoints.ingest.domain.Authenticator;
import io.innopoints.ingest.domain.InFlightLimiter;
import io.innopoints.ingest.domain.IngestMetrics;
import io.innopoints.ingest.domain.IngestService;
import io.innopoints.ingest.domain.Outcome;
import io.innopoints.ingest.domain.Provenance;
import io.innopoints.ingest.domain.RateLimiter;
import io.innopoints.ingest.domain.RecordCoordinates;
import io.innopoints.schemas.http.BearerTokens;
import io.innopoints.schemas.http.ErrorBody;
import io.innopoints.schemas.http.ProblemType;
import io.innopoints.schemas.json.AvroJson;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.validation.Problem;
import io.innopoints.schemas.validation.Validated;
import io.innopoints.web.JsonErrorHandler;
import io.innopoints.web.JsonMediaType;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers' HTTP API, from requests to {@link IngestService} submissions and back to JSON answers:
 * {@code POST /v1/events/{type}} (one event; 202 with coordinates after the broker's acknowledgement) and
 * {@code POST /v1/events/{type}:batch} (a JSON array; 200 with one result per record), bearer-token
 * authentication and per-provider scopes (401/403), body and batch limits (413), per-provider rate limit and
 * global in-flight limit (429 with Retry-After), plus {@code /openapi.json}, {@code /health/live},
 * {@code /health/ready} and {@code /metrics}. Every error is an RFC 9457 problem document ({@link ErrorBody}); a
 * rejected single event is a {@code validation} problem naming every field. Builds the Javalin app; the caller
 * starts and stops it.
 */
public final class IngestApi {
    private static final Logger LOG = LoggerFactory.getLogger(IngestApi.class);
    private static final String BATCH_SUFFIX = ":batch";
    private static final String JSON = "application/json";
    /** Request attribute: the answer was written by this class (an error mapper must not replace it). */
    private static final String ANSWERED = "innopoints.answered";

    private final IngestConfig config;
    private final IngestService service;
    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final InFlightLimiter inFlight;
    private final IngestMetrics metrics;
    private final Supplier<Map<String, Boolean>> readiness;
    private final Supplier<String> prometheus;
    private final String openApi;

    /**
     * @param readiness  named dependency checks (e.g. kafka, schema-registry); ready when all are true
     * @param prometheus renders the Prometheus exposition text
     */
    public IngestApi(IngestConfig config, IngestService service, Authenticator authenticator, RateLimiter rateLimiter,
                     InFlightLimiter inFlight, IngestMetrics metrics, Supplier<Map<String, Boolean>> readiness,
                     Supplier<String> prometheus) {
        this.config = config;
        this.service = service;
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.inFlight = inFlight;
        this.metrics = metrics;
        this.readiness = readiness;
        this.prometheus = prometheus;
        this.openApi = OpenApiDocument.render(config);
    }

    /** The configured, not yet started Javalin app. */
    public Javalin create() {
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            // our own bounded read enforces the limit with a clear 413; Javalin's must not fire first
            cfg.http.maxRequestSize = config.maxBodyBytes() + 1;
            cfg.jetty.defaultHost = config.httpHost();
            cfg.jetty.defaultPort = config.httpPort();
            // Jetty's own answers (bad URI, header too large) in the one JSON error shape, not an HTML page
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            // Jetty reuses header fields seen before on a keep-alive connection, matching their values ignoring case
            // by default: "Bearer ABC" after "Bearer abc" arrived as "Bearer abc" and authenticated
            cfg.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
            cfg.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JsonErrorHandler()));
        });
        // one route: a path parameter matches "patents" and "patents:batch" alike; the suffix is split off here
        app.post("/v1/events/{type}", this::events);
        app.get("/openapi.json", ctx -> ctx.contentType(JSON).result(openApi));
        app.get("/health/live", ctx -> ctx.json(Map.of("status", "UP")));
        app.get("/health/ready", this::ready);
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(prometheus.get()));
        app.error(HttpStatus.NOT_FOUND, ctx -> {
            // an endpoint's own 404 (unknown event type) stands; anything else gets the generic one
            if (ctx.attribute(ANSWERED) == null) {
                problem(ctx, ErrorBody.of(ProblemType.NOT_FOUND, "no such resource: " + ctx.method() + " " + ctx.path()
                        + " (see /openapi.json)"));
            }
        });
        // Javalin's own refusals (404 for an unknown path, 405, 413 …) in the same shape as everything else
        app.exception(HttpResponseException.class, (e, ctx) -> problem(ctx,
                ErrorBody.forStatus(e.getStatus(), e.getStatus() == 404
                        ? "no such resource: " + ctx.method() + " " + ctx.path() + " (see /openapi.json)"
                        : abbreviate(e.getMessage() == null ? "HTTP " + e.getStatus() : e.getMessage()))));
        app.error(HttpStatus.METHOD_NOT_ALLOWED, ctx -> problem(ctx,
                ErrorBody.of(ProblemType.METHOD_NOT_ALLOWED, ctx.method() + " is not allowed on " + ctx.path())));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected failure serving {} {}", ctx.method(), ctx.path(), e);
            problem(ctx, ErrorBody.of(ProblemType.INTERNAL, "internal error; the request may be retried"));
        });
        return app;
    }

    private void events(Context ctx) {
        String raw = ctx.pathParam("type");
        boolean batch = raw.endsWith(BATCH_SUFFIX);
        String typeId = batch ? raw.substring(0, raw.length() - BATCH_SUFFIX.length()) : raw;

        Optional<ProviderGrant> grant = authenticate(ctx);
        if (grant.isEmpty()) {
            metrics.refused("401", null);
            ctx.header("WWW-Authenticate", "Bearer realm=\"innopoints-ingest\"");
            problem(ctx, ErrorBody.of(ProblemType.UNAUTHORIZED, "a valid API token is required: Authorization: Bearer <token>"));
            return;
        }
        String provider = grant.get().provider();
        Optional<EventType> type = EventType.byId(typeId);
        if (type.isEmpty()) {
            problem(ctx, ErrorBody.of(ProblemType.UNKNOWN_EVENT_TYPE, "unknown event type '" + abbreviate(typeId) + "'; expected one of "
                    + Arrays.stream(EventType.values()).map(EventType::id).toList()));
            return;
        }
        if (!grant.get().mayPublish(type.get())) {
            metrics.refused("403", provider);
            problem(ctx, ErrorBody.of(ProblemType.FORBIDDEN, "provider '" + provider + "' may not publish " + typeId
                    + "; allowed: " + grant.get().eventTypes().stream().map(EventType::id).sorted().toList()));
            return;
        }
        long wait = rateLimiter.tryAcquire(provider);
        if (wait > 0) {
            metrics.refused("429", provider);
            tooMany(ctx, wait, "rate limit of " + config.rateRequestsPerSecond() + " requests/s for provider '" + provider
                    + "' exceeded");
            return;
        }
        Optional<String> mediaType = JsonMediaType.problem(ctx.header("Content-Type"));
        if (mediaType.isPresent()) {
            metrics.refused("415", provider);
            problem(ctx, ErrorBody.field(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content-Type", mediaType.get()));
            return;
        }
        byte[] body;
        try {
            body = readBounded(ctx);
        } catch (TooLarge e) {
            metrics.refused("413", provider);
            problem(ctx, ErrorBody.of(ProblemType.PAYLOAD_TOO_LARGE, "request body exceeds " + config.maxBodyBytes() + " bytes"));
            return;
        } catch (IOException e) {
            problem(ctx, ErrorBody.of(ProblemType.BAD_REQUEST, "could not read the request body"));
            return;
        }
        if (batch) {
            batch(ctx, type.get(), provider, body);
        } else {
            single(ctx, type.get(), provider, body);
        }
    }

    private void single(Context ctx, EventType type, String provider, byte[] body) {
        if (!inFlight.tryAcquire(1)) {
            metrics.refused("429", provider);
            tooMany(ctx, 1, "the service is at its limit of records awaiting Kafka acknowledgement");
            return;
        }
        Validated<JsonNode> parsed = parse(body);
        CompletableFuture<Outcome> outcome = parsed.isOk()
                ? service.submit(type, parsed.value(), body, Provenance.rest(provider, null)).toCompletableFuture()
                : service.reject(type, null, body, Provenance.rest(provider, null), parsed.problems()).toCompletableFuture();
        CompletableFuture<Void> answered = outcome
                .orTimeout(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((result, failure) -> {
                    inFlight.release(1);
                    if (failure != null) {
                        unavailable(ctx, failure);
                    } else if (result instanceof Outcome.Accepted a) {
                        send(ctx, a.duplicate() ? 200 : 202, accepted(a));
                    } else {
                        problem(ctx, rejectedProblem((Outcome.Rejected) result));
                    }
                    return null;
                });
        ctx.future(() -> answered);
    }

    private void batch(Context ctx, EventType type, String provider, byte[] body) {
        Validated<JsonNode> parsed = parse(body);
        if (parsed.isOk() && !parsed.value().isArray()) {
            parsed = Validated.invalid("$", "a batch must be a JSON array of events, got "
                    + (parsed.value().isObject() ? "an object" : parsed.value().getNodeType().toString().toLowerCase()));
        }
        if (!parsed.isOk()) {
            // a body that is not a readable array: one dead letter for the whole body
            if (!inFlight.tryAcquire(1)) {
                tooMany(ctx, 1, "the service is at its limit of records awaiting Kafka acknowledgement");
                return;
            }
            List<Problem> problems = parsed.problems();
            CompletableFuture<Void> answered = service.reject(type, null, body, Provenance.rest(provider, null), problems)
                    .toCompletableFuture().orTimeout(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .handle((r, failure) -> {
                        inFlight.release(1);
                        if (failure != null) {
                            unavailable(ctx, failure);
                        } else {
                            problem(ctx, ErrorBody.of(ProblemType.INVALID_BATCH, "the batch could not be read", problems));
                        }
                        return null;
                    });
            ctx.future(() -> answered);
            return;
        }
        ArrayNode events = (ArrayNode) parsed.value();
        if (events.size() > config.batchMaxRecords()) {
            metrics.refused("413", provider);
            problem(ctx, ErrorBody.of(ProblemType.BATCH_TOO_LARGE, "a batch may hold at most " + config.batchMaxRecords()
                    + " events, got " + events.size()));
            return;
        }
        if (events.isEmpty()) {
            problem(ctx, ErrorBody.of(ProblemType.EMPTY_BATCH, "the batch is empty"));
            return;
        }
        int n = events.size();
        if (!inFlight.tryAcquire(n)) {
            metrics.refused("429", provider);
            tooMany(ctx, 1, "the service is at its limit of records awaiting Kafka acknowledgement");
            return;
        }
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            JsonNode event = events.get(i);
            byte[] original = IngestService.utf8(event.toString());
            outcomes.add(service.submit(type, event, original, Provenance.rest(provider, (long) i)).toCompletableFuture());
        }
        CompletableFuture<Void> answered = CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                .orTimeout(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((ignored, failure) -> {
                    inFlight.release(n);
                    ObjectNode response = JsonNodeFactory.instance.objectNode();
                    ArrayNode results = JsonNodeFactory.instance.arrayNode();
                    int accepted = 0;
                    int duplicates = 0;
                    int rejected = 0;
                    int failed = 0;
                    for (int i = 0; i < n; i++) {
                        CompletableFuture<Outcome> f = outcomes.get(i);
                        ObjectNode result;
                        if (f.isDone() && !f.isCompletedExceptionally()) {
                            Outcome o = f.join();
                            if (o instanceof Outcome.Accepted a) {
                                result = accepted(a);
                                if (a.duplicate()) {
                                    duplicates++;
                                } else {
                                    accepted++;
                                }
                            } else {
                                result = rejected((Outcome.Rejected) o);
                                rejected++;
                            }
                        } else {
                            result = JsonNodeFactory.instance.objectNode();
                            result.put("status", "failed");
                            result.put("message", "Kafka did not acknowledge; resend this event (same eventId is safe)");
                            failed++;
                        }
                        results.add(JsonNodeFactory.instance.objectNode().put("index", i).setAll(result));
                    }
                    response.put("accepted", accepted);
                    response.put("duplicates", duplicates);
                    response.put("rejected", rejected);
                    response.put("failed", failed);
                    response.set("results", results);
                    if (failed > 0) {
                        ctx.header("Retry-After", "5");
                    }
                    send(ctx, failed > 0 ? 503 : 200, response);
                    return null;
                });
        ctx.future(() -> answered);
    }

    private void ready(Context ctx) {
        Map<String, Boolean> checks = readiness.get();
        boolean up = checks.values().stream().allMatch(Boolean::booleanValue);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", up ? "UP" : "DOWN");
        ObjectNode details = body.putObject("checks");
        checks.forEach((name, ok) -> details.put(name, ok ? "UP" : "DOWN"));
        send(ctx, up ? 200 : 503, body);
    }

    private Optional<ProviderGrant> authenticate(Context ctx) {
        return BearerTokens.fromHeader(ctx.header("Authorization")).flatMap(authenticator::authenticate);
    }

    private static Validated<JsonNode> parse(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return Validated.invalid("$", "body is not valid UTF-8");
        }
        return AvroJson.parse(text);
    }

    private byte[] readBounded(Context ctx) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > config.maxBodyBytes()) {
            throw new TooLarge();
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, config.maxBodyBytes() + 1));
            if (bytes.length > config.maxBodyBytes()) {
                throw new TooLarge();
            }
            return bytes;
        }
    }

    private static ObjectNode accepted(Outcome.Accepted a) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", a.duplicate() ? "duplicate" : "accepted");
        body.put("eventId", a.eventId());
        RecordCoordinates c = a.coordinates();
        body.put("topic", c.topic());
        body.put("partition", c.partition());
        body.put("offset", c.offset());
        if (a.duplicate()) {
            body.put("message", "duplicate, already accepted: eventId '" + a.eventId()
                    + "' was accepted before at these coordinates; nothing new was written");
        }
        return body;
    }

    private static ObjectNode rejected(Outcome.Rejected r) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", "rejected");
        if (r.eventId() != null) {
            body.put("eventId", r.eventId());
        }
        body.put("message", r.problems().size() == 1 ? "1 problem" : r.problems().size() + " problems");
        body.set("errors", ErrorBody.problems(r.problems()));
        return body;
    }

    private void unavailable(Context ctx, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TimeoutException) {
            LOG.warn("no broker acknowledgement within {}", config.publishTimeout());
        } else {
            LOG.warn("publish failed: {}", cause.toString());
        }
        ctx.header("Retry-After", "5");
        problem(ctx, ErrorBody.of(ProblemType.UNAVAILABLE, "Kafka did not acknowledge the write; it may or may not be stored. "
                + "Resend the same events (the same eventId is safe)."));
    }

    private static void tooMany(Context ctx, long retryAfterSeconds, String why) {
        ctx.header("Retry-After", Long.toString(retryAfterSeconds));
        problem(ctx, ErrorBody.of(ProblemType.TOO_MANY_REQUESTS, why + "; retry after " + retryAfterSeconds + " s"));
    }

    /**
     * A single event that was rejected: a validation problem naming every field, with the event's id when it could be
     * read; the input went to the dead-letter topic.
     */
    private static ObjectNode rejectedProblem(Outcome.Rejected r) {
        ObjectNode body = ErrorBody.of(ProblemType.VALIDATION, (r.problems().size() == 1 ? "1 problem"
                : r.problems().size() + " problems") + "; the event was not published (recorded in ingest-rejected)",
                r.problems());
        if (r.eventId() != null) {
            body.put("eventId", r.eventId());
        }
        return body;
    }

    /** An error answer: the problem document at this request's path, its status, {@value ErrorBody#CONTENT_TYPE}. */
    private static void problem(Context ctx, ObjectNode problem) {
        ctx.attribute(ANSWERED, Boolean.TRUE);
        ctx.status(ErrorBody.status(problem)).contentType(ErrorBody.CONTENT_TYPE)
                // bytes, not a String: Jetty encodes a String as ISO-8859-1 for a media type it does not know
                // as JSON, and a field named in Cyrillic or with a zero-width space came back as '?'
                .result(ErrorBody.render(ErrorBody.at(problem, ctx.path())).getBytes(StandardCharsets.UTF_8));
    }

    private static void send(Context ctx, int status, JsonNode body) {
        try {
            ctx.attribute(ANSWERED, Boolean.TRUE);
            ctx.status(status).contentType(JSON).result(AvroJson.mapper().writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a response", e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("body too large");
        }
    }
}
