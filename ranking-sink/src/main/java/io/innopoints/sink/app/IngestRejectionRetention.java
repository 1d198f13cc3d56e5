package io.innopoints.sink.app;

import io.innopoints.sink.store.IngestRejections;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retention of ingest's dead letters ({@code ingest.rejections.retention.days}): at start-up and then every
 * {@link #INTERVAL} on its own thread, deletes those rejected more than the retention ago. A database error is
 * logged and retried at the next run: pruning is housekeeping, it never stops the sink.
 */
final class IngestRejectionRetention implements AutoCloseable {
    static final Duration INTERVAL = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(IngestRejectionRetention.class);

    private final DataSource dataSource;
    private final Duration retention;
    private final Clock clock;
    private ScheduledExecutorService scheduler;

    IngestRejectionRetention(DataSource dataSource, int days, Clock clock) {
        if (days < 1) {
            throw new IllegalArgumentException("a retention is at least one day, got " + days);
        }
        this.dataSource = dataSource;
        this.retention = Duration.ofDays(days);
        this.clock = clock;
    }

    /** Deletes what is older than the retention now; the number deleted. */
    int pruneNow() throws SQLException {
        Instant cutoff = clock.instant().minus(retention);
        int deleted = IngestRejections.deleteRejectedBefore(dataSource, cutoff);
        if (deleted > 0) {
            LOG.info("deleted {} ingest dead letters rejected before {}", deleted, cutoff);
        }
        return deleted;
    }

    void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ranking-sink-ingest-rejection-retention");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                pruneNow();
            } catch (SQLException | RuntimeException e) {
                LOG.warn("pruning ingest dead letters failed; retried in {}: {}", INTERVAL, e.toString());
            }
        }, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
