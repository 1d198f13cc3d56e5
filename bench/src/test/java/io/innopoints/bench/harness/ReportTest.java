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
}
