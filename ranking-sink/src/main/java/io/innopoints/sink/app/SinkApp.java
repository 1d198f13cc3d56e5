package io.innopoints.sink.app;

import io.innopoints.schemas.registry.RestSchemaRegistryClient;
import io.innopoints.schemas.registry.SchemaRegistryClient;
import io.innopoints.schemas.credit.CreditListChange;
import io.innopoints.schemas.serde.AvroDeserializer;
import io.innopoints.schemas.serde.AvroSerializer;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.sink.config.SinkConfig;
import io.innopoints.sink.consume.BatchListener;
import io.innopoints.sink.consume.KafkaSettings;
import io.innopoints.sink.consume.RecordDecoder;
import io.innopoints.sink.consume.SinkConsumer;
import io.innopoints.sink.consume.SinkTopics;
import io.innopoints.sink.credit.CreditListTracker;
import io.innopoints.sink.credit.LiveRanking;
import io.innopoints.sink.publish.CreditEventRelay;
import io.innopoints.sink.store.CreditListStore;
import io.innopoints.sink.lag.LagCollector;
import io.innopoints.sink.release.Releases;
import io.innopoints.sink.http.ReleaseApi;
import io.innopoints.sink.lag.LagMonitor;
import io.innopoints.sink.lag.LagReport;
import io.innopoints.sink.http.LiveFeed;
import io.innopoints.sink.http.ReadApi;
import io.innopoints.sink.store.Database;
import io.innopoints.sink.store.ReadStore;
import io.innopoints.sink.store.Materializer;
import io.innopoints.sink.store.OffsetStore;
import io.innopoints.sink.whatif.ModelCatalog;
import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running ranking-sink: database (migrated), consume loop on its own thread, lag monitor, HTTP API. Built from a
 * {@link SinkConfig} alone; {@link #close()} stops everything in reverse order.
 */
public final class SinkApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SinkApp.class);

    private final SinkConfig config;
    private final Database database;
    private final PrometheusMeterRegistry metrics;
    private final LiveFeed feed;
    private final SinkConsumer consumer;
    private final Thread consumerThread;
    private final LagCollector lagCollector;
    private final LagMonitor lagMonitor;
    private final Javalin http;
    private final KafkaClientMetrics kafkaMetrics;
    private final CreditLists creditLists;
    private final KafkaProducer<byte[], byte[]> creditProducer;
    private final IngestRejectionRetention retention;
    private final Releases releases;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SinkApp(SinkConfig config, SinkConsumer.CommitHook hook) {
        this.config = config;
        this.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        this.database = Database.open(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword(), config.jdbcPoolSize());
        this.feed = new LiveFeed(metrics, LiveFeed.DEFAULT_BUFFER_EVENTS, new ReadStore(database.dataSource())::zoneOf);
        ModelCatalog models = ModelCatalog.fromOption(config.whatifModelFiles());
        if (config.consumeEnabled()) {
            SchemaRegistryClient registry = new RestSchemaRegistryClient(config.schemaRegistryUrl());
            KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(
                    KafkaSettings.consumer(config.kafkaClientProperties(), config.groupId()));
            this.kafkaMetrics = new KafkaClientMetrics(kafka);
            kafkaMetrics.bindTo(metrics);
            List<BatchListener> listeners = new ArrayList<>(List.of(feed));
            if (config.creditEventsEnabled() && !config.creditProgrammes().isEmpty()) {
                // entries/exits of the credit lists, published from an outbox by their own thread (CreditLists)
                this.creditProducer = new KafkaProducer<>(KafkaSettings.producer(config.kafkaClientProperties(),
                        config.groupId() + "-credit-lists"));
                CreditListStore store = new CreditListStore(database.dataSource());
                CreditEventRelay relay = new CreditEventRelay(creditProducer, new AvroSerializer<>(registry, true, true),
                        new AvroSerializer<>(registry, false, true), config.topics().name(Topic.CREDIT_LIST_CHANGES),
                        store, Clock.systemUTC());
                CreditLists.Reconciler reconciler = () -> {
                    try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(
                            KafkaSettings.reader(config.kafkaClientProperties()))) {
                        return relay.reconcile(reader, new AvroDeserializer<>(registry, CreditListChange.class));
                    }
                };
                this.creditLists = new CreditLists(new CreditListTracker(config.creditProgrammes(),
                        new LiveRanking(database.dataSource(), models), store), relay, reconciler, Clock.systemUTC(),
                        metrics);
                listeners.add(creditLists);
            } else {
                this.creditProducer = null;
                this.creditLists = null;
            }
            this.consumer = new SinkConsumer(kafka, SinkTopics.names(config.topics()),
                    new RecordDecoder(SinkTopics.deserializers(config.topics(), registry)),
                    new Materializer(database.dataSource()), new OffsetStore(database.dataSource()), config.groupId(),
                    config.pollTimeout(), config.dbRetryMaxAttempts(), config.dbRetryBackoff(), listeners, hook, metrics);
            this.consumerThread = new Thread(consumer, "ranking-sink-consumer");
            // only the consuming instance prunes: consume.enabled=false serves the database read-only
            this.retention = config.ingestRejectionsRetentionDays() == 0 ? null : new IngestRejectionRetention(
                    database.dataSource(), config.ingestRejectionsRetentionDays(), Clock.systemUTC());
            this.releases = new Releases(config.kafkaClientProperties(), config.groupId(), config.topics(), registry,
                    database.dataSource());
        } else {
            this.retention = null;
            this.releases = null;
            this.kafkaMetrics = null;
            this.consumer = null;
            this.consumerThread = null;
            this.creditProducer = null;
            this.creditLists = null;
        }
        if (config.lagEnabled()) {
            this.lagCollector = new LagCollector(config.kafkaClientProperties(), Clock.systemUTC());
            this.lagMonitor = new LagMonitor(lagCollector::sample, config.lagWindowSamples(), metrics);
        } else {
            this.lagCollector = null;
            this.lagMonitor = null;
        }
        this.http = HttpAssembly.create(database.dataSource(), feed,
                lagMonitor == null ? LagReport::empty : lagMonitor::report, this::health, metrics, config.access(),
                models, config.creditProgrammes(), new ReleaseApi.Settings(releases == null ? null : releases.closer()::close,
                config.releaseReportFont().isEmpty() ? null : java.nio.file.Path.of(config.releaseReportFont())));
    }

    /** Builds and starts everything. */
    public static SinkApp start(SinkConfig config) {
        return start(config, batch -> { });
    }

    /** As {@link #start(SinkConfig)}, with a hook between each database commit and anything else (tests inject crashes). */
    public static SinkApp start(SinkConfig config, SinkConsumer.CommitHook hook) {
        SinkApp app = new SinkApp(config, hook);
        try {
            app.http.start(config.httpPort());
            if (app.consumerThread != null) {
                app.consumerThread.start();
            }
            if (app.releases != null) {
                app.releases.start();
            }
            if (app.creditLists != null) {
                app.creditLists.start(config.creditRefresh());
            }
            if (app.lagMonitor != null) {
                app.lagMonitor.start(config.lagInterval());
            }
            if (app.retention != null) {
                app.retention.start();
            }
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        LOG.info("ranking-sink serving on port {} with {} ({})", app.httpPort(), config.jdbcUrl(), config);
        return app;
    }

    public int httpPort() {
        return http.port();
    }

    /** The consume loop, or null when consumption is disabled. */
    public SinkConsumer consumer() {
        return consumer;
    }

    public Database database() {
        return database;
    }

    public LagMonitor lagMonitor() {
        return lagMonitor;
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    public LiveFeed feed() {
        return feed;
    }

    ReadApi.Health health() {
        Map<String, String> components = new LinkedHashMap<>();
        boolean dbUp = database.healthy();
        components.put("database", dbUp ? "UP" : "DOWN");
        boolean consumerUp = true;
        if (consumer != null) {
            SinkConsumer.State state = consumer.state();
            consumerUp = state == SinkConsumer.State.RUNNING;
            components.put("consumer", state.name() + (consumer.failure() == null ? "" : ": " + consumer.failure().getMessage()));
        }
        return new ReadApi.Health(dbUp && consumerUp, components);
    }

    /** Stops HTTP, lag monitor, consumer (after its current batch), database pool. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        http.stop();
        if (lagMonitor != null) {
            lagMonitor.close();
        }
        if (lagCollector != null) {
            lagCollector.close();
        }
        if (consumer != null) {
            consumer.close();
        }
        if (creditLists != null) {
            creditLists.close();
        }
        if (retention != null) {
            retention.close();
        }
        if (releases != null) {
            releases.close();
        }
        if (creditProducer != null) {
            creditProducer.close(java.time.Duration.ofSeconds(10));
        }
        if (kafkaMetrics != null) {
            kafkaMetrics.close();
        }
        database.close();
        metrics.close();
    }
}
