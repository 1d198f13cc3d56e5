package io.innopoints.stream.app;

import io.innopoints.schemas.config.ConfigFlags;
import io.innopoints.schemas.registry.RestSchemaRegistryClient;
import io.innopoints.schemas.serde.AvroTrust;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.scoring.model.ModelValidationException;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.stream.config.ScoringConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
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

    /** Creates the missing topics of the catalog this app reads or writes (compacted where the catalog says so). */
    static void createTopics(ScoringConfig config, int partitions) throws Exception {
        try (Admin client = Admin.create(config.adminProperties())) {
            Set<String> existing = client.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Topic topic : Topic.values()) {
                if (topic == Topic.INGEST_REJECTED) {
                    continue;
                }
                String name = config.topics().name(topic);
                if (!existing.contains(name)) {
                    NewTopic t = new NewTopic(name, java.util.Optional.of(partitions),
                            java.util.Optional.of(config.replicationFactor()));
                    // record timestamps are event times (possibly years old): time-based retention would delete them
                    // at once, so topics are created without it (compaction or size limits are the operator's call)
                    t.configs(topic.compacted() ? Map.of("cleanup.policy", "compact", "retention.ms", "-1")
                            : Map.of("retention.ms", "-1"));
                    missing.add(t);
                }
            }
            if (!missing.isEmpty()) {
                client.createTopics(missing).all().get(60, TimeUnit.SECONDS);
                LOG.info("created topics {}", missing.stream().map(NewTopic::name).toList());
            }
        }
    }
}
