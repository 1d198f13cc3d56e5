package io.innopoints.ingest.domain;

import io.innopoints.schemas.dlq.RejectSource;

/**
 * Where an input came from, for dead letters: the channel, the authenticated or declared provider, and for bulk
 * files the file name, the 1-based line and the load run's id (for REST batches the 0-based index in the batch).
 */
public record Provenance(RejectSource source, String provider, String sourceFile, Long sourceLine, String loadId) {
    public static Provenance rest(String provider, Long batchIndex) {
        return new Provenance(RejectSource.REST, provider, null, batchIndex, null);
    }

    /** A line of a bulk file loaded by the run {@code loadId}. */
    public static Provenance file(String provider, String file, long line, String loadId) {
        return new Provenance(RejectSource.BULK_FILE, provider, file, line, loadId);
    }
}
