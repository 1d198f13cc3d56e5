package io.innopoints.sink.app;

import io.innopoints.schemas.config.ConfigFlags;
import io.innopoints.schemas.serde.AvroTrust;
import io.innopoints.sink.config.SinkConfig;
import io.innopoints.sink.config.SinkOptions;
import io.innopoints.sink.consume.SinkConsumer;
import io.innopoints.sink.lag.LagCollector;
import io.innopoints.sink.lag.LagMonitor;
import io.innopoints.sink.lag.LagReport;
import io.innopoints.sink.lag.LagTable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import io.innopoints.schemas.http.BearerTokens;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Entry point: {@code ranking-sink run} (default) wires config → {@link SinkApp} → run until stopped;
 * {@code ranking-sink lag} samples every consumer group of a cluster and prints the lag table.
 */
@Command(name = "ranking-sink", mixinStandardHelpOptions = true, subcommands = {Main.Run.class, Main.Lag.class, Main.TokenHash.class},
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

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Consume, materialize and serve until stopped.")
    static final class Run implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigFlags configFlags = new ConfigFlags();

        @Override
        public Integer call() throws Exception {
            SinkConfig config = SinkConfig.from(configFlags.resolve(SinkOptions.SPEC, System.getenv()));
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
        @Option(names = "--samples", defaultValue = "3", description = "Samples to take (status needs at least 2). Default ${DEFAULT-VALUE}.")
        int samples;

        @Option(names = "--interval", defaultValue = "PT2S", description = "Time between samples, ISO-8601 duration. Default ${DEFAULT-VALUE}.")
        Duration interval;

        @Option(names = {"-g", "--group"}, description = "Only this consumer group.")
        String group;

        @CommandLine.Mixin
        ConfigFlags configFlags = new ConfigFlags();

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (samples < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--samples: must be at least 1");
            }
            SinkConfig config = SinkConfig.from(configFlags.resolve(SinkOptions.SPEC, System.getenv()));
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

    @Command(name = "token-hash", mixinStandardHelpOptions = true,
            description = "Print the SHA-256 hash of a bearer token, for principal.<id>.token-sha256.")
    static final class TokenHash implements Callable<Integer> {
        @CommandLine.Parameters(index = "0", description = "The token (generate one with e.g. `openssl rand -hex 32`).")
        String token;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(BearerTokens.sha256Hex(token));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
