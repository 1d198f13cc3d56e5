package io.innopoints.launcher.app;

import io.innopoints.localstack.app.PlatformFlags;
import io.innopoints.localstack.generator.SampleProviders;
import io.innopoints.schemas.serde.AvroTrust;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar innopoints-local.jar}: starts the whole of InnoPoints in this JVM ({@link LocalRun}), prints the
 * dashboard, API and metrics URLs, and runs until Ctrl-C (SIGINT/SIGTERM), which stops everything cleanly. A second
 * start on the same {@code --data-dir} resumes where the first stopped; {@code --reset} starts from nothing.
 */
@Command(name = "innopoints-local", mixinStandardHelpOptions = true, version = "InnoPoints local run 0.1",
        description = "Runs InnoPoints in one JVM: embedded Kafka + schema registry, ingest, scoring-stream, "
                + "ranking-sink (SQLite) and a feeder streaming the 2,807-enterprise sample through ingest's REST API.")
public final class LocalRunMain implements Callable<Integer> {
    /** What --reset deletes inside the data directory (and nothing else). */
    static final List<String> STATE = List.of("kafka", "streams", "sink.db", "sink.db-wal", "sink.db-shm",
            "feeder.position");

    @Option(names = "--data-dir", defaultValue = "./data/innopoints",
            description = "State kept across runs: Kafka data, Streams state, SQLite read model, feeder position, log "
                    + "(default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--reset", description = "Delete the state in --data-dir first and score everything from scratch.")
    boolean reset;

    @Option(names = "--rate", defaultValue = "400",
            description = "Sample events per second posted to ingest (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--enterprises", defaultValue = "2807",
            description = "Enterprises in the generated sample (default: ${DEFAULT-VALUE}, the seed zone).")
    int enterprises;

    @Option(names = "--no-feed", description = "Do not stream the sample (serve what the data directory holds).")
    boolean noFeed;

    @Option(names = "--model", defaultValue = "pilot-zone-61",
            description = "Official scoring model: a built-in id or a model YAML file (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--dashboard-port", defaultValue = "7070",
            description = "ranking-sink: dashboard, read API and /metrics (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int sinkPort;

    @Option(names = "--ingest-port", defaultValue = "8080",
            description = "ingest REST API (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int ingestPort;

    @CommandLine.Mixin
    PlatformFlags platform = new PlatformFlags();

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        // before the first logger: the app jars each bring a logback.xml, the launcher logs its own way
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "innopoints-local-logback.xml");
        }
        Path logFile = logFile(args);
        if (System.getProperty("innopoints.log.file") == null) {
            System.setProperty("innopoints.log.file", logFile.toString());
        }
        AvroTrust.install();
        return new CommandLine(new LocalRunMain())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    LoggerFactory.getLogger(LocalRunMain.class).debug("start-up failed", e);
                    cmd.getErr().println("innopoints-local: " + PlatformFlags.rootMessage(e));
                    return 1;
                }).execute(args);
    }

    /** The log goes into the data directory; found before picocli parses because logging starts first. */
    private static Path logFile(String[] args) {
        String dir = "./data/innopoints";
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data-dir") && i + 1 < args.length) {
                dir = args[i + 1];
            } else if (args[i].startsWith("--data-dir=")) {
                dir = args[i].substring("--data-dir=".length());
            }
        }
        return Path.of(dir).toAbsolutePath().normalize().resolve("innopoints.log");
    }

    @Override
    public Integer call() throws Exception {
        platform.validate(spec);
        PlatformFlags.checkPort(spec, "--dashboard-port", sinkPort);
        PlatformFlags.checkPort(spec, "--ingest-port", ingestPort);
        if (reset) {
            reset(dataDir);
        }
        PrintWriter out = spec.commandLine().getOut();
        long began = System.nanoTime();
        out.println("Starting InnoPoints in one JVM (data: " + dataDir.toAbsolutePath().normalize() + ") …");
        out.flush();
        LocalRun run = LocalRun.start(new LocalRun.Options(dataDir, platform.bootstrapPort, platform.registryPort,
                ingestPort, sinkPort, platform.partitions, rate, enterprises, model, !noFeed));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping InnoPoints …");
            out.flush();
            run.close();
            stopped.countDown();
        }, "innopoints-local-shutdown"));
        out.println();
        out.printf("InnoPoints is running (started in %.1f s; Ctrl-C to stop)%n", (System.nanoTime() - began) / 1e9);
        out.println("  Dashboard:        " + run.dashboardUrl());
        out.println("  Read API:         " + run.sinkApiUrl() + "/leaderboards");
        out.println("  Ingest REST API:  " + run.ingestUrl() + "/v1/events/{type}   (OpenAPI: " + run.ingestUrl()
                + "/openapi.json)");
        out.println("  Metrics:          " + run.sinkMetricsUrl() + "   " + run.ingestUrl() + "/metrics");
        out.println("  Kafka:            " + run.bootstrapServers() + "   schema registry: " + run.schemaRegistryUrl());
        run.feeder().ifPresentOrElse(f -> out.printf("  Feeding:          %d-enterprise sample at %.0f events/s%s%n",
                        enterprises, rate, f.resumedFrom() > 0 ? " (resuming after " + f.resumedFrom() + " events)" : ""),
                () -> out.println("  Feeding:          off"));
        out.println("  Log:              " + dataDir.toAbsolutePath().normalize().resolve("innopoints.log"));
        out.println("  Admin token:      " + run.tokens().admin() + "   (dashboard: Sign in; API: -H 'Authorization: Bearer …')");
        out.println("  Provider tokens (ingest):");
        run.tokens().providers().forEach((provider, token) -> out.printf("    %-24s %s   (%s)%n", provider, token,
                SampleProviders.TYPES.get(provider).id()));
        out.println("  Tokens file:      " + run.tokens().file());
        out.flush();
        stopped.await();
        return 0;
    }

    /** Deletes the run's state (only the entries of {@link #STATE}) so everything is scored from scratch. */
    static void reset(Path dataDir) throws IOException {
        for (String name : STATE) {
            Path path = dataDir.resolve(name);
            if (Files.exists(path)) {
                Files.walkFileTree(path, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        Files.delete(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                        Files.delete(dir);
                        return FileVisitResult.CONTINUE;
                    }
                });
            }
        }
    }
}
