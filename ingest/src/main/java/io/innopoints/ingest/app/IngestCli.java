package io.innopoints.ingest.app;

import io.innopoints.schemas.http.BearerTokens;
import io.innopoints.ingest.bulk.BulkLoader;
import io.innopoints.ingest.bulk.LoadRequest;
import io.innopoints.ingest.bulk.LoadSummary;
import io.innopoints.ingest.bulk.ProgressListener;
import io.innopoints.ingest.config.IngestConfig;
import io.innopoints.ingest.config.IngestOptions;
import io.innopoints.schemas.config.ConfigException;
import io.innopoints.schemas.config.ConfigFlags;
import io.innopoints.ingest.kafka.KafkaPublishedLog;
import io.innopoints.schemas.topic.EventType;
import io.javalin.Javalin;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code ingest} command line: {@code serve} runs the REST API, {@code load} loads a bulk file, {@code token-hash}
 * prints the hash to configure for a provider token. Exit codes: 0 success, 1 records rejected, 2 bad usage or
 * configuration, 3 infrastructure failure (Kafka or the registry did not answer; a load can be resumed).
 */
@Command(name = "ingest", mixinStandardHelpOptions = true, version = "ingest 0.1",
        description = "InnoPoints ingest: the data providers' door to Kafka.",
        subcommands = {IngestCli.Serve.class, IngestCli.Load.class, IngestCli.TokenHash.class})
public final class IngestCli {
    static final int REJECTED = 1;
    static final int USAGE = 2;
    static final int INFRASTRUCTURE = 3;
    private static final Logger LOG = LoggerFactory.getLogger(IngestCli.class);

    public static void main(String[] args) {
        System.exit(run(args, System.getenv()));
    }

    /** Runs a command line with the given environment; returns the exit code. */
    public static int run(String[] args, Map<String, String> env) {
        return run(args, env, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    /** Runs a command line with the given environment and output streams; returns the exit code. */
    public static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new IngestCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter errors = commandLine.getErr();
            if (e instanceof ConfigException) {
                errors.println("configuration error: " + e.getMessage());
                return USAGE;
            }
            if (e instanceof BulkLoader.LoadFailedException) {
                errors.println("load interrupted: " + e.getMessage());
                return INFRASTRUCTURE;
            }
            if (e instanceof java.io.IOException || e instanceof IllegalArgumentException) {
                errors.println("error: " + e.getMessage());
                return USAGE;
            }
            LOG.error("failed", e);
            errors.println("failed: " + e);
            return INFRASTRUCTURE;
        });
        ENV.set(env);
        try {
            return cli.execute(args);
        } finally {
            ENV.remove();
        }
    }

    private static final ThreadLocal<Map<String, String>> ENV = ThreadLocal.withInitial(System::getenv);

    /** The configuration from the flags, the file they name and the command's environment. */
    static IngestConfig config(ConfigFlags flags) {
        return IngestConfig.from(flags.resolve(IngestOptions.SPEC, ENV.get()));
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the REST API until stopped.")
    static final class Serve implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigFlags configFlags = new ConfigFlags();

        @Override
        public Integer call() throws InterruptedException {
            IngestConfig cfg = IngestCli.config(configFlags);
            IngestRuntime runtime = new IngestRuntime(cfg, Clock.systemUTC());
            Javalin server = runtime.startServer();
            LOG.info("ingest serving on http://{}:{} (providers: {})", cfg.httpHost(), server.port(), cfg.providers().keySet());
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                runtime.close();
                stopped.countDown();
            }, "ingest-shutdown"));
            stopped.await();
            return 0;
        }
    }

    @Command(name = "load", mixinStandardHelpOptions = true,
            description = "Load a bulk file (.jsonl or .csv) of one event type; resumable from its checkpoint.")
    static final class Load implements Callable<Integer> {
        @Option(names = "--type", required = true, description = "Event type: registrations, patents, tech-contracts, tax-filings, credentials.")
        String type;
        @Option(names = "--file", required = true, description = "The .jsonl or .csv file.")
        Path file;
        @Option(names = "--provider", description = "Provider every record must name (default: each record's own).")
        String provider;
        @Option(names = "--checkpoint", description = "Checkpoint file (default: <file>.checkpoint.json).")
        Path checkpoint;
        @Option(names = "--errors", description = "Error report CSV (default: <file>.errors.csv).")
        Path errors;
        @Option(names = "--batch-size", description = "Records per acknowledged batch (default: load.batch-size).")
        Integer batchSize;
        @Option(names = "--restart", description = "Ignore an existing checkpoint and load the whole file again.")
        boolean restart;
        @Option(names = "--no-progress", description = "No progress bar (e.g. in CI logs).")
        boolean noProgress;
        @CommandLine.Mixin
        ConfigFlags configFlags = new ConfigFlags();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            EventType eventType = EventType.byId(type).orElseThrow(() -> new IllegalArgumentException("--type: unknown event type '"
                    + type + "'; expected one of " + Arrays.stream(EventType.values()).map(EventType::id).toList()));
            IngestConfig cfg = IngestCli.config(configFlags);
            int batch = batchSize != null ? batchSize : cfg.loadBatchSize();
            if (batch < 1) {
                throw new IllegalArgumentException("--batch-size: must be at least 1");
            }
            LoadRequest request = new LoadRequest(eventType, file, provider,
                    checkpoint != null ? checkpoint : LoadRequest.defaultCheckpoint(file),
                    errors != null ? errors : LoadRequest.defaultErrorReport(file), batch, restart);
            try (IngestRuntime runtime = new IngestRuntime(cfg, Clock.systemUTC());
                 KafkaPublishedLog log = new KafkaPublishedLog(cfg)) {
                BulkLoader loader = new BulkLoader(runtime.service(), runtime.validator(), runtime.publisher(), log,
                        cfg.publishTimeout());
                ProgressListener progress = noProgress ? ProgressListener.NONE : new TerminalProgress(eventType.id());
                LoadSummary summary = loader.load(request, progress);
                PrintWriter out = spec.commandLine().getOut();
                out.println(summary.describe());
                if (summary.rejected() > 0) {
                    out.println("rejected records are listed in " + request.errorReport() + " and were sent to ingest-rejected");
                }
                out.flush();
                return summary.exitCode();
            }
        }
    }

    @Command(name = "token-hash", mixinStandardHelpOptions = true,
            description = "Print the SHA-256 hash of a provider token, for provider.<id>.token-sha256.")
    static final class TokenHash implements Callable<Integer> {
        @CommandLine.Parameters(index = "0", description = "The token (generate one with e.g. `openssl rand -hex 32`).")
        String token;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(BearerTokens.sha256Hex(token));
            return 0;
        }
    }
}
