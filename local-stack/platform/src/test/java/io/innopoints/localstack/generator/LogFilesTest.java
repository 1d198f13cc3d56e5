package io.innopoints.localstack.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.innopoints.schemas.CreditCode;
import io.innopoints.schemas.event.TaxFilingEvent;
import io.innopoints.schemas.json.AvroCsv;
import io.innopoints.schemas.json.AvroJson;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.validation.Validated;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LogFilesTest {
    private static final GeneratorConfig SMALL = GeneratorConfig.defaults().withEnterprises(400).withPerturbations(0.02, 0.08, 0.01, 0.05);

    @ParameterizedTest
    @EnumSource(LogFiles.Format.class)
    void shouldWriteByteIdenticalFilesForTheSameSeed(LogFiles.Format format, @TempDir Path tmp) throws IOException {
        // Given / When the same config is written twice, and once with another seed
        LogFiles.write(SMALL, tmp.resolve("a"), format);
        LogFiles.write(SMALL, tmp.resolve("b"), format);
        LogFiles.write(SMALL.withSeed(43), tmp.resolve("c"), format);

        // Then the first two agree byte for byte, the third does not
        for (EventType type : EventType.values()) {
            String name = type.id() + "." + format.extension();
            assertThat(Files.mismatch(tmp.resolve("a").resolve(name), tmp.resolve("b").resolve(name))).as(name).isEqualTo(-1L);
            assertThat(Files.mismatch(tmp.resolve("a").resolve(name), tmp.resolve("c").resolve(name))).as(name).isNotEqualTo(-1L);
        }
        assertThat(Files.mismatch(tmp.resolve("a/manifest.json"), tmp.resolve("b/manifest.json"))).isEqualTo(-1L);
    }

    @ParameterizedTest
    @EnumSource(LogFiles.Format.class)
    void shouldListExactlyTheRecordsALoaderMustRejectInTheManifest(LogFiles.Format format, @TempDir Path dir) throws IOException {
        // Given a written log
        LogFiles.Summary summary = LogFiles.write(SMALL, dir, format);
        JsonNode manifest = AvroJson.mapper().readTree(dir.resolve("manifest.json").toFile());
        Map<String, Map<Long, JsonNode>> listed = new HashMap<>();
        manifest.get("malformed").forEach(m -> listed.computeIfAbsent(m.get("file").asText(), f -> new HashMap<>())
                .put(m.get("line").asLong(), m));
        assertThat(manifest.get("counts").get("malformed").asLong()).isEqualTo(summary.malformed()).isPositive();
        assertThat(manifest.get("malformed")).hasSize((int) summary.malformed());
        Instant end = SMALL.endDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

        // When every record is read back the way a loader would
        long rejected = 0;
        long accepted = 0;
        for (EventType type : EventType.values()) {
            String file = type.id() + "." + format.extension();
            Map<Long, JsonNode> bad = listed.getOrDefault(file, Map.of());
            for (Map.Entry<Long, Validated<? extends SpecificRecord>> row : read(dir.resolve(file), type, format).entrySet()) {
                Optional<String> failure = row.getValue().isOk() ? semanticProblem(row.getValue().value(), end)
                        : Optional.of("structure");
                JsonNode entry = bad.get(row.getKey());
                // Then exactly the listed lines fail, each at the layer the manifest names
                if (entry == null) {
                    assertThat(failure).as("%s line %d", file, row.getKey()).isEmpty();
                    accepted++;
                } else {
                    assertThat(failure).as("%s line %d (%s)", file, row.getKey(), entry).isPresent();
                    String check = entry.get("check").asText();
                    assertThat(failure.get()).as("%s line %d (%s)", file, row.getKey(), entry)
                            .isEqualTo(check.equals("STRUCTURE") ? "structure" : check.equals("CREDIT_CODE") ? "creditCode" : "semantic");
                    assertThat(entry.get("reason").asText()).isNotBlank();
                    rejected++;
                }
            }
        }
        assertThat(rejected).isEqualTo(summary.malformed());
        assertThat(accepted + rejected).isEqualTo(summary.events());
    }

    /** Line → parse result of every record in a file. */
    @SuppressWarnings("unchecked")
    private static Map<Long, Validated<? extends SpecificRecord>> read(Path file, EventType type, LogFiles.Format format) throws IOException {
        Map<Long, Validated<? extends SpecificRecord>> rows = new HashMap<>();
        Class<SpecificRecord> cls = (Class<SpecificRecord>) type.recordClass();
        if (format == LogFiles.Format.JSONL) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                rows.put(i + 1L, AvroJson.read(lines.get(i), cls));
            }
        } else {
            try (AvroCsv.RowReader<SpecificRecord> reader = AvroCsv.reader(Files.newBufferedReader(file), cls).value()) {
                reader.forEachRemaining(r -> rows.put(r.line(), r.record()));
            }
        }
        return rows;
    }

    /** What the ingest validator would say beyond structure: credit code, non-negative amounts, staff, event time. */
    private static Optional<String> semanticProblem(SpecificRecord r, Instant end) {
        String code = (String) r.get(r.getSchema().getField("creditCode").pos());
        if (!CreditCode.isValid(code)) {
            return Optional.of("creditCode");
        }
        for (String amount : List.of("registeredCapitalFen", "amountFen", "revenueFen", "rdExpenseFen", "taxesPaidFen")) {
            if (r.getSchema().getField(amount) != null) {
                Object v = r.get(r.getSchema().getField(amount).pos());
                if (v != null && (Long) v < 0) {
                    return Optional.of("semantic");
                }
            }
        }
        if (r instanceof TaxFilingEvent t && t.getRdStaff() > t.getEmployees()) {
            return Optional.of("semantic");
        }
        if (!EnterpriseSimulator.eventTime(r).isBefore(end)) {
            return Optional.of("semantic");
        }
        return Optional.empty();
    }

    @Test
    void shouldCountRecordsPerFileAndFlagInTheManifest(@TempDir Path dir) throws IOException {
        LogFiles.Summary summary = LogFiles.write(SMALL, dir, LogFiles.Format.CSV);

        JsonNode manifest = AvroJson.mapper().readTree(dir.resolve("manifest.json").toFile());

        assertThat(manifest.get("seed").asLong()).isEqualTo(SMALL.seed());
        long sum = 0;
        for (EventType type : EventType.values()) {
            JsonNode file = manifest.get("files").get(type.id());
            assertThat(file.get("records").asLong()).isEqualTo(summary.recordsPerType().get(type));
            // a CSV file is the header plus one line per record (generated names hold no line breaks)
            assertThat(Files.readAllLines(dir.resolve(file.get("file").asText()))).hasSize((int) file.get("records").asLong() + 1);
            sum += file.get("records").asLong();
        }
        JsonNode counts = manifest.get("counts");
        assertThat(counts.get("records").asLong()).isEqualTo(sum);
        assertThat(counts.get("valid").asLong() + counts.get("malformed").asLong()).isEqualTo(sum);
        assertThat(counts.get("duplicate").asLong()).isPositive();
        assertThat(manifest.get("calibration").get("enterprises").asLong()).isEqualTo(SMALL.enterprises());
    }

    @Test
    void shouldWriteCsvFilesFromTheCommandLine(@TempDir Path dir) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = GeneratorCli.run(new String[] {"--enterprises", "60", "--seed", "5", "--out", dir.toString(), "--format", "CSV",
                "--end-date", "2025-12-31"}, new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("60 enterprises");
        for (EventType type : EventType.values()) {
            assertThat(dir.resolve(type.id() + ".csv")).exists();
        }
        assertThat(dir.resolve("manifest.json")).content().contains("\"endDate\" : \"2025-12-31\"");
    }

    @Test
    void shouldNameTheOptionWhenTheCommandLineIsWrong(@TempDir Path dir) {
        List<String> errors = new ArrayList<>();
        for (String[] args : List.of(new String[] {"--malformed-fraction", "1.5", "--out", dir.toString()},
                new String[] {"--format", "xml", "--out", dir.toString()},
                new String[] {"--end-date", "30/06/2026", "--out", dir.toString()})) {
            StringWriter err = new StringWriter();
            int exit = GeneratorCli.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
            assertThat(exit).isEqualTo(2);
            errors.add(err.toString());
        }
        assertThat(errors.get(0)).contains("--malformed-fraction: must be a fraction between 0 and 1, got 1.5");
        assertThat(errors.get(1)).contains("--format").contains("expected jsonl or csv, got 'xml'");
        assertThat(errors.get(2)).contains("--end-date");
        assertThat(dir).isEmptyDirectory();
    }
}
