package io.innopoints.stream.topology;

import io.innopoints.schemas.internal.EnterpriseProfile;
import io.innopoints.schemas.validation.Problem;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.stream.domain.Causes;
import io.innopoints.stream.domain.EnterpriseState;
import io.innopoints.stream.domain.PendingFacts;
import io.innopoints.stream.domain.ProfileBook;
import io.innopoints.stream.domain.ProfileStores;
import io.innopoints.stream.domain.StageMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.TaskMigratedException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The per-enterprise stage (task = input partition), once per enterprise per commit: takes what
 * {@link FoldProcessor} folded for the enterprise since the last commit ({@link PendingFacts}, handed over when Kafka
 * Streams flushes the per-commit table at the commit), writes the facts, evaluates the stored profile once with all
 * its causes and sends the enterprise's {@link StageMessage}s keyed by stage (the by-stage repartition re-keys
 * them). Stores: {@value ScoringTopology#PROFILE_STORE}, {@value ScoringTopology#UNSCORED_STORE},
 * {@value ScoringTopology#STATE_STORE}, {@value ScoringTopology#DUE_STORE},
 * {@value ScoringTopology#PENDING_FACTS_STORE}.
 *
 * <p>Catching up ({@link Backlog}): the commit writes the facts but defers the evaluation — the causes wait in the
 * changelogged unscored store, written in the same commit, so a restart still owes them — and a sweep over the
 * unscored enterprises evaluates each once, when the backlog is gone or at the latest one catch-up publish interval
 * (or four times the previous sweep's duration, when longer) after the previous sweep ended, unless the backlog is
 * expected to be gone within another publish interval. An enterprise's events of a whole catch-up are thus evaluated, ranked and
 * published once or a few times instead of once per commit.
 *
 * <p>Punctuators: stream time re-evaluates enterprises whose next TIME edge passed; wall-clock time (every
 * {@value #PACE_MS} ms) runs one chunk of the sweep or of a rescore after ACTIVATE (enterprises last scored under
 * another model), each small enough to keep a commit short, and none while the instance's rank stage is behind
 * ({@link Backlog#rankingBehind()}): the rank tasks sharing the stream thread get to work off what was sent. A
 * processing error becomes a dead letter naming the enterprise and its causes.
 */
final class ProfileProcessor implements Processor<byte[], String, String, Object> {
    private static final int DUE_BATCH = 10_000;
    /** Enterprises rescored or evaluated per punctuation at most, run as often as the loop allows. */
    static final int CHUNK = 1_000;
    /** A chunk stops after this many milliseconds once it did {@value #MIN_CHUNK} enterprises. */
    static final long CHUNK_MS = 50;
    static final int MIN_CHUNK = 100;
    /** Chunks run at most this long between two commits they ask for. */
    static final long CHUNK_COMMIT_MS = 1_000;
    static final long PACE_MS = 10;
    /** A catch-up pauses at least this many times the last sweep's duration between two sweeps. */
    static final long SWEEP_SHARE = 4;
    /** The rank stage's lag is sampled: a sweep counts as drained no sooner than this after its last chunk. */
    static final long DRAIN_SETTLE_MS = 1_000;
    private final String app;
    private final ScoringModel model;
    private final ScoringSerdes serdes;
    private final Duration timeCheck;
    private final Backlog backlog;
    private final long catchUpPublishMs;
    private final BulkWork bulkWork;
    private ProcessorContext<String, Object> context;
    private ProfileBook book;
    private long lastTimestamp;
    private Models models;
    private KeyValueStore<String, EnterpriseState> states;
    private OwedCauses owed;
    private PendingStore<String, PendingFacts> pending;
    /** The per-commit table that hands the touches over ({@link PerCommit}); its flushed entries are dropped. */
    private KeyValueStore<byte[], ?> touchedTable;
    private ProfileFactStore profiles;
    /** Next credit code of a running model rescore; null when none is running. */
    private String rescoreFrom;
    /** Next credit code of a running sweep over the unscored enterprises; null when none is running. */
    private String sweepFrom;
    /** Wall-clock end of the last sweep (a catch-up sweeps again one {@link #sweepPause()} later). */
    private long lastSweepEndMs;
    /** Wall-clock start of the running sweep, and how long the last one took. */
    private long sweepStartMs;
    private long lastSweepMs;
    /** Shared with the task's fold: the decoded facts, and whether anything may be owed. */
    private ProfileMemory memory;
    /** {@link ProfileMemory#sweepStarts()} when the running sweep started. */
    private long sweepMark;
    /** Whether the running sweep found any unscored enterprise. */
    private boolean sweepFound;
    /** When chunks last asked for a commit ({@link System#nanoTime()}). */
    private long lastChunkCommitNanos = System.nanoTime();
    /** A catch-up sweep has sent its last chunk and the rank stage has not yet drained what it sent. */
    private boolean sweepDraining;

    ProfileProcessor(ScoringSerdes serdes, ScoringModel model, ScoringTopology.Options options, BulkWork bulkWork) {
        this.bulkWork = bulkWork;
        this.app = options.applicationId();
        this.serdes = serdes;
        this.model = model;
        this.timeCheck = options.timeCheckInterval();
        this.backlog = options.backlog();
        this.catchUpPublishMs = options.catchUpPublishInterval().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        memory = context.getStateStore(ScoringTopology.PROFILE_MEMORY);
        profiles = new ProfileFactStore(context.getStateStore(ScoringTopology.PROFILE_STORE), serdes, app,
                memory.recent());
        pending = context.getStateStore(ScoringTopology.PENDING_FACTS_STORE);
        touchedTable = context.getStateStore(ScoringTopology.TOUCHED_ENTERPRISES);
        states = context.getStateStore(ScoringTopology.STATE_STORE);
        owed = new OwedCauses(context.getStateStore(ScoringTopology.UNSCORED_STORE));
        models = new Models(model, context.getStateStore(ScoringTopology.MODELS_STORE));
        KeyValueStore<String, String> due = context.getStateStore(ScoringTopology.DUE_STORE);
        ProfileStores stores = new ProfileStores() {
            @Override
            public EnterpriseProfile profile(String creditCode) {
                return profiles.load(creditCode);
            }

            @Override
            public EnterpriseState state(String creditCode) {
                return states.get(creditCode);
            }

            @Override
            public void putState(String creditCode, EnterpriseState state) {
                // an evaluation saw every fact stored: those read later are the causes of the next
                states.put(creditCode, state.withScoredThrough(profiles.through(creditCode)));
            }

            @Override
            public void addDue(long atMs, String creditCode) {
                due.put(dueKey(atMs, creditCode), creditCode);
            }

            @Override
            public void removeDue(long atMs, String creditCode) {
                due.put(dueKey(atMs, creditCode), null); // a delete without reading the old value first
            }

            @Override
            public List<Due> due(long untilMs, int limit) {
                List<Due> out = new ArrayList<>();
                try (KeyValueIterator<String, String> it = due.range(dueKey(0, ""), dueKey(untilMs, "~"))) {
                    while (it.hasNext() && out.size() < limit) {
                        KeyValue<String, String> kv = it.next();
                        out.add(new Due(Long.parseLong(kv.key.substring(0, 16)), kv.value));
                    }
                }
                return out;
            }
        };
        book = new ProfileBook(models.official(), stores, this::send);
        // enterprises last scored under another model (a restart during a rescore) are rescored from the start, and
        // those left unscored before a restart are swept as soon as the backlog allows
        rescoreFrom = "";
        if (!owed.any()) {
            // nothing deferred before the restart: no evaluation looks its enterprise up in the unscored store (which
            // after a national catch-up holds millions of tombstones: a lookup per enterprise stalled a restart
            // for minutes)
            memory.owesNothing();
        }
        lastSweepEndMs = context.currentSystemTimeMs();
        context.schedule(timeCheck, PunctuationType.STREAM_TIME, this::onStreamTime);
        context.schedule(Duration.ofMillis(PACE_MS), PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
    }

    /** Zero-padded epoch millis ‖ credit code: string order is time order. */
    static String dueKey(long atMs, String creditCode) {
        if (atMs < 0) {
            return String.format("%016d|%s", atMs, creditCode);
        }
        // by hand: String.format was 4 % of the stream threads during a sweep (every evaluation moves its due entry)
        String digits = Long.toString(atMs);
        StringBuilder key = new StringBuilder(17 + creditCode.length());
        for (int i = digits.length(); i < 16; i++) {
            key.append('0');
        }
        return key.append(digits).append('|').append(creditCode).toString();
    }

    private void send(StageMessage message) {
        context.forward(new Record<>(message.stage(), message, lastTimestamp));
    }

    @Override
    public void process(Record<byte[], String> touched) {
        String code = touched.value();
        PerCommit.forget(touchedTable, touched.key());
        PendingFacts folded = pending.take(code);
        if (folded == null) {
            return; // already handed over (the touch was evicted from the record cache before the commit)
        }
        checkModel();
        lastTimestamp = touched.timestamp();
        if (backlog.catchingUp()) {
            // owed before the facts change (the order the changelogs get them in, for at-least-once); the causes are
            // the facts' origins
            owed.owe(code);
            profiles.apply(code, folded.writes(), folded::received, folded::origin);
            memory.deferred();
            return;
        }
        OwedCauses.Owed earlier = memory.mayOwe() ? owed.of(code) : null;
        List<String> before = earlier == null ? null : causesOf(earlier); // this commit's facts not yet written
        profiles.apply(code, folded.writes(), folded::received, folded::origin);
        evaluate(code, Causes.merge(before, folded.causes()), earlier, context.currentStreamTimeMs(),
                touched.timestamp());
    }

    /**
     * The causes of an owed evaluation: the eventIds of the enterprise's facts read after its last evaluation
     * (eventId order), after those an earlier layout's entries held.
     */
    private List<String> causesOf(OwedCauses.Owed owed) {
        String code = owed.creditCode();
        EnterpriseState state = states.get(code);
        return Causes.merge(owed.legacyCauses(),
                profiles.causesAfter(code, state == null ? null : state.scoredThrough()));
    }

    /**
     * Evaluates an enterprise, taking what it was owed ({@code earlier}, null when nothing) off the unscored store;
     * a failure becomes a dead letter.
     */
    private void evaluate(String code, List<String> causes, OwedCauses.Owed earlier, long asOf, long timestamp) {
        if (earlier != null) {
            owed.clear(earlier);
        }
        try {
            book.onChanged(code, causes, asOf);
        } catch (TaskMigratedException e) {
            throw e; // fenced: the task moves on, nothing of this transaction counts; not a bad record
        } catch (RuntimeException e) {
            String reason = "processing failed: " + e.getClass().getSimpleName() + ": " + DeadLetters.describe(e)
                    + " (causes " + causes + ")";
            context.forward(new Record<>(code, DeadLetters.of(app, context.recordMetadata(), timestamp,
                    null, causes.isEmpty() ? null : causes.get(causes.size() - 1), null, null, null,
                    DeadLetters.PROCESSING,
                    reason, List.of(new Problem("$", reason)), System.currentTimeMillis()), timestamp));
        }
    }

    /** Owed an evaluation by this commit or by a sweep: a TIME edge or a rescore leaves it to that. */
    private boolean waiting(String code) {
        return pending.contains(code) || memory.mayOwe() && owed.of(code) != null;
    }

    private void onWallClock(long wallClockMs) {
        checkModel();
        long asOf = context.currentStreamTimeMs();
        if (asOf < 0) {
            return;
        }
        lastTimestamp = asOf;
        if (sweepDraining && wallClockMs - lastSweepEndMs >= DRAIN_SETTLE_MS && !backlog.rankingBehind()) {
            // a sweep costs until the rank stage ranked what it sent: that is what the pause is a multiple of
            sweepDraining = false;
            lastSweepEndMs = wallClockMs;
            lastSweepMs = wallClockMs - sweepStartMs;
        }
        if (sweepFrom == null && memory.mayOwe() && (!backlog.catchingUp()
                || !sweepDraining && wallClockMs - lastSweepEndMs >= sweepPause() && !endsWithinInterval())) {
            sweepFrom = "";
            sweepMark = memory.sweepStarts();
            sweepStartMs = wallClockMs;
            sweepDraining = false;
        }
        if (sweepFrom != null) {
            sweepChunk(asOf, wallClockMs);
        } else if (rescoreFrom != null) {
            rescoreChunk(asOf);
        }
        reportBulk();
    }

    /** Tells the instance's rank tasks whether this task runs a sweep or a rescore ({@link BulkWork}). */
    private void reportBulk() {
        bulkWork.running(context.taskId(), sweepFrom != null || rescoreFrom != null);
    }

    @Override
    public void close() {
        bulkWork.running(context.taskId(), false);
    }

    /**
     * Whether the catch-up is expected to end within one publish interval ({@link Backlog#millisToCaughtUp()}): its
     * end's sweep then comes about as soon as the next would, and a sweep in between evaluated and ranked the
     * population once more (two fifths of a national catch-up). Asked again at every punctuation, so a catch-up that
     * slows down gets its sweep after all.
     */
    private boolean endsWithinInterval() {
        return backlog.millisToCaughtUp() <= catchUpPublishMs;
    }

    /**
     * How long a catch-up waits after a sweep before the next: the publish interval, or {@value #SWEEP_SHARE} times
     * the last sweep's duration (until the rank stage drained it) when that is longer, so sweeps take at most a fifth
     * of a long catch-up (at national scale one sweep evaluates and ranks hundreds of thousands of enterprises).
     */
    private long sweepPause() {
        return Math.max(catchUpPublishMs, SWEEP_SHARE * lastSweepMs);
    }

    /**
     * Evaluates the next chunk of unscored enterprises (kind DATA, their causes) — unless the rank stage has a
     * backlog of stage messages: ranking costs more than evaluating, and a sweep running flat out kept the rank tasks
     * sharing its stream thread from their input (see {@link #rescoreChunk}).
     */
    private void sweepChunk(long asOf, long wallClockMs) {
        if (backlog.rankingBehind()) {
            return; // the next punctuation tries again
        }
        List<OwedCauses.Owed> range = new ArrayList<>();
        String next = owed.chunk(sweepFrom, CHUNK, range);
        sweepFound |= !range.isEmpty();
        Budget budget = new Budget();
        for (int i = 0; i < range.size(); i++) {
            OwedCauses.Owed one = range.get(i);
            if (budget.spent(i)) {
                next = one.creditCode();
                break;
            }
            if (!pending.contains(one.creditCode())) {
                // a pending one is evaluated (or deferred again, causes kept) by this commit's flush
                evaluate(one.creditCode(), causesOf(one), one, asOf, asOf);
            }
        }
        sweepFrom = next;
        commitChunks(); // a sweep never makes a transaction long enough to time out
        if (sweepFrom == null) {
            lastSweepEndMs = wallClockMs;
            lastSweepMs = wallClockMs - sweepStartMs;
            sweepDraining = backlog.catchingUp(); // the end counts once the rank stage drained it (above)
            memory.sweptAll(sweepMark, sweepFound); // another sweep confirms nothing is left
            sweepFound = false;
        }
    }

    /**
     * Reads up to {@value #CHUNK} entries of {@code store} from key {@code from} on into {@code out} (read first,
     * written after: no store write while its iterator is open); returns the key to go on from, null at the end.
     */
    private static <V> String readChunk(KeyValueStore<String, V> store, String from,
                                        List<KeyValue<String, V>> out) {
        try (KeyValueIterator<String, V> it = store.range(from, null)) {
            while (it.hasNext() && out.size() < CHUNK) {
                out.add(it.next());
            }
            return it.hasNext() ? out.get(out.size() - 1).key + "\u0000" : null;
        }
    }

    /**
     * A chunk's time: it ends after {@value #CHUNK_MS} ms once it did {@value #MIN_CHUNK} enterprises, so the tasks
     * sharing the stream thread get their turn often (at national scale 1,000 evaluations took about a second).
     */
    private static final class Budget {
        private final long start = System.nanoTime();

        boolean spent(int done) {
            return done >= MIN_CHUNK && System.nanoTime() - start > CHUNK_MS * 1_000_000;
        }
    }

    /** Switches to a newly activated official model and starts rescoring everyone (kind MODEL). */
    private void checkModel() {
        ScoringModel official = models.official();
        if (!official.key().equals(book.model().key())) {
            book.model(official);
            rescoreFrom = "";
        }
        ScoringModel candidate = models.shadow().orElse(null);
        String now = candidate == null ? null : candidate.key();
        String before = book.shadow() == null ? null : book.shadow().key();
        if (!Objects.equals(now, before)) {
            book.shadow(candidate);
            rescoreFrom = "";
        }
    }

    /**
     * Rescores the next chunk of enterprises not yet scored under the official model — unless the rank stage has a
     * backlog of stage messages: a chunk takes a stream thread far longer than the records between two punctuations,
     * so rescoring flat out starved the rank tasks sharing the thread (at 100,000 enterprises their by-stage lag grew
     * to 91,000 and nothing was published for the first 10 s of an ACTIVATE).
     */
    private void rescoreChunk(long asOf) {
        if (backlog.rankingBehind()) {
            return; // the next punctuation tries again
        }
        String key = book.model().key();
        String shadowKey = book.shadow() == null ? null : book.shadow().key();
        List<KeyValue<String, EnterpriseState>> range = new ArrayList<>();
        String next = readChunk(states, rescoreFrom, range);
        Budget budget = new Budget();
        int done = 0;
        for (KeyValue<String, EnterpriseState> kv : range) {
            if (budget.spent(done)) {
                next = kv.key;
                break;
            }
            boolean official = !key.equals(kv.value.modelKey());
            if (!official && Objects.equals(shadowKey, kv.value.shadowKey())) {
                continue; // scored under both models already (asked first: the lookup in waiting() costs)
            }
            if (waiting(kv.key)) {
                continue; // evaluated under the current model by its commit or by the sweep anyway
            }
            if (official) {
                book.rescore(kv.key, kv.value, asOf);
            } else {
                book.shadowRescore(kv.key, asOf);
            }
            done++;
        }
        rescoreFrom = next;
        if (done > 0) {
            commitChunks();
        }
    }

    /**
     * Asks for a commit once chunks of a sweep or rescore have run for {@value #CHUNK_COMMIT_MS} ms since the last
     * request: however long the commit interval, no transaction holds more than about that much of them. (A commit
     * after every chunk made the national rescore commit 20 times a second per thread, each an exactly-once
     * transaction with its round trips.)
     */
    private void commitChunks() {
        long now = System.nanoTime();
        if (now - lastChunkCommitNanos >= CHUNK_COMMIT_MS * 1_000_000) {
            lastChunkCommitNanos = now;
            context.commit();
        }
    }

    private void onStreamTime(long streamTime) {
        lastTimestamp = streamTime;
        checkModel();
        if (rescoreFrom != null) {
            rescoreChunk(streamTime);
        }
        while (book.onTime(streamTime, DUE_BATCH, this::waiting) == DUE_BATCH) {
            // keep going: a large backlog of due enterprises is drained in batches within this punctuation
        }
        reportBulk();
    }
}
