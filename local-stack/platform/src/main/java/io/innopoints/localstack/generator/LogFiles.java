package io.innopoints.localstack.generator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.innopoints.schemas.json.AvroCsv;
import io.innopoints.schemas.json.AvroJson;
import io.innopoints.schemas.topic.EventType;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes a generated log as bulk-loader files: {@code <dir>/<type id>.jsonl} (one {@link AvroJson#writeLine} record
 * per line) or {@code .csv} ({@link AvroCsv}, header on line 1), each in arrival order, plus {@code manifest.json}
 * (config, counts per type and flag, calibration statistics, and every malformed record with file, line, eventId,
 * kind and reason). Malformed records sit between the valid ones, as a loader would receive them.
 */
public final class LogFiles {
    /** The bulk file formats. */
    public enum Format {
        JSONL("jsonl"), CSV("csv");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }
    }

    /** Where one event landed. */
    public record Placement(GeneratedEvent event, String file, long line) {
    }

    /** What was written. */
    public record Summary(Path manifest, long events, long malformed, Map<EventType, Long> recordsPerType) {
    }

    private static final ObjectMapper MAPPER = AvroJson.mapper();

    private LogFiles() {
    }

    /** Generates the log of {@code config} into {@code dir} (created if needed; existing files of the same names are replaced). */
    public static Summary write(GeneratorConfig config, Path dir, Format format) {
        try (SampleData.GeneratedLog log = SampleData.generate(config)) {
            return write(log, dir, format);
        }
    }

    /** Writes an already generated log. */
    public static Summary write(SampleData.GeneratedLog log, Path dir, Format format) {
        try {
            Files.createDirectories(dir);
            Path malformedSpool = dir.resolve(".malformed.tmp");
            Map<EventType, TypeFile> files = new EnumMap<>(EventType.class);
            Map<EventType, Map<EventFlag, Long>> counts = new EnumMap<>(EventType.class);
            Map<MalformedKind, Long> byKind = new EnumMap<>(MalformedKind.class);
            long total = 0;
            long malformed = 0;
            try (BufferedWriter spool = Files.newBufferedWriter(malformedSpool, StandardCharsets.UTF_8)) {
                for (EventType type : EventType.values()) {
                    files.put(type, new TypeFile(dir, type, format));
                    counts.put(type, new EnumMap<>(EventFlag.class));
                }
                while (log.hasNext()) {
                    GeneratedEvent e = log.next();
                    TypeFile file = files.get(e.type());
                    long line = file.append(e);
                    total++;
                    counts.get(e.type()).merge(e.flag(), 1L, Long::sum);
                    if (e.malformed()) {
                        malformed++;
                        byKind.merge(e.malformation().kind(), 1L, Long::sum);
                        ObjectNode entry = MAPPER.createObjectNode();
                        entry.put("file", file.name);
                        entry.put("line", line);
                        entry.put("eventId", e.eventId());
                        entry.put("type", e.type().id());
                        entry.put("kind", e.malformation().kind().name());
                        entry.put("check", e.malformation().kind().check().name());
                        entry.put("reason", e.malformation().reason());
                        spool.write(MAPPER.writeValueAsString(entry));
                        spool.write('\n');
                    }
                }
            } finally {
                for (TypeFile f : files.values()) {
                    f.close();
                }
            }
            Path manifest = dir.resolve("manifest.json");
            Map<EventType, Long> perType = new EnumMap<>(EventType.class);
            files.forEach((t, f) -> perType.put(t, f.records));
            writeManifest(manifest, log, format, files, counts, byKind, total, malformed, malformedSpool);
            Files.deleteIfExists(malformedSpool);
            return new Summary(manifest, total, malformed, perType);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated log to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void writeManifest(Path manifest, SampleData.GeneratedLog log, Format format, Map<EventType, TypeFile> files,
                                      Map<EventType, Map<EventFlag, Long>> counts, Map<MalformedKind, Long> byKind, long total,
                                      long malformed, Path malformedSpool) throws IOException {
        GeneratorConfig c = log.config();
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("generator", "innopoints sample-data generator");
        head.put("seed", c.seed());
        head.put("format", format.extension());
        head.put("config", c.asMap());
        Map<String, Object> fileInfo = new LinkedHashMap<>();
        files.forEach((t, f) -> {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("file", f.name);
            info.put("records", f.records);
            info.put("lines", f.lines);
            info.put("topic", t.topic().defaultName());
            fileInfo.put(t.id(), info);
        });
        head.put("files", fileInfo);
        Map<EventFlag, Long> flags = new EnumMap<>(EventFlag.class);
        counts.values().forEach(m -> m.forEach((k, v) -> flags.merge(k, v, Long::sum)));
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("records", total);
        totals.put("valid", total - malformed);
        totals.put("malformed", malformed);
        for (EventFlag f : EventFlag.values()) {
            totals.put(f.name().toLowerCase(), flags.getOrDefault(f, 0L));
        }
        head.put("counts", totals);
        Map<String, Object> perType = new LinkedHashMap<>();
        counts.forEach((t, m) -> perType.put(t.id(), m));
        head.put("countsPerType", perType);
        head.put("malformedPerKind", byKind);
        head.put("calibration", log.calibration().asMap());
        try (Writer out = Files.newBufferedWriter(manifest, StandardCharsets.UTF_8);
             JsonGenerator gen = MAPPER.getFactory().createGenerator(out).useDefaultPrettyPrinter()) {
            gen.writeStartObject();
            for (Map.Entry<String, Object> e : head.entrySet()) {
                gen.writeFieldName(e.getKey());
                MAPPER.writeValue(gen, e.getValue());
            }
            gen.writeArrayFieldStart("malformed");
            try (JsonParser entries = MAPPER.getFactory().createParser(malformedSpool.toFile())) {
                while (entries.nextToken() == JsonToken.START_OBJECT) {
                    gen.copyCurrentStructure(entries);
                }
            }
            gen.writeEndArray();
            gen.writeEndObject();
        }
    }

    /** One output file and its line count. */
    private static final class TypeFile {
        private final String name;
        private final EventType type;
        private final Format format;
        private final BufferedWriter out;
        private final AvroCsv.RowWriter<SpecificRecord> csv;
        private long lines;
        private long records;

        @SuppressWarnings("unchecked")
        TypeFile(Path dir, EventType type, Format format) throws IOException {
            this.name = type.id() + "." + format.extension();
            this.type = type;
            this.format = format;
            this.out = Files.newBufferedWriter(dir.resolve(name), StandardCharsets.UTF_8);
            if (format == Format.CSV) {
                csv = AvroCsv.writer(out, (Class<SpecificRecord>) type.recordClass());
                lines = 1;
            } else {
                csv = null;
            }
        }

        /** Writes the event; returns the 1-based line it starts on. */
        long append(GeneratedEvent e) throws IOException {
            long start = lines + 1;
            String text;
            if (format == Format.JSONL) {
                text = (e.malformed() ? renderJson(e.malformation()) : AvroJson.writeLine(e.record())) + "\n";
                out.write(text);
            } else if (e.malformed()) {
                List<String> cells = AvroCsv.cells(e.malformation().body(), type.schema());
                if (e.malformation().kind() == MalformedKind.TRUNCATED_RECORD) {
                    cells = cells.subList(0, Math.max(1, cells.size() * 6 / 10));
                }
                text = csv.writeCells(cells);
            } else {
                text = csv.write(e.record());
            }
            lines += text.chars().filter(ch -> ch == '\n').count();
            records++;
            return start;
        }

        private static String renderJson(GeneratedEvent.Malformation m) throws IOException {
            String json = MAPPER.writeValueAsString(m.body());
            return m.kind() == MalformedKind.TRUNCATED_RECORD ? json.substring(0, json.length() * 6 / 10) : json;
        }

        void close() throws IOException {
            out.close();
        }
    }
}
