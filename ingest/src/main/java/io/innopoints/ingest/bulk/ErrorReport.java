package io.innopoints.ingest.bulk;

import io.innopoints.schemas.json.AvroCsv;
import io.innopoints.schemas.validation.Problem;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The bulk loader's error report: a CSV file with one row per problem ({@code line,eventId,field,reason}).
 * A resumed load truncates it to the length recorded in the checkpoint, so no row appears twice.
 */
public final class ErrorReport implements AutoCloseable {
    private final FileChannel channel;
    private final Writer writer;

    private ErrorReport(FileChannel channel) {
        this.channel = channel;
        OutputStream out = java.nio.channels.Channels.newOutputStream(channel);
        this.writer = new java.io.BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }

    /** Opens the report: a new file with a header, or an existing one truncated to {@code keepBytes}. */
    public static ErrorReport open(Path path, long keepBytes) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        if (keepBytes > 0 && Files.size(path) >= keepBytes) {
            channel.truncate(keepBytes);
            channel.position(keepBytes);
            return new ErrorReport(channel);
        }
        channel.truncate(0);
        ErrorReport report = new ErrorReport(channel);
        report.writer.write(AvroCsv.formatRow(List.of("line", "eventId", "field", "reason")));
        return report;
    }

    public void add(long line, String eventId, List<Problem> problems) throws IOException {
        for (Problem p : problems) {
            writer.write(AvroCsv.formatRow(java.util.Arrays.asList(Long.toString(line), eventId, p.field(), p.reason())));
        }
    }

    /** Flushes to the file system and returns the report's length, to be recorded in the checkpoint. */
    public long sync() throws IOException {
        writer.flush();
        channel.force(false);
        return channel.position();
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
