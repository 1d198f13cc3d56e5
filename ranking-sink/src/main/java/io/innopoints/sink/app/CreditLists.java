package io.innopoints.sink.app;

import io.innopoints.sink.consume.BatchListener;
import io.innopoints.sink.credit.CreditListTracker;
import io.innopoints.sink.publish.CreditEventRelay;
import io.innopoints.sink.store.AppliedBatch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the credit lists' publication on its own thread, off the consume loop: after a batch that changed scores was
 * committed (and once at start-up) it records each programme's entries and exits ({@link CreditListTracker}), and on
 * every tick it sends what the outbox holds ({@link CreditEventRelay}) — the first time only after reconciling the
 * outbox with the topic ({@link CreditEventRelay#reconcile}). A failure (database, broker) is logged and
 * retried on the next tick; nothing is skipped.
 */
final class CreditLists implements BatchListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CreditLists.class);
    /** Marks what a previous run published but could not mark sent; returns how many. */
    @FunctionalInterface
    interface Reconciler {
        int reconcile() throws Exception;
    }

    private final CreditListTracker tracker;
    private final CreditEventRelay relay;
    private final Reconciler reconciler;
    private boolean reconciled;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean dirty = new AtomicBoolean(true);
    private final Counter recorded;
    private final Counter sent;
    private final Counter failures;

    CreditLists(CreditListTracker tracker, CreditEventRelay relay, Reconciler reconciler, Clock clock,
                MeterRegistry metrics) {
        this.tracker = tracker;
        this.relay = relay;
        this.reconciler = reconciler;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ranking-sink-credit-lists");
            t.setDaemon(true);
            return t;
        });
        this.recorded = Counter.builder("innopoints_sink_credit_list_changes_total").tag("outcome", "recorded")
                .description("Credit-list entries and exits recorded in the outbox").register(metrics);
        this.sent = Counter.builder("innopoints_sink_credit_list_changes_total").tag("outcome", "sent")
                .description("Credit-list entries and exits acknowledged by the broker").register(metrics);
        this.failures = Counter.builder("innopoints_sink_credit_list_failures_total")
                .description("Credit-list refreshes or sends that failed and will be retried").register(metrics);
    }

    void start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void afterCommit(AppliedBatch batch) {
        if (!batch.scores().isEmpty()) {
            dirty.set(true);
        }
    }

    void tick() {
        try {
            if (dirty.getAndSet(false)) {
                try {
                    recorded.increment(tracker.refresh(clock.instant()));
                } catch (Exception e) {
                    dirty.set(true);
                    throw e;
                }
            }
            if (!reconciled) {
                // before anything is sent: what the previous run sent but could not mark is on the topic already
                int found = reconciler.reconcile();
                reconciled = true;
                if (found > 0) {
                    LOG.info("credit lists: {} changes sent by the previous run before it could mark them; not sent again",
                            found);
                }
            }
            sent.increment(relay.sendPending());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // a send that timed out may still have been written: check the topic again before the next send
            reconciled = false;
            failures.increment();
            LOG.warn("credit lists: {} (retried on the next tick)", e.toString());
        }
    }

    @Override
    public void close() {
        // let a running tick finish (an interrupted send would be sent again on the next start)
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
