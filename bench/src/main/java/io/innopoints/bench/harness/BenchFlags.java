package io.innopoints.bench.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The flags every scoring benchmark shares (a picocli mixin): the generated log (size, seed, partitions), the
 * scoring-stream settings over its defaults, and where the report goes besides the console.
 */
public final class BenchFlags {
    @Option(names = "--enterprises", defaultValue = "2807", description = "Enterprises in the generated log (default: ${DEFAULT-VALUE}).")
    public int enterprises;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    public long seed;

    @Option(names = "--partitions", defaultValue = "3",
            description = "Partitions of every topic, as the local run creates them (default: ${DEFAULT-VALUE}).")
    public int partitions;

    @Option(names = {"-s", "--set"}, description = "scoring-stream setting key=value over its defaults (repeatable), "
            + "e.g. --set commit.interval.ms=100.")
    public Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--report", description = "Also write the Markdown report to this file.")
    public Path reportFile;

    @Option(names = "--json", description = "Also write the report with its raw numbers as JSON to this file.")
    public Path jsonFile;

    /** Prints the report and writes it where these flags ask. */
    public void publish(Report report) throws IOException {
        report.publish(System.out, reportFile, jsonFile);
    }
}
