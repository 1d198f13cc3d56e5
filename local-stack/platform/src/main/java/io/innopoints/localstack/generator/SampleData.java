package io.innopoints.localstack.generator;

import io.innopoints.schemas.serde.AvroTrust;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The generator's programmatic API: from a {@link GeneratorConfig} to the event log in (perturbed) arrival order.
 *
 * <p>Algorithm: enterprises are simulated block by block ({@code blockSize} at a time, each from its own seeded
 * random stream); each block's events are sorted by arrival time and, when there is more than one block, spilled
 * to a temporary file; the blocks are then merged by arrival time (an external merge sort) and finally shuffled
 * within a window of {@code shuffleWindow} events. Memory is bounded by one block plus one event per block plus the
 * window, whatever the number of enterprises; the result does not depend on the block size.
 */
public final class SampleData {
    private static final Comparator<GeneratedEvent> ARRIVAL_ORDER =
            Comparator.comparing(GeneratedEvent::arrival).thenComparingLong(GeneratedEvent::order);

    private SampleData() {
    }

    /** Generates the log; close the result to delete spill files. */
    public static GeneratedLog generate(GeneratorConfig config) {
        return new GeneratedLog(config);
    }

    /** The log as a sequential stream; closing the stream deletes spill files. */
    public static Stream<GeneratedEvent> stream(GeneratorConfig config) {
        GeneratedLog log = generate(config);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(log, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(log::close);
    }

    /** A generated log: an iterator over its events plus the population's calibration statistics. */
    public static final class GeneratedLog implements Iterator<GeneratedEvent>, AutoCloseable {
        private final GeneratorConfig config;
        private final Calibration calibration = new Calibration();
        private final List<Path> spills = new ArrayList<>();
        private final List<Cursor> cursors = new ArrayList<>();
        private Path spillDir;
        private long peakEventsInMemory;
        private int blocks;
        private final Iterator<GeneratedEvent> events;

        private GeneratedLog(GeneratorConfig config) {
            this.config = config;
            EnterpriseSimulator simulator = new EnterpriseSimulator(config);
            int n = config.enterprises();
            int block = config.blockSize();
            List<GeneratedEvent> inMemory = null;
            if (n > block) {
                // spilled blocks are read back with Avro's SpecificDatumReader, which must trust our packages
                AvroTrust.install();
            }
            try {
                for (int from = 0; from < n; from += block) {
                    blocks++;
                    List<GeneratedEvent> events = new ArrayList<>();
                    for (int i = from; i < Math.min(n, from + block); i++) {
                        EnterpriseSimulator.Simulated s = simulator.simulate(i);
                        calibration.add(s.truth());
                        events.addAll(s.events());
                    }
                    events.sort(ARRIVAL_ORDER);
                    peakEventsInMemory = Math.max(peakEventsInMemory, events.size());
                    if (n <= block) {
                        inMemory = events;
                    } else {
                        spills.add(spill(events));
                    }
                }
                Iterator<GeneratedEvent> merged = inMemory != null ? inMemory.iterator() : merge();
                this.events = new WindowShuffle(merged, config.shuffleWindow(),
                        new SplittableRandom(EnterpriseSimulator.mix(config.seed() ^ 0x5DEECE66DL)));
            } catch (IOException e) {
                close();
                throw new UncheckedIOException("cannot spill generated events: " + e.getMessage(), e);
            }
        }

        public GeneratorConfig config() {
            return config;
        }

        /** Statistics of the whole population, available before the first event is read. */
        public Calibration calibration() {
            return calibration;
        }

        /** Number of blocks of enterprises generated (more than one means the log was spilled to disk and merged). */
        public int blocks() {
            return blocks;
        }

        /** The temporary directory holding spilled blocks, if the log was spilled (deleted on close). */
        public java.util.Optional<Path> spillDirectory() {
            return java.util.Optional.ofNullable(spillDir);
        }

        /** Most events held in memory at once while generating, merging and shuffling. */
        public long peakEventsInMemory() {
            return Math.max(peakEventsInMemory, (long) spills.size() + config.shuffleWindow());
        }

        @Override
        public boolean hasNext() {
            return events.hasNext();
        }

        @Override
        public GeneratedEvent next() {
            return events.next();
        }

        @Override
        public void close() {
            if (events instanceof WindowShuffle w) {
                w.close();
            }
            try {
                for (Cursor c : cursors) {
                    c.in.close();
                }
                for (Path p : spills) {
                    Files.deleteIfExists(p);
                }
                if (spillDir != null) {
                    Files.deleteIfExists(spillDir);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete spill files in " + spillDir, e);
            }
        }

        private Path spill(List<GeneratedEvent> events) throws IOException {
            if (spillDir == null) {
                spillDir = Files.createTempDirectory("innopoints-generator-");
            }
            Path file = spillDir.resolve("block-" + spills.size() + ".bin");
            SpillCodec codec = new SpillCodec();
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
                for (GeneratedEvent e : events) {
                    codec.write(e, out);
                }
            }
            events.clear();
            return file;
        }

        private Iterator<GeneratedEvent> merge() throws IOException {
            PriorityQueue<Cursor> queue = new PriorityQueue<>((x, y) -> ARRIVAL_ORDER.compare(x.head, y.head));
            for (Path p : spills) {
                Cursor c = new Cursor(new DataInputStream(new BufferedInputStream(Files.newInputStream(p), 1 << 16)));
                cursors.add(c);
                if (c.advance()) {
                    queue.add(c);
                }
            }
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return !queue.isEmpty();
                }

                @Override
                public GeneratedEvent next() {
                    Cursor c = queue.poll();
                    if (c == null) {
                        throw new NoSuchElementException();
                    }
                    GeneratedEvent e = c.head;
                    if (c.advance()) {
                        queue.add(c);
                    }
                    return e;
                }
            };
        }

        /** Reads one spilled block back, one event at a time. */
        private static final class Cursor {
            private final DataInputStream in;
            private final SpillCodec codec = new SpillCodec();
            private GeneratedEvent head;

            Cursor(DataInputStream in) {
                this.in = in;
            }

            boolean advance() {
                try {
                    head = codec.read(in);
                    if (head == null) {
                        in.close();
                        return false;
                    }
                    return true;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read spilled events: " + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * Out-of-order arrival: holds up to {@code window} events and releases a random one for each new event, so an
     * event moves at most about {@code window} places from its arrival-time position.
     */
    private static final class WindowShuffle implements Iterator<GeneratedEvent> {
        private final Iterator<GeneratedEvent> source;
        private final int window;
        private final SplittableRandom random;
        private final List<GeneratedEvent> buffer = new ArrayList<>();

        WindowShuffle(Iterator<GeneratedEvent> source, int window, SplittableRandom random) {
            this.source = source;
            this.window = window;
            this.random = random;
        }

        @Override
        public boolean hasNext() {
            return !buffer.isEmpty() || source.hasNext();
        }

        @Override
        public GeneratedEvent next() {
            while (buffer.size() <= window && source.hasNext()) {
                buffer.add(source.next());
            }
            if (buffer.isEmpty()) {
                throw new NoSuchElementException();
            }
            int i = random.nextInt(buffer.size());
            GeneratedEvent chosen = buffer.get(i);
            GeneratedEvent last = buffer.remove(buffer.size() - 1);
            if (i < buffer.size()) {
                buffer.set(i, last);
            }
            return chosen;
        }

        void close() {
            buffer.clear();
        }
    }
}
