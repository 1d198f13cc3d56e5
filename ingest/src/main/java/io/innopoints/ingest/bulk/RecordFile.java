package io.innopoints.ingest.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import io.innopoints.schemas.json.AvroCsv;
import io.innopoints.schemas.json.AvroJson;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.validation.Validated;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.avro.specific.SpecificRecord;

/**
 * Streams the records of a bulk file one at a time (constant memory): JSONL (one JSON object per line, blank lines
 * ignored) or CSV (header row of field names, via {@link AvroCsv}), chosen by the file extension. Counts the bytes
 * read for progress reporting.
 */
final class RecordFile implements Iterator<SourceRecord>, Closeable {
    private final CountingStream counting;
    private final Iterator<SourceRecord> rows;
    private final Closeable closeable;

    private RecordFile(CountingStream counting, Iterator<SourceRecord> rows, Closeable closeable) {
        this.counting = counting;
        this.rows = rows;
        this.closeable = closeable;
    }

    /** Opens a file; a CSV file with an unusable header yields one invalid record for line 1 and ends. */
    static RecordFile open(Path file, EventType type) throws IOException {
        return open(file, type, 0, DEFAULT_MAX_LINE_CHARS);
    }

    /** Longest JSONL line read into memory; longer lines are rejected without being held. */
    static final int DEFAULT_MAX_LINE_CHARS = 1 << 20;

    /**
     * Opens a file; JSONL lines up to {@code skipThrough} are read past without parsing (a resumed load), and JSONL
     * lines longer than {@code maxLineChars} become a rejected record instead of a memory hazard.
     */
    static RecordFile open(Path file, EventType type, long skipThrough, int maxLineChars) throws IOException {
        CountingStream counting = new CountingStream(Files.newInputStream(file));
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        BufferedReader reader = new BufferedReader(new InputStreamReader(counting, decoder), 1 << 16);
        String name = file.getFileName().toString().toLowerCase();
        if (name.endsWith(".csv")) {
            Validated<? extends AvroCsv.RowReader<? extends SpecificRecord>> opened = AvroCsv.reader(reader, type.recordClass());
            if (!opened.isOk()) {
                reader.close();
                SourceRecord header = new SourceRecord(1, Validated.invalid(opened.problems()), null, null);
                return new RecordFile(counting, java.util.List.of(header).iterator(), () -> { });
            }
            AvroCsv.RowReader<? extends SpecificRecord> rows = opened.value();
            Iterator<SourceRecord> mapped = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public SourceRecord next() {
                    AvroCsv.Row<? extends SpecificRecord> row = rows.next();
                    return new SourceRecord(row.line(), row.record(), null, null);
                }
            };
            return new RecordFile(counting, mapped, rows);
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return new RecordFile(counting, new JsonLines(reader, type, skipThrough, maxLineChars), reader);
        }
        reader.close();
        throw new IllegalArgumentException("unsupported file type " + file.getFileName()
                + ": expected .csv or .jsonl (one JSON object per line)");
    }

    long bytesRead() {
        return counting.count;
    }

    @Override
    public boolean hasNext() {
        return rows.hasNext();
    }

    @Override
    public SourceRecord next() {
        return rows.next();
    }

    @Override
    public void close() throws IOException {
        closeable.close();
    }

    /** JSON Lines: each non-blank physical line is one event. */
    private static final class JsonLines implements Iterator<SourceRecord> {
        private final BufferedReader reader;
        private final EventType type;
        private final long skipThrough;
        private final int maxLineChars;
        private final StringBuilder buffer = new StringBuilder();
        private long line;
        private SourceRecord next;

        JsonLines(BufferedReader reader, EventType type, long skipThrough, int maxLineChars) {
            this.reader = reader;
            this.type = type;
            this.skipThrough = skipThrough;
            this.maxLineChars = maxLineChars;
        }

        /** The next line (without its terminator), null at the end; a line beyond the limit is drained and flagged. */
        private String readLine() throws IOException {
            buffer.setLength(0);
            boolean tooLong = false;
            int c;
            while ((c = reader.read()) >= 0) {
                if (c == '\n') {
                    break;
                }
                if (c == '\r') {
                    reader.mark(1);
                    if (reader.read() != '\n') {
                        reader.reset();
                    }
                    break;
                }
                if (buffer.length() < maxLineChars) {
                    buffer.append((char) c);
                } else {
                    tooLong = true;
                }
            }
            if (c < 0 && buffer.length() == 0 && !tooLong) {
                return null;
            }
            return tooLong ? TOO_LONG : buffer.toString();
        }

        private static final String TOO_LONG = new String("\u0000too-long");

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            try {
                String text;
                while ((text = readLine()) != null) {
                    line++;
                    if (line <= skipThrough) {
                        continue;
                    }
                    if (text == TOO_LONG) {
                        next = new SourceRecord(line, Validated.invalid("$", "line is longer than " + maxLineChars
                                + " characters; one event per line is expected"), null, null);
                        return true;
                    }
                    if (line == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
                        text = text.substring(1);
                    }
                    if (text.isBlank()) {
                        continue;
                    }
                    byte[] original = text.getBytes(StandardCharsets.UTF_8);
                    Validated<JsonNode> parsed = AvroJson.parse(text);
                    if (!parsed.isOk()) {
                        next = new SourceRecord(line, Validated.invalid(parsed.problems()), null, original);
                    } else {
                        next = new SourceRecord(line, AvroJson.read(parsed.value(), type.recordClass()), parsed.value(), original);
                    }
                    return true;
                }
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public SourceRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            SourceRecord r = next;
            next = null;
            return r;
        }
    }

    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
