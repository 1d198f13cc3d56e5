package io.innopoints.stream.app;

import io.innopoints.schemas.registry.RestSchemaRegistryClient;
import io.innopoints.schemas.registry.SchemaRegistryClient;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.validation.EventValidator;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.stream.config.ScoringConfig;
import io.innopoints.stream.topology.Backlog;
import io.innopoints.stream.topology.ScoringSerdes;
import io.innopoints.stream.topology.ScoringTopology;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one runner of scoring-stream, used by {@link ScoringStreamMain}, the all-in-one local run, the benchmarks and
 * the ITs: from a {@link ScoringConfig} (and a model and registry client) to a started Kafka Streams client with
 * the topology of {@link ScoringTopology}. Record-level errors are dead letters inside the topology; an uncaught
 * exception is an infrastructure or programming error, so the client shuts down ({@link #failed()}, and
 * {@link #awaitStopped()} returns) instead of exiting the host JVM. {@link #close()} stops it, committing its state
 * so a later start on the same state directory resumes.
 */
public final class ScoringStreamApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScoringStreamApp.class);
    private static final long END_OFFSETS_TIMEOUT_MS = 1_000;

    private final KafkaStreams streams;
    private final InputLag inputLag;
    private final Admin admin;
    private final ByStageTopic byStageTopic;
    private final long purgeIntervalMs;
    private final ScheduledExecutorService purger = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scoring-stream-by-stage-purge");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean failed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Restores restores = new Restores();

    private ScoringStreamApp(ScoringConfig config, ScoringModel model, SchemaRegistryClient registry) {
        String byStage = config.byStageTopic();
        // creates and purges the by-stage topic, reads its end offsets for the rank stage's backlog
        this.admin = Admin.create(config.adminProperties());
        this.byStageTopic = new ByStageTopic(admin, config.adminProperties(), byStage, config.applicationId());
        // Kafka Streams' setting for its repartition topics (kafka.repartition.purge.interval.ms), default 30 s
        this.purgeIntervalMs = new StreamsConfig(config.streamsProperties())
                .getLong(StreamsConfig.REPARTITION_PURGE_INTERVAL_MS_CONFIG);
        this.inputLag = new InputLag(inputTopics(config), byStage, config.catchUpBacklog(),
                config.catchUpBacklog() > 0 ? endOffsets(admin, byStage) : null);
        try {
            byStageTopic.ensure(config.stagePartitions(), config.replicationFactor());
            this.streams = new KafkaStreams(ScoringTopology.build(config.topics(), new ScoringSerdes(registry), model,
                    options(config, inputLag)), config.streamsProperties());
        } catch (RuntimeException e) {
            admin.close(Duration.ZERO); // nothing started: no admin thread left behind
            throw e;
        }
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("scoring-stream stopped by an unexpected error (records with bad data go to the DLQ; this is "
                    + "an infrastructure or programming error): {}", e.toString(), e);
            failed.set(true);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setGlobalStateRestoreListener(restores);
        streams.setStateListener((now, before) -> {
            LOG.info("state {} -> {}", before, now);
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
    }

    /** Resolves the configured model, talks to the configured registry over REST and starts. */
    public static ScoringStreamApp start(ScoringConfig config) {
        return start(config, ScoringModel.resolve(config.model()),
                new RestSchemaRegistryClient(config.schemaRegistryUrl()));
    }

    /** Builds the topology and starts Kafka Streams (the topics must exist). */
    public static ScoringStreamApp start(ScoringConfig config, ScoringModel model, SchemaRegistryClient registry) {
        ScoringStreamApp app = new ScoringStreamApp(config, model, registry);
        LOG.info("starting {} with model {} against {} ({}, commit interval {} ms, {} stream threads)",
                config.applicationId(), model.key(), config.bootstrapServers(), config.processingGuarantee(),
                config.commitInterval().toMillis(), config.numThreads());
        app.streams.start();
        app.inputLag.start(app.streams::metrics);
        app.purger.scheduleWithFixedDelay(app::purge, app.purgeIntervalMs, app.purgeIntervalMs,
                TimeUnit.MILLISECONDS);
        return app;
    }

    /** The topology this configuration runs (pure: no I/O), never catching up (for descriptions and tests). */
    public static Topology topology(ScoringConfig config, ScoringModel model, SchemaRegistryClient registry) {
        return ScoringTopology.build(config.topics(), new ScoringSerdes(registry), model,
                options(config, Backlog.NONE));
    }

    /** Deletes what the group has ranked from the by-stage topic (as Kafka Streams purges its repartition topics). */
    private void purge() {
        try {
            byStageTopic.purge();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("could not purge the by-stage topic (retried in {} ms): {}", purgeIntervalMs, e.toString());
        }
    }

    /** The topology options of a configuration. */
    public static ScoringTopology.Options options(ScoringConfig config, Backlog backlog) {
        return new ScoringTopology.Options(config.applicationId(), config.byStageTopic(), config.commitInterval(),
                config.rippleInterval(), config.timeCheckInterval(),
                new EventValidator(Clock.systemUTC(), config.futureTolerance()), backlog,
                config.catchUpPublishInterval(), config.rippleMaxPerSecond());
    }

    /** End offsets of by-stage partitions as read-committed consumers see them (the last stable offset). */
    private static StageProgress.EndOffsets endOffsets(Admin admin, String topic) {
        return partitions -> {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int p : partitions) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            try {
                Map<Integer, Long> ends = new HashMap<>();
                admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                        .get(END_OFFSETS_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                        .forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
                return ends;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted reading the end offsets of " + topic, e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("could not read the end offsets of " + topic, e);
            }
        };
    }

    private static Set<String> inputTopics(ScoringConfig config) {
        Set<String> names = new HashSet<>();
        for (EventType type : EventType.values()) {
            names.add(config.topics().name(type));
        }
        return names;
    }

    /** The Kafka Streams state (RUNNING, REBALANCING, ERROR, ...). */
    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Whether this instance is catching up a backlog (evaluations deferred to sweeps; see {@code InputLag}). */
    public boolean catchingUp() {
        return inputLag.catchingUp();
    }

    /** What this instance restored from changelogs since it started (every store of every task). */
    public Restores.Progress restores() {
        return restores.progress();
    }

    /** True once an uncaught error shut the client down. */
    public boolean failed() {
        return failed.get();
    }

    /** Blocks until the client stopped (closed, or shut down by an error). */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    /** Stops the client (waits up to 30 s for the last commit). Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            inputLag.close();
            purger.shutdownNow();
            streams.close(Duration.ofSeconds(30));
            admin.close(Duration.ofSeconds(5));
            stopped.countDown();
        }
    }
}
