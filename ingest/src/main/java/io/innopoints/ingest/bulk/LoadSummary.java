package io.innopoints.ingest.bulk;

import java.time.Duration;

/**
 * The result of a bulk load over all its runs: records accepted (new in Kafka), duplicates (eventIds already
 * accepted earlier in the load), rejected (dead-lettered, listed in the error report); {@code resumedAfterLine} is
 * the checkpoint line this run started after (0 for a fresh load); {@code sentThisRun} what this run published.
 */
public record LoadSummary(long accepted, long duplicates, long rejected, long resumedAfterLine, long sentThisRun,
                          boolean alreadyComplete, Duration elapsed) {
    public long total() {
        return accepted + duplicates + rejected;
    }

    /** 0 when everything was accepted, 1 when anything was rejected. */
    public int exitCode() {
        return rejected > 0 ? 1 : 0;
    }

    public String describe() {
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        return String.format("%d records: %d accepted, %d duplicates, %d rejected%s; %d sent in this run in %.1f s (%.0f records/s)%s",
                total(), accepted, duplicates, rejected,
                resumedAfterLine > 0 ? "; resumed after line " + resumedAfterLine : "",
                sentThisRun, seconds, sentThisRun / seconds,
                alreadyComplete ? " (the load was already complete; nothing re-sent)" : "");
    }
}
