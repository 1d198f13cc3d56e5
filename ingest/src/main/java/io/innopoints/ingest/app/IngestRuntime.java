package io.innopoints.ingest.app;

import io.innopoints.ingest.config.IngestConfig;
import io.innopoints.ingest.domain.Authenticator;
import io.innopoints.ingest.domain.EventPublisher;
import io.innopoints.ingest.domain.InFlightLimiter;
import io.innopoints.ingest.domain.IngestMetrics;
import io.innopoints.ingest.domain.IngestService;
import io.innopoints.ingest.domain.RateLimiter;
import io.innopoints.ingest.domain.RecentEvents;
import io.innopoints.ingest.kafka.KafkaEventPublisher;
import io.innopoints.ingest.kafka.Readiness;
import io.innopoints.ingest.rest.IngestApi;
import io.innopoints.schemas.registry.RestSchemaRegistryClient;
import io.innopoints.schemas.registry.SchemaRegistryClient;
import io.innopoints.schemas.serde.AvroSerdes;
import io.innopoints.schemas.serde.AvroTrust;
import io.innopoints.schemas.validation.EventValidator;
import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;

/**
 * Wires the ingest service from its configuration: registry client and Avro serializers, the Kafka publisher,
 * validator, service, metrics; {@link #startServer()} adds the HTTP API. Owns what it creates and closes it.
 */
public final class IngestRuntime implements AutoCloseable {
    private final IngestConfig config;
    private final Clock clock;
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final IngestMetrics metrics = new IngestMetrics(meters);
    private final EventValidator validator;
    private final EventPublisher publisher;
    private final AutoCloseable producerMetrics;
    private final IngestService service;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private Javalin server;
    private Readiness readiness;

    public IngestRuntime(IngestConfig config, Clock clock) {
        AvroTrust.install();
        this.config = config;
        this.clock = clock;
        SchemaRegistryClient registry = new RestSchemaRegistryClient(config.schemaRegistryUrl().toString());
        KafkaEventPublisher kafka = KafkaEventPublisher.create(config, AvroSerdes.stringKey(registry).serializer(),
                AvroSerdes.generic(registry, false).serializer());
        this.publisher = kafka;
        this.producerMetrics = kafka.bindMetrics(meters);
        this.validator = new EventValidator(clock, config.futureTolerance());
        this.service = new IngestService(validator, publisher, new RecentEvents(config.idempotencyCacheSize()), metrics, clock);
        new JvmMemoryMetrics().bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        gc.bindTo(meters);
    }

    /** Starts the HTTP API on the configured host and port. */
    public Javalin startServer() {
        readiness = new Readiness(config);
        IngestApi api = new IngestApi(config, service, new Authenticator(config.providers().values()),
                new RateLimiter(config.rateRequestsPerSecond(), config.rateBurst(), System::nanoTime),
                new InFlightLimiter(config.maxInFlightRecords()), metrics, readiness, meters::scrape);
        server = api.create().start();
        return server;
    }

    public IngestConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    public IngestService service() {
        return service;
    }

    public EventValidator validator() {
        return validator;
    }

    public EventPublisher publisher() {
        return publisher;
    }

    public PrometheusMeterRegistry meters() {
        return meters;
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
        }
        if (readiness != null) {
            readiness.close();
        }
        try {
            producerMetrics.close();
        } catch (Exception e) {
            // metrics are best effort at shutdown
        }
        publisher.close();
        gc.close();
        meters.close();
    }
}
