package io.innopoints.launcher.app;

import io.innopoints.ingest.app.IngestRuntime;
import io.innopoints.ingest.config.IngestConfig;
import io.innopoints.launcher.feed.FeederPosition;
import io.innopoints.launcher.feed.SampleFeeder;
import io.innopoints.localstack.LocalStack;
import io.innopoints.localstack.generator.GeneratorConfig;
import io.innopoints.localstack.generator.SampleProviders;
import io.innopoints.schemas.http.BearerTokens;
import io.innopoints.schemas.topic.TopicCatalog;
import io.innopoints.sink.app.SinkApp;
import io.innopoints.sink.config.SinkConfig;
import io.innopoints.stream.app.ScoringStreamApp;
import io.innopoints.stream.config.ScoringConfig;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole of InnoPoints in one JVM: embedded KRaft broker and schema registry ({@link LocalStack}), the catalog
 * topics, ingest's REST API, scoring-stream, ranking-sink on SQLite, and a {@link SampleFeeder} posting the
 * generator's sample through ingest at a steady rate. Everything that must survive a restart lives under the data
 * directory: {@code kafka/} (topics, offsets, schemas), {@code streams/} (state stores), {@code sink.db} (read model
 * and its offsets), {@code feeder.position} (how far the sample was sent), {@code tokens.properties} (the admin's
 * and the sample providers' bearer tokens, see {@link LocalTokens}). {@link #close()} stops in reverse order.
 */
public final class LocalRun implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRun.class);
    static final String SCORING_APPLICATION_ID = "innopoints-scoring";

    /** What to start. Ports 0 mean any free port. */
    public record Options(Path dataDir, int kafkaPort, int registryPort, int ingestPort, int sinkPort, int partitions,
                          double rate, int enterprises, String model, boolean feed) {
        public Options {
            if (partitions < 1) {
                throw new IllegalArgumentException("--partitions: must be at least 1, was " + partitions);
            }
            if (!(rate > 0)) {
                throw new IllegalArgumentException("--rate: must be positive, was " + rate);
            }
            if (enterprises < 1) {
                throw new IllegalArgumentException("--enterprises: must be at least 1, was " + enterprises);
            }
        }
    }

    private final Options options;
    private final List<AutoCloseable> started = new ArrayList<>();
    private LocalStack stack;
    private IngestRuntime ingest;
    private Javalin ingestServer;
    private ScoringStreamApp scoring;
    private SinkApp sink;
    private SampleFeeder feeder;
    private LocalTokens tokens;

    private LocalRun(Options options) {
        this.options = options;
    }

    /** Starts every part in dependency order; on failure stops what was started and rethrows. */
    public static LocalRun start(Options options) {
        LocalRun run = new LocalRun(options);
        try {
            run.startAll();
            return run;
        } catch (RuntimeException | Error e) {
            run.close();
            throw e;
        }
    }

    private void startAll() {
        Path dir = options.dataDir().toAbsolutePath().normalize();
        createDirectories(dir);
        stack = LocalStack.builder().dataDir(dir.resolve("kafka")).kafkaPort(options.kafkaPort())
                .registryPort(options.registryPort()).start();
        started.add(stack);
        Set<String> created = stack.createTopics(TopicCatalog.defaults(), options.partitions());
        LOG.info("topics created: {}", created.isEmpty() ? "none (all existed)" : created);

        tokens = LocalTokens.loadOrCreate(dir, List.copyOf(SampleProviders.TYPES.keySet()));
        Map<String, String> sinkProps = new HashMap<>(Map.of(
                "bootstrap.servers", stack.bootstrapServers(),
                "schema.registry.url", stack.schemaRegistryUrl(),
                "jdbc.url", "jdbc:sqlite:" + dir.resolve("sink.db"),
                "http.port", Integer.toString(options.sinkPort()),
                "lag.interval.ms", "5000",
                "principal.local-admin.token-sha256", BearerTokens.sha256Hex(tokens.admin()),
                "principal.local-admin.role", "zone-admin",
                "principal.local-admin.zones", "*"));
        // the pilot report's credit programme over the seed zone (ranking-sink README, Credit programmes)
        sinkProps.putAll(Map.of("credit.pilot.bank", "pilot-bank", "credit.pilot.zone", "ZONE-A",
                "credit.pilot.budget-yuan", "800000000", "credit.pilot.cap-yuan", "3000000",
                "credit.pilot.tiers", "A=2000000,B=1000000", "credit.pilot.eligibility", "*:tier<=B"));
        sink = SinkApp.start(SinkConfig.load(sinkProps, Map.of()));
        started.add(sink);

        Map<String, String> scoringProps = new HashMap<>();
        scoringProps.put(ScoringConfig.APPLICATION_ID, SCORING_APPLICATION_ID);
        scoringProps.put(ScoringConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
        scoringProps.put(ScoringConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
        scoringProps.put(ScoringConfig.STATE_DIR, dir.resolve("streams").toString());
        scoringProps.put(ScoringConfig.MODEL, options.model());
        scoringProps.put(ScoringConfig.REPLICATION_FACTOR, "1");
        scoring = ScoringStreamApp.start(ScoringConfig.from(scoringProps, Map.of()));
        started.add(scoring);

        Map<String, String> ingestProps = new HashMap<>();
        ingestProps.put("bootstrap.servers", stack.bootstrapServers());
        ingestProps.put("schema.registry.url", stack.schemaRegistryUrl());
        ingestProps.put("http.port", Integer.toString(options.ingestPort()));
        tokens.providers().forEach((provider, token) -> {
            ingestProps.put("provider." + provider + ".token-sha256", BearerTokens.sha256Hex(token));
            ingestProps.put("provider." + provider + ".event-types", SampleProviders.TYPES.get(provider).id());
        });
        ingest = new IngestRuntime(IngestConfig.from(ingestProps, Map.of()), Clock.systemUTC());
        started.add(ingest);
        ingestServer = ingest.startServer();

        if (options.feed()) {
            GeneratorConfig sample = GeneratorConfig.defaults().withEnterprises(options.enterprises());
            feeder = SampleFeeder.start(sample, ingestUrl(), tokens.providers(), options.rate(),
                    new FeederPosition(dir.resolve("feeder.position"), sample));
            started.add(feeder);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("--data-dir: cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    public String dashboardUrl() {
        return "http://localhost:" + sink.httpPort() + "/";
    }

    public String sinkApiUrl() {
        return "http://localhost:" + sink.httpPort() + "/api/v1";
    }

    public String sinkMetricsUrl() {
        return "http://localhost:" + sink.httpPort() + "/metrics";
    }

    /** The admin's and the sample providers' tokens (also in {@code tokens.properties} of the data directory). */
    public LocalTokens tokens() {
        return tokens;
    }

    public String ingestUrl() {
        return "http://localhost:" + ingestServer.port();
    }

    public String bootstrapServers() {
        return stack.bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return stack.schemaRegistryUrl();
    }

    public Path dataDir() {
        return options.dataDir().toAbsolutePath().normalize();
    }

    /** The feeder, or empty when feeding is off. */
    public Optional<SampleFeeder> feeder() {
        return Optional.ofNullable(feeder);
    }

    public ScoringStreamApp scoring() {
        return scoring;
    }

    /** Stops the feeder, ingest, scoring-stream, ranking-sink, registry and broker, in that order. Idempotent. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            long began = System.nanoTime();
            try {
                started.get(i).close();
                LOG.info("stopped {} in {} ms", started.get(i).getClass().getSimpleName(),
                        (System.nanoTime() - began) / 1_000_000);
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", started.get(i).getClass().getSimpleName(), e.toString());
            }
        }
        started.clear();
    }
}
