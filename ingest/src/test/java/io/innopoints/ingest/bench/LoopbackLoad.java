package io.innopoints.ingest.bench;

import io.innopoints.schemas.http.BearerTokens;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.innopoints.ingest.config.IngestConfig;
import io.innopoints.ingest.domain.Authenticator;
import io.innopoints.ingest.domain.EventPublisher;
import io.innopoints.ingest.domain.InFlightLimiter;
import io.innopoints.ingest.domain.IngestMetrics;
import io.innopoints.ingest.domain.IngestService;
import io.innopoints.ingest.domain.Provenance;
import io.innopoints.ingest.domain.RateLimiter;
import io.innopoints.ingest.domain.RecentEvents;
import io.innopoints.ingest.domain.RecordCoordinates;
import io.innopoints.ingest.rest.Examples;
import io.innopoints.ingest.rest.IngestApi;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.validation.EventValidator;
import io.javalin.Javalin;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.avro.specific.SpecificRecord;

/**
 * A bounded loopback load test of the REST API (a benchmark, not a unit test): the real {@link IngestApi} and
 * {@link IngestService} on a free port, an in-memory broker that acknowledges after a delay and keeps nothing, and
 * concurrent HTTP clients for a fixed time. Two phases:
 * <ol>
 *   <li><b>default</b>: the default configuration; each provider's client paces itself to its rate limit
 *       ({@code rate.requests-per-second}); reports requests/s, p50/p99 latency and statuses (all 202 expected).</li>
 *   <li><b>overload-rate</b>: one provider, several unpaced threads: beyond its rate the answer is 429 with
 *       Retry-After, never 5xx.</li>
 *   <li><b>overload-in-flight</b>: every provider, several unpaced threads sending full batches, and a broker that
 *       takes a second per acknowledgement: records awaiting acknowledgement reach {@code ingest.max-in-flight-records}
 *       and further requests get 429 at once instead of queueing; the heap after GC stays flat.</li>
 * </ol>
 * Usage: {@code LoopbackLoad [--seconds 20] [--providers 8] [--overload-threads 8] [--ack-delay-ms 2]}.
 */
public final class LoopbackLoad {
    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "20"));
        int providers = Integer.parseInt(opts.getOrDefault("providers", "8"));
        int overloadThreads = Integer.parseInt(opts.getOrDefault("overload-threads", "8"));
        long ackDelayMs = Long.parseLong(opts.getOrDefault("ack-delay-ms", "2"));

        Map<String, String> props = new HashMap<>(Map.of("http.port", "0", "http.host", "127.0.0.1"));
        for (int p = 0; p < providers; p++) {
            props.put("provider.bench-" + p + ".token-sha256", BearerTokens.sha256Hex("bench-token-" + p));
            props.put("provider.bench-" + p + ".event-types", "patents");
        }
        IngestConfig config = IngestConfig.defaults(props);
        DelayedBroker broker = new DelayedBroker(ackDelayMs);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        IngestMetrics metrics = new IngestMetrics(meters);
        Clock clock = Clock.systemUTC();
        IngestService service = new IngestService(new EventValidator(clock, config.futureTolerance()), broker,
                new RecentEvents(config.idempotencyCacheSize()), metrics, clock);
        Javalin app = new IngestApi(config, service, new Authenticator(config.providers().values()),
                new RateLimiter(config.rateRequestsPerSecond(), config.rateBurst(), System::nanoTime),
                new InFlightLimiter(config.maxInFlightRecords()), metrics, () -> Map.of("kafka", true), () -> "").create().start();
        System.out.printf("ingest loopback load: %d providers, %d s per phase, default config (rate %.0f req/s per provider, "
                + "burst %d, in-flight %d records), broker ack delay %d ms, heap max %d MiB%n", providers, seconds,
                config.rateRequestsPerSecond(), config.rateBurst(), config.maxInFlightRecords(), ackDelayMs,
                Runtime.getRuntime().maxMemory() >> 20);
        try {
            run("default", app.port(), providers, 1, config.rateRequestsPerSecond() * 0.95, 1, seconds);
            run("overload-rate", app.port(), 1, overloadThreads, 0, 1, seconds);
            // a broker that takes a second per acknowledgement, and batches: records pile up until the in-flight limit
            broker.delayMs = 1000;
            run("overload-in-flight", app.port(), providers, overloadThreads,
                    0, config.batchMaxRecords(), seconds);
        } finally {
            app.stop();
            broker.close();
        }
    }

    /**
     * One phase: {@code threads} clients per provider, each paced to {@code ratePerProvider / threads} (0 = unpaced),
     * sending single events ({@code batch} = 1) or batches of {@code batch} events.
     */
    private static void run(String phase, int port, int providers, int threads, double ratePerProvider, int batch,
                            int seconds)
            throws InterruptedException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Timer latency = Timer.builder("latency").publishPercentiles(0.5, 0.99).register(registry);
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        AtomicLong sequence = new AtomicLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
        List<Long> heap = java.util.Collections.synchronizedList(new ArrayList<>());
        heap.add(usedHeapAfterGc());
        List<Thread> clients = new ArrayList<>();
        for (int p = 0; p < providers; p++) {
            for (int t = 0; t < threads; t++) {
                String token = "bench-token-" + p;
                String provider = "bench-" + p;
                long intervalNanos = ratePerProvider > 0 ? (long) (1e9 * threads / ratePerProvider) : 0;
                Thread client = new Thread(() -> {
                    ObjectNode event = (ObjectNode) Examples.node(EventType.PATENTS);
                    event.put("provider", provider);
                    long next = System.nanoTime();
                    while (System.nanoTime() < deadline) {
                        if (intervalNanos > 0) {
                            next += intervalNanos;
                            long wait = next - System.nanoTime();
                            if (wait > 0) {
                                java.util.concurrent.locks.LockSupport.parkNanos(wait);
                            }
                        }
                        String body;
                        String path = "/v1/events/patents";
                        if (batch == 1) {
                            event.put("eventId", phase + "-" + sequence.incrementAndGet());
                            body = event.toString();
                        } else {
                            StringBuilder array = new StringBuilder("[");
                            for (int i = 0; i < batch; i++) {
                                event.put("eventId", phase + "-" + sequence.incrementAndGet());
                                array.append(i == 0 ? "" : ",").append(event);
                            }
                            body = array.append(']').toString();
                            path += ":batch";
                        }
                        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                        long start = System.nanoTime();
                        int status;
                        try {
                            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        } catch (Exception e) {
                            status = -1;
                        }
                        latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                    }
                }, "client-" + p + "-" + t);
                clients.add(client);
                client.start();
            }
        }
        long started = System.nanoTime();
        // heap samples on a schedule while the phase runs; the phase ends when every client thread has finished
        long sampleEvery = Math.max(1000, seconds * 200L);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> heap.add(usedHeapAfterGc()), sampleEvery, sampleEvery, TimeUnit.MILLISECONDS);
        try {
            for (Thread client : clients) {
                client.join();
            }
        } finally {
            sampler.shutdownNow();
        }
        heap.add(usedHeapAfterGc());
        double elapsed = (System.nanoTime() - started) / 1e9;
        HistogramSnapshot snapshot = latency.takeSnapshot();
        long total = (long) snapshot.count();
        long ok = statuses.getOrDefault(batch == 1 ? 202 : 200, new LongAdder()).sum();
        System.out.printf("%n[%s] %d requests%s in %.1f s: %.0f requests/s, %.0f answered %s/s (%.0f records/s)%n", phase, total,
                batch == 1 ? "" : " of " + batch + " events", elapsed, total / elapsed, ok / elapsed, batch == 1 ? "202" : "200",
                ok * batch / elapsed);
        for (ValueAtPercentile v : snapshot.percentileValues()) {
            System.out.printf("[%s] p%.0f latency %.2f ms%n", phase, v.percentile() * 100, v.value(TimeUnit.MILLISECONDS));
        }
        System.out.printf("[%s] statuses %s%n", phase, new java.util.TreeMap<>(statuses));
        System.out.printf("[%s] used heap after GC (MiB) over the phase: %s%n", phase,
                heap.stream().map(b -> Long.toString(b >> 20)).toList());
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Acknowledges after a delay; remembers nothing (memory stays that of the service alone). */
    private static final class DelayedBroker implements EventPublisher {
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        private final AtomicLong offset = new AtomicLong();
        volatile long delayMs;

        DelayedBroker(long delayMs) {
            this.delayMs = delayMs;
        }

        @Override
        public CompletionStage<RecordCoordinates> publish(Topic topic, String key, SpecificRecord value, Provenance origin) {
            CompletableFuture<RecordCoordinates> ack = new CompletableFuture<>();
            RecordCoordinates coordinates = new RecordCoordinates(topic.defaultName(), 0, offset.getAndIncrement());
            timer.schedule(() -> ack.complete(coordinates), delayMs, TimeUnit.MILLISECONDS);
            return ack;
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }
}
