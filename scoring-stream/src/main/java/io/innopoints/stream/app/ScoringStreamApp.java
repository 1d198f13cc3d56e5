package io.innopoints.stream.app;

import io.innopoints.schemas.registry.RestSchemaRegistryClient;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.stream.config.ScoringConfig;
import io.innopoints.stream.topology.ScoringSerdes;
import io.innopoints.stream.topology.ScoringTopology;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * scoring-stream embedded in another JVM (the all-in-one local run): from a {@link ScoringConfig} to a started
 * Kafka Streams client running the same topology as {@link ScoringStreamMain}; {@link #close()} stops it, committing
 * its state so a later start on the same state directory resumes. An uncaught error shuts the client down
 * ({@link #state()} then reports it) instead of exiting the host JVM.
 */
public final class ScoringStreamApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScoringStreamApp.class);

    private final KafkaStreams streams;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ScoringStreamApp(KafkaStreams streams) {
        this.streams = streams;
    }

    /** Resolves the model, builds the topology and starts Kafka Streams (the topics must exist). */
    public static ScoringStreamApp start(ScoringConfig config) {
        ScoringModel model = ScoringModel.resolve(config.model());
        ScoringSerdes serdes = new ScoringSerdes(new RestSchemaRegistryClient(config.schemaRegistryUrl()));
        Topology topology = ScoringTopology.build(config.topics(), serdes, model, ScoringStreamMain.options(config));
        KafkaStreams streams = new KafkaStreams(topology, config.streamsProperties());
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("scoring-stream stopped by an unexpected error: {}", e.toString(), e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        LOG.info("starting {} with model {} against {}", config.applicationId(), model.key(), config.bootstrapServers());
        streams.start();
        return new ScoringStreamApp(streams);
    }

    /** The Kafka Streams state (RUNNING, REBALANCING, ERROR, ...). */
    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Stops the client (waits up to 30 s for the last commit). Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            streams.close(Duration.ofSeconds(30));
        }
    }
}
