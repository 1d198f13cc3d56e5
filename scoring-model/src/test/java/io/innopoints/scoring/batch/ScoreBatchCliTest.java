package io.innopoints.scoring.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.scoring.support.Events;
import io.innopoints.scoring.support.RandomLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ScoreBatchCliTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeLog() throws IOException {
        RandomLog log = new RandomLog(7);
        List<SpecificRecord> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            events.addAll(log.withNoise(log.enterprise(Events.code(i + 1), 8, i % 2 == 0 ? "ZONE-A" : "ZONE-B")));
        }
        RandomLog.writeJsonl(dir, events);
        Files.writeString(dir.resolve("patents.jsonl"), "not json\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
    }

    private int run(String... args) {
        // the random log holds events up to 2030: validate as a pipeline running later would, so the test does
        // not depend on today's date
        args = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--validate-at", "2100-01-01T00:00:00Z")).toArray(String[]::new);
        CommandLine cli = new CommandLine(new ScoreBatchCli());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void shouldPrintTopNPerCohortAndWriteCsv() throws IOException {
        // When
        Path csv = dir.resolve("out.csv");
        int code = run("--events", dir.toString(), "--model", "zone-20n", "--as-of", "2024-06-30", "--out", csv.toString(),
                "--top", "5");

        // Then
        assertThat(code).isZero();
        assertThat(out.toString()).contains("model zone-20n:", "1 rejected", "patents.jsonl:", "== nation:CN:startup");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).startsWith("creditCode,name,zone,industry,stage,ranked,total,dim.tech,");
        assertThat(lines).hasSize(61);
    }

    @Test
    void shouldWriteJsonWithRanksAndRejectedLines() throws IOException {
        // When
        Path json = dir.resolve("out.json");
        int code = run("--events", dir.toString(), "--model", "national-2024", "--as-of", "2024-06-30T00:00:00+08:00",
                "--out", json.toString());

        // Then
        assertThat(code).isZero();
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.get("modelId").asText()).isEqualTo("national-2024");
        assertThat(root.get("rejected")).hasSize(1);
        assertThat(root.get("enterprises")).hasSize(60);
        JsonNode first = root.get("enterprises").get(0);
        assertThat(first.get("indicators")).hasSize(18);
        double sum = 0;
        for (JsonNode d : first.get("dimensions")) {
            sum += d.asDouble();
        }
        assertThat(first.get("total").asDouble()).isCloseTo(sum, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void shouldListEveryModelProblemWithoutAStackTrace() throws IOException {
        // Given
        Path model = dir.resolve("broken.yaml");
        Files.writeString(model, "id: x\nversion: 1\nstages: []\ndimensions: []\nindicators: [{id: a}]\n");

        // When
        int code = run("--events", dir.toString(), "--model", model.toString());

        // Then
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("is invalid", "indicators[0].names: is required",
                "indicators[0].dimension: is required").doesNotContain("at io.innopoints");
    }

    @Test
    void shouldDescribeAValidModelWithCheck() {
        // When
        int code = run("--model", "national-2024", "--check");

        // Then
        assertThat(code).isZero();
        assertThat(out.toString()).contains("18 indicators", "stage startup", "invention-patents", "maximum total");
    }

    @Test
    void shouldStateInTheReadmeTheMaximumTotalsThatCheckPrints() throws IOException {
        // Given
        String readme = Files.readString(Path.of("README.md"));

        for (String id : ScoringModel.BUILTIN) {
            // When
            StringWriter check = new StringWriter();
            ScoreBatchCli.describe(new PrintWriter(check, true), ScoringModel.builtin(id));
            String maxima = check.toString().lines().map(String::strip).filter(l -> l.startsWith("maximum total"))
                    .findFirst().orElseThrow().substring("maximum total".length()).strip().replaceAll("\\s+", " / ");

            // Then
            assertThat(readme).as("README.md, Shipped models: maximum totals of %s", id).contains(id + " " + maxima);
        }
    }

    @Test
    void shouldRequireEventsUnlessChecking() {
        assertThat(run("--model", "zone-20n")).isEqualTo(2);
        assertThat(err.toString()).contains("--events DIR is required");
    }

    @Test
    void shouldRejectAnUnknownOutputFormatAndAMissingEventDirectory() {
        assertThat(run("--events", dir.toString(), "--out", dir.resolve("x.xml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--out: the file name must end in .csv or .json");
        assertThat(run("--events", dir.resolve("nowhere").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("is not a directory");
    }

    @Test
    void shouldRejectABadAsOf() {
        assertThat(run("--events", dir.toString(), "--as-of", "yesterday")).isEqualTo(2);
        assertThat(err.toString()).contains("--as-of: expected an ISO-8601 instant");
    }
}
