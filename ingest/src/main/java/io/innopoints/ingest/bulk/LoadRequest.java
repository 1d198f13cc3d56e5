package io.innopoints.ingest.bulk;

import io.innopoints.schemas.topic.EventType;
import java.nio.file.Path;

/**
 * What to load: the event type and file; the provider the records must name (null = take each record's own);
 * where to keep the checkpoint and the error report; records per acknowledged batch; and whether to ignore an
 * existing checkpoint and start over.
 */
public record LoadRequest(EventType type, Path file, String provider, Path checkpoint, Path errorReport, int batchSize,
                          boolean restart) {
    public static Path defaultCheckpoint(Path file) {
        return file.resolveSibling(file.getFileName() + ".checkpoint.json");
    }

    public static Path defaultErrorReport(Path file) {
        return file.resolveSibling(file.getFileName() + ".errors.csv");
    }
}
