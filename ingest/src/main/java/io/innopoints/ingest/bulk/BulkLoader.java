package io.innopoints.ingest.bulk;

import io.innopoints.ingest.domain.EventPublisher;
import io.innopoints.ingest.domain.IngestService;
import io.innopoints.ingest.domain.Outcome;
import io.innopoints.ingest.domain.Provenance;
import io.innopoints.ingest.domain.RecordCoordinates;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.validation.EventValidator;
import io.innopoints.schemas.validation.Problem;
import io.innopoints.schemas.validation.Validated;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a bulk file through the same {@link IngestService} as the REST API: streams its records (constant memory),
 * publishes them in batches, waits for every acknowledgement of a batch, then writes the error report rows of its
 * rejected records and the {@link Checkpoint}. A rerun with the same checkpoint skips what is done: lines up to the
 * checkpoint, and lines an interrupted run wrote after it (found in the topics by their load-id and line headers),
 * so what Kafka acknowledged is never sent twice and the counts stay exact.
 */
public final class BulkLoader {
    private static final Logger LOG = LoggerFactory.getLogger(BulkLoader.class);

    private final IngestService service;
    private final EventValidator validator;
    private final EventPublisher publisher;
    private final PublishedLog log;
    private final Duration ackTimeout;

    public BulkLoader(IngestService service, EventValidator validator, EventPublisher publisher, PublishedLog log,
                      Duration ackTimeout) {
        this.service = service;
        this.validator = validator;
        this.publisher = publisher;
        this.log = log;
        this.ackTimeout = ackTimeout;
    }

    /**
     * Runs (or resumes) the load.
     *
     * @throws LoadFailedException when the broker did not acknowledge (the checkpoint keeps the progress; rerun)
     * @throws IOException         when the file, checkpoint or report cannot be read or written
     */
    public LoadSummary load(LoadRequest request, ProgressListener progress) throws IOException {
        long started = System.nanoTime();
        Path file = request.file();
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such file: " + file);
        }
        long size = Files.size(file);
        EventType type = request.type();
        List<Topic> topics = List.of(type.topic(), Topic.INGEST_REJECTED);

        Checkpoint checkpoint = null;
        if (!request.restart() && Files.exists(request.checkpoint())) {
            checkpoint = Checkpoint.read(request.checkpoint());
            if (!checkpoint.type().equals(type.id()) || checkpoint.fileSize() != size
                    || !checkpoint.file().equals(file.toAbsolutePath().normalize().toString())) {
                throw new IOException("checkpoint " + request.checkpoint() + " belongs to another load (" + checkpoint.type()
                        + " from " + checkpoint.file() + ", " + checkpoint.fileSize() + " bytes); use --restart to start over");
            }
            if (checkpoint.complete()) {
                return new LoadSummary(checkpoint.accepted(), checkpoint.duplicates(), checkpoint.rejected(),
                        checkpoint.lastLine(), 0, true, Duration.ofNanos(System.nanoTime() - started));
            }
        }
        State state = new State();
        Set<Long> writtenEvents = Set.of();
        Set<Long> writtenLetters = Set.of();
        if (checkpoint == null) {
            state.loadId = UUID.randomUUID().toString();
            for (Topic topic : topics) {
                state.scanFrom.put(topic.name(), new HashMap<>(log.endOffsets(topic)));
            }
        } else {
            state.loadId = checkpoint.loadId();
            state.lastLine = checkpoint.lastLine();
            state.accepted = checkpoint.accepted();
            state.duplicates = checkpoint.duplicates();
            state.rejected = checkpoint.rejected();
            checkpoint.scanFrom().forEach((t, offsets) -> state.scanFrom.put(t, new HashMap<>(offsets)));
            writtenEvents = log.linesWrittenBy(state.loadId, type.topic(), state.scanFrom.getOrDefault(type.topic().name(), Map.of()));
            writtenLetters = log.linesWrittenBy(state.loadId, Topic.INGEST_REJECTED,
                    state.scanFrom.getOrDefault(Topic.INGEST_REJECTED.name(), Map.of()));
            LOG.info("resuming load {} after line {}; {} accepted and {} rejected lines written after the checkpoint",
                    state.loadId, state.lastLine, writtenEvents.size(), writtenLetters.size());
        }
        long resumedAfter = state.lastLine;
        String fileName = file.getFileName().toString();
        try (RecordFile records = RecordFile.open(file, type, resumedAfter, RecordFile.DEFAULT_MAX_LINE_CHARS);
             ErrorReport report = ErrorReport.open(request.errorReport(), checkpoint == null ? 0 : checkpoint.errorReportBytes())) {
            write(request, type, file, size, state, report, false);
            progress.start(size, state.accepted + state.duplicates + state.rejected);
            List<Pending> batch = new ArrayList<>(request.batchSize());
            while (records.hasNext()) {
                SourceRecord record = records.next();
                if (record.line() <= resumedAfter) {
                    continue;
                }
                if (writtenEvents.contains(record.line())) {
                    state.accepted++;
                    state.lastLine = record.line();
                    continue;
                }
                if (writtenLetters.contains(record.line())) {
                    // its dead letter is in Kafka; rebuild its report rows locally instead of sending it again
                    state.rejected++;
                    state.lastLine = record.line();
                    report.add(record.line(), null, problemsOf(record));
                    continue;
                }
                Provenance origin = Provenance.file(request.provider(), fileName, record.line(), state.loadId);
                batch.add(new Pending(record.line(), service.submit(type, record.structural(), record.raw(),
                        record.original(), origin).toCompletableFuture()));
                state.sent++;
                if (batch.size() >= request.batchSize()) {
                    drain(type.topic(), batch, state, report);
                    write(request, type, file, size, state, report, false);
                    progress.update(records.bytesRead(), state.accepted + state.duplicates + state.rejected, state.rejected);
                }
            }
            drain(type.topic(), batch, state, report);
            write(request, type, file, size, state, report, true);
            progress.update(size, state.accepted + state.duplicates + state.rejected, state.rejected);
        } finally {
            progress.close();
        }
        return new LoadSummary(state.accepted, state.duplicates, state.rejected, resumedAfter, state.sent, false,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private List<Problem> problemsOf(SourceRecord record) {
        if (!record.structural().isOk()) {
            return record.structural().problems();
        }
        List<Problem> problems = validator.problems(record.structural().value());
        return problems.isEmpty() ? List.of(new Problem("$", "rejected by an earlier run (see ingest-rejected)")) : problems;
    }

    private void drain(Topic type, List<Pending> batch, State state, ErrorReport report) throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        publisher.flush();
        CompletableFuture<?> all = CompletableFuture.allOf(batch.stream().map(Pending::outcome).toArray(CompletableFuture[]::new));
        try {
            all.orTimeout(ackTimeout.toMillis() * 2, TimeUnit.MILLISECONDS).join();
        } catch (CompletionException e) {
            throw new LoadFailedException("Kafka did not acknowledge the batch ending at line " + batch.get(batch.size() - 1).line()
                    + "; the checkpoint keeps everything up to line " + state.lastLine + ". Rerun the same command to resume.",
                    e.getCause() == null ? e : e.getCause());
        }
        for (Pending p : batch) {
            Outcome outcome = p.outcome().join();
            if (outcome instanceof Outcome.Accepted a) {
                if (a.duplicate()) {
                    state.duplicates++;
                } else {
                    state.accepted++;
                    state.advance(type, a.coordinates());
                }
            } else {
                Outcome.Rejected r = (Outcome.Rejected) outcome;
                state.rejected++;
                state.advance(Topic.INGEST_REJECTED, r.deadLetter());
                report.add(p.line(), r.eventId(), r.problems());
            }
            state.lastLine = p.line();
        }
        batch.clear();
    }

    private void write(LoadRequest request, EventType type, Path file, long size, State state, ErrorReport report,
                       boolean complete) throws IOException {
        long reportBytes = report.sync();
        new Checkpoint(state.loadId, type.id(), file.toAbsolutePath().normalize().toString(), size, state.lastLine,
                state.accepted, state.duplicates, state.rejected, reportBytes, complete, state.scanFrom)
                .write(request.checkpoint());
    }

    private record Pending(long line, CompletableFuture<Outcome> outcome) {
    }

    private static final class State {
        String loadId;
        long lastLine;
        long accepted;
        long duplicates;
        long rejected;
        long sent;
        final Map<String, Map<Integer, Long>> scanFrom = new HashMap<>();

        /** Anything this load writes later to that partition lies after an acknowledged record of it. */
        void advance(Topic topic, RecordCoordinates c) {
            scanFrom.computeIfAbsent(topic.name(), t -> new HashMap<>()).merge(c.partition(), c.offset() + 1, Math::max);
        }
    }

    /** The broker did not acknowledge; the load can be resumed from its checkpoint. */
    public static final class LoadFailedException extends RuntimeException {
        public LoadFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
