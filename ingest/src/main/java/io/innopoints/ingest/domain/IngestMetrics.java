package io.innopoints.ingest.domain;

import io.innopoints.schemas.dlq.RejectSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The service's own meters: accepted, duplicate and rejected events per event type, provider and source, and the
 * produce latency (send until broker acknowledgement) per event type. Exposed on {@code /metrics}.
 */
public final class IngestMetrics {
    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    void accepted(String type, String provider, RejectSource source) {
        counter("ingest.events.accepted", type, provider, source).increment();
    }

    void duplicate(String type, String provider, RejectSource source) {
        counter("ingest.events.duplicate", type, provider, source).increment();
    }

    void rejected(String type, String provider, RejectSource source) {
        counter("ingest.events.rejected", type, provider, source).increment();
    }

    void produceLatency(String type, Duration latency) {
        Timer.builder("ingest.produce.latency").description("Time from send to broker acknowledgement")
                .tag("type", type).publishPercentileHistogram().register(registry).record(latency);
    }

    /** An HTTP request refused before validation (401/403/413/429), by status. */
    public void refused(String status, String provider) {
        Counter.builder("ingest.requests.refused").tag("status", status).tag("provider", provider == null ? "unknown" : provider)
                .register(registry).increment();
    }

    private Counter counter(String name, String type, String provider, RejectSource source) {
        return Counter.builder(name).tag("type", type).tag("provider", provider == null ? "unknown" : provider)
                .tag("source", source.name()).register(registry);
    }
}
