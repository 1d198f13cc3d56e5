package io.innopoints.launcher.feed;

import io.innopoints.localstack.generator.GeneratorConfig;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * How far the feeder got through the generated log: the number of events (in the log's deterministic order) whose
 * requests ingest answered, stored with the generator's size and seed so that a different sample starts from 0.
 * Written atomically (temporary file, then rename) after every acknowledged tick.
 */
public final class FeederPosition {
    private final Path file;
    private final String sample;

    public FeederPosition(Path file, GeneratorConfig config) {
        this.file = file;
        this.sample = config.enterprises() + " enterprises, seed " + config.seed() + ", end " + config.endDate();
    }

    /** The stored position, or 0 when there is none or it belongs to another sample. */
    public long read() {
        if (!Files.exists(file)) {
            return 0;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the feeder position " + file + ": " + e.getMessage(), e);
        }
        if (!sample.equals(p.getProperty("sample"))) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(p.getProperty("events", "0").trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public void write(long events) {
        Properties p = new Properties();
        p.setProperty("sample", sample);
        p.setProperty("events", Long.toString(events));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(out, "events of the sample already sent through ingest (the launcher resumes after them)");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the feeder position " + file + ": " + e.getMessage(), e);
        }
    }
}
