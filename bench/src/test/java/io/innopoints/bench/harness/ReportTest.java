package io.innopoints.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    @Test
    void shouldRenderContextRowsInOrderAndNotesAsMarkdown(@TempDir Path dir) throws Exception {
        // Given a report with context, two rows (one with a pipe) and a note
        Report report = new Report("Bench").context("date", "2026-11-24").row("a", "1").row("b|c", "2")
                .note("sampled");

        // When rendered and written
        Path file = dir.resolve("out/report.md");
        report.writeTo(file);

        // Then the table keeps the order and escapes the pipe
        assertThat(Files.readString(file)).isEqualTo("""
                ### Bench

                - date: 2026-11-24

                | metric | value |
                |---|---|
                | a | 1 |
                | b\\|c | 2 |

                - sampled
                """);
    }

    @Test
    void shouldCarryRowsAndRawValuesIntoTheJson(@TempDir Path dir) throws Exception {
        // Given a report with a row and a raw value
        Report report = new Report("Bench").context("date", "2026-11-24").row("**p50**", "**12 ms**").value("p50Millis", 12);

        // When written as JSON
        Path file = dir.resolve("report.json");
        report.writeJsonTo(file);

        // Then a tool finds both the displayed row and the number
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
        assertThat(json.get("title").asText()).isEqualTo("Bench");
        assertThat(json.get("context").get("date").asText()).isEqualTo("2026-11-24");
        assertThat(json.get("rows").get(0).get("metric").asText()).isEqualTo("p50");
        assertThat(json.get("rows").get(0).get("value").asText()).isEqualTo("12 ms");
        assertThat(json.get("values").get("p50Millis").asDouble()).isEqualTo(12.0);
        assertThat(json.get("notes")).isEmpty();
    }
}
