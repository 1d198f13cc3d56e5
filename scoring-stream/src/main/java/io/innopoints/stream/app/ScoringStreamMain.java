package io.innopoints.stream.app;

import io.innopoints.schemas.config.ConfigFlags;
import io.innopoints.schemas.registry.RestSchemaRegistryClient;
import io.innopoints.schemas.serde.AvroTrust;
import io.innopoints.schemas.topic.TopicCatalog;
import io.innopoints.scoring.model.ModelValidationException;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.stream.config.ScoringConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs scoring-stream: configuration (properties file, environment, flags; see {@link ScoringConfig}) → model →
 * {@link ScoringStreamApp}, until SIGTERM. An uncaught error shuts the client down and the process exits non-zero (a
 * supervisor restarts it from committed state).
 */
@Command(name = "scoring-stream", mixinStandardHelpOptions = true,
        description = "Scores and ranks enterprises continuously on Kafka Streams (exactly-once v2).")
public final class ScoringStreamMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ScoringStreamMain.class);

    @CommandLine.Mixin
    ConfigFlags configFlags = new ConfigFlags();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where environment variables come from (a test sets its own). */
    Map<String, String> environment = System.getenv();

    @Option(names = "--create-topics", description = "Create missing input/output topics with this many partitions "
            + "(replication from replication.factor) before starting; 0 = do not create.", defaultValue = "0")
    int createTopics;

    @Option(names = "--describe", description = "Print the topology and exit.")
    boolean describe;

    public static void main(String[] args) {
        AvroTrust.install();
        System.exit(new CommandLine(new ScoringStreamMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ScoringConfig config;
        ScoringModel model;
        try {
            config = ScoringConfig.from(configFlags.resolve(ScoringConfig.SPEC, environment));
            model = ScoringModel.resolve(config.model());
        } catch (ModelValidationException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("scoring-stream: configuration error: " + e.getMessage());
            return 2;
        }
        RestSchemaRegistryClient registry = new RestSchemaRegistryClient(config.schemaRegistryUrl());
        if (describe) {
            spec.commandLine().getOut().println(ScoringStreamApp.topology(config, model, registry).describe());
            return 0;
        }
        if (createTopics > 0) {
            createTopics(config, createTopics);
        }
        ScoringStreamApp app = ScoringStreamApp.start(config, model, registry);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "scoring-stream-shutdown"));
        app.awaitStopped();
        app.close();
        return app.failed() ? 1 : 0;
    }

    /** Creates the missing topics of the catalog (compacted where the catalog says so). */
    static void createTopics(ScoringConfig config, int partitions) {
        try (Admin client = Admin.create(config.adminProperties())) {
            Optional<Short> replication = config.replicationFactor() < 0 ? Optional.empty()
                    : Optional.of(config.replicationFactor());
            Set<String> created = TopicCatalog.createMissing(client,
                    config.topics().newTopics(partitions, replication), Duration.ofSeconds(60));
            if (!created.isEmpty()) {
                LOG.info("created topics {}", created);
            }
        }
    }
}
