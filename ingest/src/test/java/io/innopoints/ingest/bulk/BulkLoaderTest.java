package io.innopoints.ingest.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.innopoints.ingest.domain.FakePublisher;
import io.innopoints.ingest.domain.IngestMetrics;
import io.innopoints.ingest.domain.IngestService;
import io.innopoints.ingest.domain.RecentEvents;
import io.innopoints.ingest.rest.Examples;
import io.innopoints.schemas.dlq.DeadLetter;
import io.innopoints.schemas.dlq.RejectSource;
import io.innopoints.schemas.event.PatentEvent;
import io.innopoints.schemas.json.AvroCsv;
import io.innopoints.schemas.json.AvroJson;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.validation.EventValidator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BulkLoaderTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-15T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private FakePublisher broker = new FakePublisher();

    private BulkLoader loader(FakePublisher publisher) {
        EventValidator validator = new EventValidator(CLOCK, Duration.ofMinutes(5));
        IngestService service = new IngestService(validator, publisher, new RecentEvents(1000),
                new IngestMetrics(new SimpleMeterRegistry()), CLOCK);
        return new BulkLoader(service, validator, publisher, publisher, Duration.ofSeconds(5));
    }

    private static String patent(int i) {
        return ((ObjectNode) Examples.node(EventType.PATENTS)).put("eventId", "pat-" + i).toString();
    }

    /** 100 lines: every 10th malformed (bad credit code on 10, 30, …; truncated JSON on 20, 40, …), one blank line. */
    private Path jsonl() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            if (i == 50) {
                lines.add("");
            } else if (i % 20 == 0) {
                lines.add(patent(i).substring(0, 40));
            } else if (i % 10 == 0) {
                lines.add(patent(i).replace("91110108MA01ABCDEN", "91110108MA01ABCDE0"));
            } else {
                lines.add(patent(i));
            }
        }
        Path file = dir.resolve("patents.jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private LoadRequest request(Path file, int batch) {
        return new LoadRequest(EventType.PATENTS, file, null, LoadRequest.defaultCheckpoint(file),
                LoadRequest.defaultErrorReport(file), batch, false);
    }

    private static Set<String> eventIds(FakePublisher publisher) {
        return publisher.sent(Topic.PATENT_EVENTS).stream().map(s -> ((PatentEvent) s.value()).getEventId())
                .collect(Collectors.toSet());
    }

    @Test
    void shouldLoadValidLinesRejectTheOthersAndReportExactCounts() throws IOException {
        // given
        Path file = jsonl();
        // when
        LoadSummary summary = loader(broker).load(request(file, 7), ProgressListener.NONE);
        // then: 99 records (line 50 is blank), 9 malformed (10, 20, 30, 40, 60, 70, 80, 90, 100)
        assertThat(summary.accepted()).isEqualTo(90);
        assertThat(summary.rejected()).isEqualTo(9);
        assertThat(summary.exitCode()).isEqualTo(1);
        assertThat(broker.sent(Topic.PATENT_EVENTS)).hasSize(90);
        assertThat(broker.sent(Topic.INGEST_REJECTED)).hasSize(9);
        DeadLetter letter = (DeadLetter) broker.sent(Topic.INGEST_REJECTED).get(0).value();
        assertThat(letter.getSource()).isEqualTo(RejectSource.BULK_FILE);
        assertThat(letter.getSourceFile()).isEqualTo("patents.jsonl");
        assertThat(letter.getSourceLine()).isEqualTo(10L);
        assertThat(new String(letter.getOriginalValue().array(), StandardCharsets.UTF_8)).contains("91110108MA01ABCDE0");
        assertThat(Checkpoint.read(LoadRequest.defaultCheckpoint(file)).complete()).isTrue();
    }

    @Test
    void shouldWriteOneErrorReportRowPerProblemWithLineFieldAndReason() throws IOException {
        Path file = jsonl();
        loader(broker).load(request(file, 10), ProgressListener.NONE);
        List<String> report = Files.readAllLines(LoadRequest.defaultErrorReport(file));
        assertThat(report.get(0)).isEqualTo("line,eventId,field,reason");
        assertThat(report).hasSize(10);
        assertThat(report.get(1)).startsWith("10,pat-10,creditCode,");
        assertThat(report.get(2)).startsWith("20,,$,\"malformed JSON");
    }

    @Test
    void shouldExitZeroWhenEverythingWasAccepted() throws IOException {
        Path file = dir.resolve("ok.jsonl");
        Files.write(file, List.of(patent(1), patent(2)));
        LoadSummary summary = loader(broker).load(request(file, 10), ProgressListener.NONE);
        assertThat(summary.exitCode()).isZero();
        assertThat(summary.accepted()).isEqualTo(2);
    }

    @Test
    void shouldCountAResentEventIdAsDuplicateWithoutPublishingItTwice() throws IOException {
        Path file = dir.resolve("dups.jsonl");
        Files.write(file, List.of(patent(1), patent(2), patent(1)));
        LoadSummary summary = loader(broker).load(request(file, 10), ProgressListener.NONE);
        assertThat(summary.accepted()).isEqualTo(2);
        assertThat(summary.duplicates()).isEqualTo(1);
        assertThat(broker.sent(Topic.PATENT_EVENTS)).hasSize(2);
    }

    @Test
    void shouldResumeAfterABrokerFailureWithoutResendingOrLosingAnything() throws IOException {
        // given a broker that fails after 35 records, mid-batch
        Path file = jsonl();
        broker.failAfter(35);
        assertThatThrownBy(() -> loader(broker).load(request(file, 10), ProgressListener.NONE))
                .isInstanceOf(BulkLoader.LoadFailedException.class).hasMessageContaining("Rerun");
        Checkpoint interrupted = Checkpoint.read(LoadRequest.defaultCheckpoint(file));
        assertThat(interrupted.complete()).isFalse();
        assertThat(interrupted.lastLine()).isEqualTo(30);
        // when the broker is back and the same load is rerun (a new process: new idempotency cache)
        broker.failAfter(Integer.MAX_VALUE);
        LoadSummary summary = loader(broker).load(request(file, 10), ProgressListener.NONE);
        // then every valid record is in the topic exactly once, and the counts are those of one clean load
        List<String> ids = broker.sent(Topic.PATENT_EVENTS).stream().map(s -> ((PatentEvent) s.value()).getEventId()).toList();
        assertThat(ids).doesNotHaveDuplicates().hasSize(90);
        assertThat(broker.sent(Topic.INGEST_REJECTED)).hasSize(9);
        assertThat(summary.accepted()).isEqualTo(90);
        assertThat(summary.rejected()).isEqualTo(9);
        assertThat(summary.resumedAfterLine()).isEqualTo(30);
        assertThat(Files.readAllLines(LoadRequest.defaultErrorReport(file))).hasSize(10);
    }

    @Test
    void shouldSkipLinesAnInterruptedRunWroteAfterItsLastCheckpoint() throws IOException {
        // given a run that stopped after its records were written but before its checkpoint: simulate by
        // loading, then rewinding the checkpoint to the beginning (as if the process died before writing it)
        Path file = jsonl();
        loader(broker).load(request(file, 1000), ProgressListener.NONE);
        Path cp = LoadRequest.defaultCheckpoint(file);
        Checkpoint done = Checkpoint.read(cp);
        new Checkpoint(done.loadId(), done.type(), done.file(), done.fileSize(), 0, 0, 0, 0, 0, false,
                java.util.Map.of(Topic.PATENT_EVENTS.name(), java.util.Map.of(0, 0L),
                        Topic.INGEST_REJECTED.name(), java.util.Map.of(0, 0L))).write(cp);
        // when
        LoadSummary summary = loader(broker).load(request(file, 1000), ProgressListener.NONE);
        // then nothing was sent again, and the counts were recovered from the topics
        assertThat(summary.sentThisRun()).isZero();
        assertThat(summary.accepted()).isEqualTo(90);
        assertThat(summary.rejected()).isEqualTo(9);
        assertThat(broker.sent()).hasSize(99);
        assertThat(Files.readAllLines(LoadRequest.defaultErrorReport(file))).hasSize(10);
    }

    @Test
    void shouldNotResendAnythingWhenTheLoadIsAlreadyComplete() throws IOException {
        Path file = jsonl();
        loader(broker).load(request(file, 10), ProgressListener.NONE);
        LoadSummary again = loader(broker).load(request(file, 10), ProgressListener.NONE);
        assertThat(again.alreadyComplete()).isTrue();
        assertThat(again.accepted()).isEqualTo(90);
        assertThat(broker.sent()).hasSize(99);
    }

    @Test
    void shouldRefuseACheckpointOfAnotherFile() throws IOException {
        Path file = jsonl();
        loader(broker).load(request(file, 10), ProgressListener.NONE);
        Files.writeString(file, patent(1) + "\n", java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> loader(broker).load(request(file, 10), ProgressListener.NONE))
                .hasMessageContaining("--restart");
    }

    @Test
    void shouldLoadCsvFilesThroughTheSameValidation() throws IOException {
        // given a CSV with a good row, a semantically bad row and a structurally bad row
        StringWriter text = new StringWriter();
        try (var writer = AvroCsv.writer(text, PatentEvent.class)) {
            PatentEvent good = AvroJson.read(patent(1), PatentEvent.class).value();
            writer.write(good);
            PatentEvent future = PatentEvent.newBuilder(good).setEventId("pat-2").setActionDate(java.time.LocalDate.of(2030, 1, 1)).build();
            writer.write(future);
            List<String> cells = new ArrayList<>(AvroCsv.cells(PatentEvent.newBuilder(good).setEventId("pat-3").build()));
            cells.set(PatentEvent.getClassSchema().getField("patentType").pos(), "HOVERCRAFT");
            writer.writeCells(cells);
        }
        Path file = dir.resolve("patents.csv");
        Files.writeString(file, text.toString());
        // when
        LoadSummary summary = loader(broker).load(request(file, 10), ProgressListener.NONE);
        // then
        assertThat(summary.accepted()).isEqualTo(1);
        assertThat(summary.rejected()).isEqualTo(2);
        assertThat(eventIds(broker)).containsExactly("pat-1");
        List<String> report = Files.readAllLines(LoadRequest.defaultErrorReport(file));
        assertThat(report).containsExactly("line,eventId,field,reason",
                report.get(1), report.get(2));
        assertThat(report.get(1)).startsWith("3,pat-2,actionDate,");
        assertThat(report.get(2)).startsWith("4,,patentType,");
    }

    @Test
    void shouldRejectRecordsOfAnotherProviderWhenOneIsGiven() throws IOException {
        Path file = dir.resolve("p.jsonl");
        Files.write(file, List.of(patent(1)));
        LoadRequest request = new LoadRequest(EventType.PATENTS, file, "tax-bureau", LoadRequest.defaultCheckpoint(file),
                LoadRequest.defaultErrorReport(file), 10, false);
        LoadSummary summary = loader(broker).load(request, ProgressListener.NONE);
        assertThat(summary.rejected()).isEqualTo(1);
    }
}
