package io.innopoints.ingest.domain;

import io.innopoints.ingest.bulk.PublishedLog;
import io.innopoints.schemas.topic.Topic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;

/**
 * An in-memory broker for unit tests: one partition per topic, acknowledges at once (or holds acknowledgements
 * until {@link #release()}, or fails sends once {@link #failAfter} records were written); like the real producer it
 * refuses a record whose value is above {@link #MAX_RECORD_BYTES}. Also answers
 * {@link PublishedLog} questions from what it holds, like the real topics would.
 */
public final class FakePublisher implements EventPublisher, PublishedLog {
    public record Sent(Topic topic, String key, SpecificRecord value, Provenance origin, long offset) {
    }

    /** The producer's default {@code max.request.size}: larger records are refused like the real producer does. */
    public static final int MAX_RECORD_BYTES = 1024 * 1024;

    private final List<Sent> sent = new ArrayList<>();
    private final List<Runnable> held = new ArrayList<>();
    private final AtomicBoolean hold = new AtomicBoolean();
    private final AtomicInteger failAfter = new AtomicInteger(Integer.MAX_VALUE);
    private final Map<Topic, Long> offsets = new HashMap<>();

    @Override
    public synchronized CompletionStage<RecordCoordinates> publish(Topic topic, String key, SpecificRecord value,
                                                                   Provenance origin) {
        if (sent.size() >= failAfter.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("broker down (fake)"));
        }
        int size = avroSize(value);
        if (size > MAX_RECORD_BYTES) {
            // what the real producer does with a record above max.request.size: it is never acknowledged
            return CompletableFuture.failedFuture(new RecordTooLargeException("record of " + size + " bytes (fake)"));
        }
        long offset = offsets.merge(topic, 1L, Long::sum) - 1;
        sent.add(new Sent(topic, key, value, origin, offset));
        CompletableFuture<RecordCoordinates> ack = new CompletableFuture<>();
        RecordCoordinates coordinates = new RecordCoordinates(topic.defaultName(), 0, offset);
        if (hold.get()) {
            held.add(() -> ack.complete(coordinates));
        } else {
            ack.complete(coordinates);
        }
        return ack;
    }

    private static int avroSize(SpecificRecord value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            new SpecificDatumWriter<SpecificRecord>(value.getSchema()).write(value, encoder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.size();
    }

    /** From now on, acknowledgements wait for {@link #release()}. */
    public void holdAcks() {
        hold.set(true);
    }

    /** Acknowledges everything held and stops holding. */
    public void release() {
        List<Runnable> toRun;
        synchronized (this) {
            hold.set(false);
            toRun = new ArrayList<>(held);
            held.clear();
        }
        toRun.forEach(Runnable::run);
    }

    /** Sends fail (the broker is down) once {@code records} records are stored. */
    public void failAfter(int records) {
        failAfter.set(records);
    }

    public synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    public synchronized List<Sent> sent(Topic topic) {
        return sent.stream().filter(s -> s.topic() == topic).toList();
    }

    @Override
    public synchronized Map<Integer, Long> endOffsets(Topic topic) {
        return Map.of(0, offsets.getOrDefault(topic, 0L));
    }

    @Override
    public synchronized Set<Long> linesWrittenBy(String loadId, Topic topic, Map<Integer, Long> from) {
        long start = from.getOrDefault(0, 0L);
        Set<Long> lines = new HashSet<>();
        for (Sent s : sent) {
            if (s.topic() == topic && s.offset() >= start && s.origin() != null && loadId.equals(s.origin().loadId())) {
                lines.add(s.origin().sourceLine());
            }
        }
        return lines;
    }

    @Override
    public void close() {
    }
}
