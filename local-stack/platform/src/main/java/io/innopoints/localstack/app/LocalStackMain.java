package io.innopoints.localstack.app;

import io.innopoints.localstack.LocalStack;
import io.innopoints.schemas.topic.TopicCatalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the embedded platform for local development: one KRaft broker (production entry points, persistent data
 * directory) and the Confluent-compatible schema registry, creates every catalog topic, prints where clients
 * connect, and runs until Ctrl-C (SIGINT/SIGTERM), which stops registry and broker cleanly. Starting again on the
 * same data directory keeps topics, records and schema ids.
 */
@Command(name = "local-stack", mixinStandardHelpOptions = true, version = "InnoPoints local stack 0.1",
        description = "Starts an embedded Kafka broker and schema registry and creates the InnoPoints topics.")
public final class LocalStackMain implements Callable<Integer> {
    @Option(names = "--data-dir", defaultValue = "./data/local-stack",
            description = "Kafka data directory, kept across runs (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @CommandLine.Mixin
    PlatformFlags platform = new PlatformFlags();

    @Spec
    CommandLine.Model.CommandSpec spec;

    private final CountDownLatch stopped = new CountDownLatch(1);

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new LocalStackMain())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    // users get the reason, not a stack trace; the log has the details
                    LoggerFactory.getLogger(LocalStackMain.class).debug("start-up failed", e);
                    cmd.getErr().println("local-stack: " + PlatformFlags.rootMessage(e));
                    return 1;
                });
    }

    @Override
    public Integer call() throws InterruptedException {
        platform.validate(spec);
        Logger log = LoggerFactory.getLogger(LocalStackMain.class);
        LocalStack stack = LocalStack.builder()
                .dataDir(dataDir)
                .kafkaPort(platform.bootstrapPort)
                .registryPort(platform.registryPort)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping the local stack");
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        Set<String> created = stack.createTopics(TopicCatalog.defaults(), platform.partitions);
        log.info("Topics created: {}", created.isEmpty() ? "none (all existed)" : created);

        PrintWriter out = spec.commandLine().getOut();
        out.println();
        out.println("InnoPoints local stack is running (Ctrl-C to stop)");
        out.println("  Kafka bootstrap servers: " + stack.bootstrapServers());
        out.println("  Schema registry URL:     " + stack.schemaRegistryUrl());
        out.println("  Data directory:          " + dataDir.toAbsolutePath().normalize());
        out.flush();
        stopped.await();
        return 0;
    }
}
