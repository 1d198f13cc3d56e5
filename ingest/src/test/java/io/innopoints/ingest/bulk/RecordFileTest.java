package io.innopoints.ingest.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.innopoints.ingest.rest.Examples;
import io.innopoints.schemas.topic.EventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordFileTest {
    @TempDir
    Path dir;

    private List<SourceRecord> read(Path file, long skipThrough, int maxLine) throws IOException {
        List<SourceRecord> out = new ArrayList<>();
        try (RecordFile records = RecordFile.open(file, EventType.PATENTS, skipThrough, maxLine)) {
            records.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void shouldRejectAnOverlongLineWithoutLosingTheNextOne() throws IOException {
        // given
        String good = Examples.json(EventType.PATENTS);
        Path file = Files.writeString(dir.resolve("p.jsonl"), good + "\n" + "x".repeat(5000) + "\r\n" + good);
        // when
        List<SourceRecord> records = read(file, 0, 1000);
        // then
        assertThat(records).extracting(SourceRecord::line).containsExactly(1L, 2L, 3L);
        assertThat(records.get(0).structural().isOk()).isTrue();
        assertThat(records.get(1).structural().problems().get(0).reason()).contains("longer than 1000");
        assertThat(records.get(2).structural().isOk()).isTrue();
    }

    @Test
    void shouldCountBlankLinesAndCrLfLineEndsButYieldNoRecordForBlankLines() throws IOException {
        String good = Examples.json(EventType.PATENTS);
        Path file = Files.writeString(dir.resolve("p.jsonl"), good + "\r\n\r\n  \n" + good + "\n");
        assertThat(read(file, 0, 1 << 20)).extracting(SourceRecord::line).containsExactly(1L, 4L);
    }

    @Test
    void shouldSkipLinesUpToTheResumePointWithoutParsingThem() throws IOException {
        String good = Examples.json(EventType.PATENTS);
        Path file = Files.writeString(dir.resolve("p.jsonl"), "{broken\n{broken\n" + good + "\n");
        List<SourceRecord> records = read(file, 2, 1 << 20);
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(3);
            assertThat(r.structural().isOk()).isTrue();
        });
    }

    @Test
    void shouldRefuseUnknownFileTypes() throws IOException {
        Path file = Files.writeString(dir.resolve("p.xml"), "<x/>");
        assertThatThrownBy(() -> read(file, 0, 100)).hasMessageContaining(".csv or .jsonl");
    }
}
