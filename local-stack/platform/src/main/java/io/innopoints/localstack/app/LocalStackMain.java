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

    @Option(names = "--bootstrap-port", defaultValue = "9092",
            description = "Kafka client port on localhost (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int bootstrapPort;

    @Option(names = "--registry-port", defaultValue = "8081",
            description = "Schema registry HTTP port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int registryPort;

    @Option(names = "--partitions", defaultValue = "3",
            description = "Partitions of each topic created (default: ${DEFAULT-VALUE}); existing topics are kept.")
    int partitions;

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
                    cmd.getErr().println("local-stack: " + rootMessage(e));
                    return 1;
                });
    }

    @Override
    public Integer call() throws InterruptedException {
        validate();
        Logger log = LoggerFactory.getLogger(LocalStackMain.class);
        LocalStack stack = LocalStack.builder()
                .dataDir(dataDir)
                .kafkaPort(bootstrapPort)
                .registryPort(registryPort)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping the local stack");
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        Set<String> created = stack.createTopics(TopicCatalog.defaults(), partitions);
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

    private void validate() {
        checkPort("--bootstrap-port", bootstrapPort);
        checkPort("--registry-port", registryPort);
        if (partitions < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--partitions: must be at least 1, was " + partitions);
        }
    }

    private void checkPort(String option, int port) {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    option + ": must be 0..65535, was " + port);
        }
    }

    private static String rootMessage(Throwable e) {
        StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
                message.append(": ").append(cause.getMessage());
            }
        }
        return message.toString();
    }
}
