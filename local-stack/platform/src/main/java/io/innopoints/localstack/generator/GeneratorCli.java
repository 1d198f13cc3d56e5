package io.innopoints.localstack.generator;

import io.innopoints.schemas.registry.RestSchemaRegistryClient;
import io.innopoints.schemas.registry.SchemaRegistryClient;
import io.innopoints.schemas.serde.AvroTrust;
import io.innopoints.schemas.topic.TopicCatalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.Producer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code generate}: writes a deterministic sample event log for N enterprises as bulk files (JSONL or CSV per event
 * type plus manifest.json), or with {@code --publish} produces its valid records to the input topics (Confluent Avro wire
 * format, key = credit code). Exit code 0 on success, 2 on bad options, 1 on I/O or broker failure. The subcommand
 * {@code calibration} ({@link CalibrationCli}) scores the sample and prints the pilot report's figures.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false, subcommands = CalibrationCli.class,
        description = "Generates a deterministic, realistic InnoPoints event log (bulk files per event type + manifest.json).")
public final class GeneratorCli implements Callable<Integer> {
    private static final GeneratorConfig D = GeneratorConfig.defaults();

    @Option(names = "--enterprises", description = "Number of enterprises (default: ${DEFAULT-VALUE}, the seed zone).")
    int enterprises = D.enterprises();

    @Option(names = "--seed", description = "Random seed; equal seeds give byte-identical output (default: ${DEFAULT-VALUE}).")
    long seed = D.seed();

    @Option(names = "--out", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("data/sample");

    @Option(names = "--format", description = "jsonl or csv (default: ${DEFAULT-VALUE}).", converter = FormatConverter.class)
    LogFiles.Format format = LogFiles.Format.JSONL;

    @Option(names = "--end-date", description = "Last day of the log, YYYY-MM-DD (default: ${DEFAULT-VALUE}).")
    LocalDate endDate = D.endDate();

    @Option(names = "--history-years", description = "Years of events before the end date (default: ${DEFAULT-VALUE}).")
    int historyYears = D.historyYears();

    @Option(names = "--founding-span-years", description = "Founding dates reach back this far (default: ${DEFAULT-VALUE}).")
    int foundingSpanYears = D.foundingSpanYears();

    @Option(names = "--startup-share", description = "Share of start-ups by design (default: ${DEFAULT-VALUE}).")
    double startupShare = D.startupShare();

    @Option(names = "--duplicate-fraction", description = "Per event: chance of a re-send with the same eventId (default: ${DEFAULT-VALUE}).")
    double duplicateFraction = D.duplicateFraction();

    @Option(names = "--amendment-fraction", description = "Per contract/filing/registration: chance of an amendment (default: ${DEFAULT-VALUE}).")
    double amendmentFraction = D.amendmentFraction();

    @Option(names = "--retraction-fraction", description = "Per event: chance of an erroneous event retracted later (default: ${DEFAULT-VALUE}).")
    double retractionFraction = D.retractionFraction();

    @Option(names = "--malformed-fraction", description = "Per event: chance of an extra malformed record (default: ${DEFAULT-VALUE}).")
    double malformedFraction = D.malformedFraction();

    @Option(names = "--quarterly-fraction", description = "Share of enterprises filing quarterly too (default: ${DEFAULT-VALUE}).")
    double quarterlyFraction = D.quarterlyFraction();

    @Option(names = "--shuffle-window", description = "Out-of-order window in events, 0 = arrival order (default: ${DEFAULT-VALUE}).")
    int shuffleWindow = D.shuffleWindow();

    @Option(names = "--block-size", description = "Enterprises held in memory at a time (default: ${DEFAULT-VALUE}).")
    int blockSize = D.blockSize();

    @Option(names = "--publish", description = "Publish the valid records to Kafka instead of writing files.")
    boolean publish;

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers for --publish (default: ${DEFAULT-VALUE}).")
    String bootstrapServers = "127.0.0.1:9092";

    @Option(names = "--schema-registry-url", description = "Schema registry URL for --publish (default: ${DEFAULT-VALUE}).")
    String schemaRegistryUrl = "http://127.0.0.1:8081";

    @Option(names = "--topic-prefix", description = "Prefix for every topic name for --publish (default: none).")
    String topicPrefix = "";

    @Option(names = "--partitions", description = "Partitions of input topics that --publish creates (default: ${DEFAULT-VALUE}).")
    int partitions = 6;

    @Option(names = "--replication-factor", description = "Replication of input topics that --publish creates (default: ${DEFAULT-VALUE}).")
    short replicationFactor = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command with the given output streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new GeneratorCli());
        cli.setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("generate: " + e.getMessage());
            return e instanceof IllegalArgumentException ? 2 : 1;
        });
        return cli.execute(args);
    }

    GeneratorConfig config() {
        return new GeneratorConfig(enterprises, seed, endDate, historyYears, foundingSpanYears, startupShare, duplicateFraction,
                amendmentFraction, retractionFraction, malformedFraction, quarterlyFraction, shuffleWindow, blockSize);
    }

    @Override
    public Integer call() {
        GeneratorConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid option " + optionName(e.getMessage()));
        }
        if (publish) {
            return publish(config);
        }
        LogFiles.Summary summary = LogFiles.write(config, out, format);
        spec.commandLine().getOut().printf("wrote %,d records (%,d malformed) for %,d enterprises to %s; manifest %s%n",
                summary.events(), summary.malformed(), config.enterprises(), out.toAbsolutePath(), summary.manifest());
        return 0;
    }

    private int publish(GeneratorConfig config) {
        if (partitions < 1 || replicationFactor < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--partitions and --replication-factor must be at least 1");
        }
        AvroTrust.install();
        TopicCatalog topics = topicPrefix.isEmpty() ? TopicCatalog.defaults() : TopicCatalog.prefixed(topicPrefix);
        SchemaRegistryClient registry;
        try {
            registry = new RestSchemaRegistryClient(schemaRegistryUrl);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--schema-registry-url: " + e.getMessage());
        }
        KafkaPublisher.createTopics(bootstrapServers, topics, partitions, replicationFactor);
        try (SampleData.GeneratedLog log = SampleData.generate(config);
             Producer<byte[], byte[]> producer = KafkaPublisher.producer(bootstrapServers)) {
            KafkaPublisher.Result result = KafkaPublisher.publish(log, producer, registry, topics);
            spec.commandLine().getOut().printf("published %,d records for %,d enterprises to %s (%,d malformed skipped): %s%n",
                    result.published(), config.enterprises(), bootstrapServers, result.skippedMalformed(), result.perType());
        }
        return 0;
    }

    /** "malformedFraction: must be …" → "--malformed-fraction: must be …", so the message names the option the user typed. */
    static String optionName(String message) {
        int colon = message.indexOf(':');
        if (colon < 0) {
            return message;
        }
        String key = message.substring(0, colon).replaceAll("([A-Z])", "-$1").toLowerCase();
        return "--" + key + message.substring(colon);
    }

    /** Accepts jsonl or csv in any case, naming the choices otherwise. */
    static final class FormatConverter implements CommandLine.ITypeConverter<LogFiles.Format> {
        @Override
        public LogFiles.Format convert(String value) {
            for (LogFiles.Format f : LogFiles.Format.values()) {
                if (f.extension().equalsIgnoreCase(value)) {
                    return f;
                }
            }
            throw new CommandLine.TypeConversionException("expected jsonl or csv, got '" + value + "'");
        }
    }
}
