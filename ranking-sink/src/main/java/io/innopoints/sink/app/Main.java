package io.innopoints.sink.app;

import io.innopoints.schemas.serde.AvroTrust;
import io.innopoints.sink.config.SinkConfig;
import io.innopoints.sink.config.SinkOption;
import io.innopoints.sink.consume.SinkConsumer;
import io.innopoints.sink.lag.LagCollector;
import io.innopoints.sink.lag.LagMonitor;
import io.innopoints.sink.lag.LagReport;
import io.innopoints.sink.lag.LagTable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Entry point: {@code ranking-sink run} (default) wires config → {@link SinkApp} → run until stopped;
 * {@code ranking-sink lag} samples every consumer group of a cluster and prints the lag table.
 */
@Command(name = "ranking-sink", mixinStandardHelpOptions = true, subcommands = {Main.Run.class, Main.Lag.class},
        description = "InnoPoints read side: database materialization, read API, consumer-lag monitor.")
public final class Main implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        AvroTrust.install();
        System.exit(commandLine().execute(args.length == 0 ? new String[] {"run"} : args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("ranking-sink: " + e.getMessage());
            return 2;
        });
        return cl;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** Options shared by both commands: a properties file and key=value overrides. */
    static class ConfigOptions {
        @Option(names = {"-c", "--config"}, description = "Properties file with sink options (see README).")
        Path file;

        @Option(names = {"-s", "--set"}, description = "Option override key=value (repeatable); wins over the file.")
        Map<String, String> overrides = new HashMap<>();

        Map<String, String> properties() throws IOException {
            Map<String, String> out = new HashMap<>();
            if (file != null) {
                Properties p = new Properties();
                try (InputStream in = Files.newInputStream(file)) {
                    p.load(in);
                }
                p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
            }
            out.putAll(overrides);
            return out;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Consume, materialize and serve until stopped.")
    static final class Run implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOptionsMixin options;

        @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (bootstrap.servers / KAFKA_BOOTSTRAP_SERVERS; wins over both).")
        String bootstrapServers;

        @Option(names = "--schema-registry-url", description = "Schema registry URL (schema.registry.url / SCHEMA_REGISTRY_URL; wins over both).")
        String schemaRegistryUrl;

        @Override
        public Integer call() throws Exception {
            // the environment wins over properties, so the flags go in as environment
            Map<String, String> env = new HashMap<>(System.getenv());
            if (bootstrapServers != null) {
                env.put(SinkOption.BOOTSTRAP_SERVERS.envName(), bootstrapServers);
            }
            if (schemaRegistryUrl != null) {
                env.put(SinkOption.SCHEMA_REGISTRY_URL.envName(), schemaRegistryUrl);
            }
            SinkConfig config = SinkConfig.load(options.properties(), env);
            SinkApp app = SinkApp.start(config);
            // the JVM halts once the hooks finish, so the hook itself closes the app (consumer finishes its batch)
            Runtime.getRuntime().addShutdownHook(new Thread(app::close, "ranking-sink-shutdown"));
            SinkConsumer consumer = app.consumer();
            if (consumer == null) {
                new CountDownLatch(1).await();
                return 0;
            }
            consumer.awaitTermination(Duration.ofDays(365_000));
            app.close();
            // the consume loop ended by itself: it failed and must not be restarted silently
            return consumer.state() == SinkConsumer.State.FAILED ? 1 : 0;
        }
    }

    @Command(name = "lag", mixinStandardHelpOptions = true,
            description = "Print the consumer lag of every consumer group (against the last stable offset).")
    static final class Lag implements Callable<Integer> {
        @Option(names = {"-b", "--bootstrap-servers"}, description = "Kafka bootstrap servers (default: config / KAFKA_BOOTSTRAP_SERVERS).")
        String bootstrapServers;

        @Option(names = "--samples", defaultValue = "3", description = "Samples to take (status needs at least 2). Default ${DEFAULT-VALUE}.")
        int samples;

        @Option(names = "--interval", defaultValue = "PT2S", description = "Time between samples, ISO-8601 duration. Default ${DEFAULT-VALUE}.")
        Duration interval;

        @Option(names = {"-g", "--group"}, description = "Only this consumer group.")
        String group;

        @CommandLine.Mixin
        ConfigOptionsMixin options;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (samples < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--samples: must be at least 1");
            }
            Map<String, String> props = options.properties();
            if (bootstrapServers != null) {
                props.put("bootstrap.servers", bootstrapServers);
            }
            SinkConfig config = SinkConfig.load(props, System.getenv());
            PrintWriter out = spec.commandLine().getOut();
            try (LagCollector collector = new LagCollector(config.kafkaClientProperties(), Clock.systemUTC());
                 LagMonitor monitor = new LagMonitor(() -> collector.sample(g -> group == null || g.equals(group)),
                         Math.max(2, samples), new SimpleMeterRegistry())) {
                LagReport report = null;
                for (int i = 0; i < samples; i++) {
                    if (i > 0) {
                        Thread.sleep(interval.toMillis());
                    }
                    report = monitor.sampleNow();
                }
                out.print(LagTable.render(report));
                out.flush();
                return report.error() == null ? 0 : 1;
            }
        }
    }

    /** picocli mixin wrapper of {@link ConfigOptions}. */
    static final class ConfigOptionsMixin extends ConfigOptions {
    }
}
