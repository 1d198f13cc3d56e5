package io.innopoints.ingest.domain;

import io.innopoints.schemas.dlq.RejectSource;

/**
 * Where an input came from, for dead letters: the channel, the authenticated or declared provider, and for bulk
 * files the file name and 1-based line (for REST batches the 0-based index in the batch).
 */
public record Provenance(RejectSource source, String provider, String sourceFile, Long sourceLine) {
    public static Provenance rest(String provider, Long batchIndex) {
        return new Provenance(RejectSource.REST, provider, null, batchIndex);
    }

    public static Provenance file(String provider, String file, long line) {
        return new Provenance(RejectSource.BULK_FILE, provider, file, line);
    }
}
