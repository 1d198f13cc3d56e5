package io.innopoints.launcher.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.innopoints.localstack.generator.GeneratedEvent;
import io.innopoints.localstack.generator.GeneratorConfig;
import io.innopoints.localstack.generator.MalformedKind;
import io.innopoints.localstack.generator.SampleData;
import io.innopoints.schemas.json.AvroJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a generated sample through ingest's REST API like the data providers would: every tick (200 ms) it takes
 * the next {@code rate / 5} events of the log, groups them by event type and provider, and posts each group to
 * {@code POST /v1/events/{type}:batch} with that provider's token; the sample's malformed records go along (ingest
 * rejects them to {@code ingest-rejected}; truncated ones are not JSON and are skipped). A tick whose requests fail
 * (Kafka not acknowledging, rate limits, 5xx) is retried until answered (a batch refused as a whole with another
 * 4xx is counted, {@link #refused()}, and not retried); only then does the {@link FeederPosition}
 * advance, so a restart resumes after the last answered tick (resends are harmless: eventIds deduplicate).
 */
public final class SampleFeeder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SampleFeeder.class);
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final int MAX_BATCH = 500;
    private static final ObjectMapper JSON = AvroJson.mapper();

    private final String ingestUrl;
    private final Map<String, String> tokens;
    private final double rate;
    private final FeederPosition position;
    private final SampleData.GeneratedLog log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final long resumedFrom;
    private final AtomicLong consumed = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    /** Events of batches ingest refused as a whole (4xx other than 429). */
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean complete;
    private final Thread thread;

    private SampleFeeder(GeneratorConfig sample, String ingestUrl, Map<String, String> tokens, double rate,
                         FeederPosition position) {
        this.ingestUrl = ingestUrl;
        this.tokens = Map.copyOf(tokens);
        this.rate = rate;
        this.position = position;
        this.log = SampleData.generate(sample);
        this.resumedFrom = position.read();
        long skippedSoFar = 0;
        while (skippedSoFar < resumedFrom && log.hasNext()) {
            log.next();
            skippedSoFar++;
        }
        consumed.set(skippedSoFar);
        this.thread = new Thread(this::run, "sample-feeder");
        thread.setDaemon(true);
    }

    /** Generates the sample, skips what the position says was sent, and starts posting on its own thread. */
    public static SampleFeeder start(GeneratorConfig sample, String ingestUrl, Map<String, String> tokens, double rate,
                                     FeederPosition position) {
        SampleFeeder feeder = new SampleFeeder(sample, ingestUrl, tokens, rate, position);
        if (feeder.resumedFrom > 0) {
            LOG.info("feeder resumes after {} events already sent", feeder.resumedFrom);
        }
        feeder.thread.start();
        return feeder;
    }

    private void run() {
        double credit = 0;
        long next = System.nanoTime();
        try {
            while (!stopping.get() && log.hasNext()) {
                credit += rate * TICK_NANOS / 1e9;
                int quota = (int) credit;
                credit -= quota;
                List<GeneratedEvent> tick = new ArrayList<>(quota);
                while (tick.size() < quota && log.hasNext()) {
                    tick.add(log.next());
                }
                if (!tick.isEmpty()) {
                    sendUntilAnswered(tick);
                    consumed.addAndGet(tick.size());
                    position.write(consumed.get());
                }
                next += TICK_NANOS;
                parkUntil(next);
            }
            if (!log.hasNext()) {
                complete = true;
                LOG.info("sample complete: {} events ({} accepted, {} duplicates, {} rejected, {} refused, {} skipped) "
                        + "this run", consumed.get(), accepted.get(), duplicates.get(), rejected.get(), refused.get(),
                        skipped.get());
            }
        } catch (RuntimeException e) {
            LOG.error("the feeder stopped: {}", e.toString(), e);
        } finally {
            log.close();
            finished.countDown();
        }
    }

    private void parkUntil(long deadline) {
        long wait;
        while (!stopping.get() && (wait = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, wait);
        }
    }

    private void sendUntilAnswered(List<GeneratedEvent> tick) {
        Map<String, List<ObjectNode>> groups = new LinkedHashMap<>();
        for (GeneratedEvent event : tick) {
            ObjectNode body = body(event);
            String provider = body == null ? null : body.path("provider").asText(null);
            if (body == null || provider == null || !tokens.containsKey(provider)) {
                skipped.incrementAndGet();
                continue;
            }
            groups.computeIfAbsent(event.type().id() + "\n" + provider, k -> new ArrayList<>()).add(body);
        }
        for (Map.Entry<String, List<ObjectNode>> group : groups.entrySet()) {
            String[] typeAndProvider = group.getKey().split("\n", 2);
            List<ObjectNode> bodies = group.getValue();
            for (int from = 0; from < bodies.size(); from += MAX_BATCH) {
                List<ObjectNode> batch = bodies.subList(from, Math.min(bodies.size(), from + MAX_BATCH));
                Duration backoff = Duration.ofMillis(200);
                while (!post(typeAndProvider[0], typeAndProvider[1], batch)) {
                    if (stopping.get()) {
                        throw new IllegalStateException("stopped while ingest was not answering");
                    }
                    parkUntil(System.nanoTime() + backoff.toNanos());
                    backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5)
                            : backoff.multipliedBy(2);
                }
            }
        }
    }

    /** The request body of an event: the valid record as plain JSON, or the malformed body (null when not JSON). */
    private static ObjectNode body(GeneratedEvent event) {
        if (!event.malformed()) {
            return AvroJson.write(event.record());
        }
        return event.malformation().kind() == MalformedKind.TRUNCATED_RECORD ? null : event.malformation().body();
    }

    /** Posts one batch; true when ingest answered every record (accepted, duplicate or rejected). */
    private boolean post(String type, String provider, List<ObjectNode> batch) {
        ArrayNode array = JSON.createArrayNode();
        batch.forEach(array::add);
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(ingestUrl + "/v1/events/" + type + ":batch"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + tokens.get(provider))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(array))).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status >= 400 && status < 500 && status != 429) {
                // the same request would be refused again (a token without that type's scope, say): counted, not
                // retried, so one refused batch cannot stall the whole feed
                LOG.error("ingest refused a {} batch of {} ({} events) with {}: {}; not retried", type, provider,
                        batch.size(), status, abbreviate(response.body()));
                refused.addAndGet(batch.size());
                return true;
            }
            if (status != 200) {
                LOG.warn("ingest answered {} to a {} batch of {}: {}; retrying", response.statusCode(), type, provider,
                        abbreviate(response.body()));
                return false;
            }
            JsonNode summary = JSON.readTree(response.body());
            accepted.addAndGet(summary.path("accepted").asLong());
            duplicates.addAndGet(summary.path("duplicates").asLong());
            rejected.addAndGet(summary.path("rejected").asLong());
            return true;
        } catch (IOException e) {
            LOG.warn("ingest not reachable at {}: {}; retrying", ingestUrl, e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    /** Events of the log already sent before this run started (0 on a fresh data directory). */
    public long resumedFrom() {
        return resumedFrom;
    }

    /** Events of the log done so far, including those of earlier runs. */
    public long position() {
        return consumed.get();
    }

    /** Records ingest accepted in this run. */
    public long accepted() {
        return accepted.get();
    }

    public long duplicates() {
        return duplicates.get();
    }

    public long rejected() {
        return rejected.get();
    }

    /** Events of batches ingest refused as a whole (a 4xx other than 429: not retried). */
    public long refused() {
        return refused.get();
    }

    /** True once the whole sample was sent. */
    public boolean complete() {
        return complete;
    }

    /** Stops after the current request; the position stays at the last answered tick. */
    @Override
    public void close() {
        stopping.set(true);
        LockSupport.unpark(thread);
        try {
            if (!finished.await(70, TimeUnit.SECONDS)) {
                LOG.warn("the feeder did not stop within 70 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
