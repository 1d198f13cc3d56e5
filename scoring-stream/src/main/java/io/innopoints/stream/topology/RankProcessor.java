package io.innopoints.stream.topology;

import io.innopoints.schemas.score.EnterpriseScore;
import io.innopoints.schemas.score.Leaderboard;
import io.innopoints.schemas.score.ModelShadowDiff;
import io.innopoints.schemas.score.RankingChange;
import io.innopoints.schemas.validation.Problem;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.stream.domain.BoardState;
import io.innopoints.stream.domain.BoardStore;
import io.innopoints.stream.domain.HandoverStore;
import io.innopoints.stream.domain.InternalCodec;
import io.innopoints.stream.domain.Member;
import io.innopoints.stream.domain.MemberStore;
import io.innopoints.stream.domain.RippleStep;
import io.innopoints.stream.domain.Outputs;
import io.innopoints.stream.domain.ShadowBook;
import io.innopoints.stream.domain.StageBook;
import io.innopoints.stream.domain.StageInbox;
import io.innopoints.stream.domain.StageMessage;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.errors.TaskMigratedException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The per-stage rank stage (task = by-stage partition), once per stage per commit: applies the {@link StageMessage}s
 * {@link RankIntakeProcessor} collected since the last commit ({@link StageInbox}: one per enterprise where they
 * collapse) to the {@link StageBook}
 * over {@value ScoringTopology#MEMBER_STORE}, {@value ScoringTopology#COHORT_STORE} and
 * {@value ScoringTopology#HANDOVER_STORE}, whose indexes it rebuilds on init. Punctuators: the cohort-percentile ripple
 * every ripple interval of stream time and of wall-clock time (not while the instance catches up or its rank stage
 * has a backlog of stage messages, {@link Backlog#rankingBehind()}), the
 * coalesced leaderboards every commit interval of wall-clock time. Outputs are keyed by credit code (scores,
 * changes, dead letters) or cohort id (leaderboards, shadow diffs); HANDOVERs go back to the by-stage topic keyed by
 * their new stage.
 */
final class RankProcessor implements Processor<String, String, String, Object> {
    /** Beyond this distance between wall-clock and stream time the input is a backlog being caught up. */
    static final long CATCH_UP_LAG_MS = 60_000;
    /** Republications per ripple step at most (one step per ripple or leaderboard punctuation). */
    static final int RIPPLE_CHUNK = 2_000;
    /** Members a ripple step checks at most (a national cohort's round goes on over several steps). */
    static final int RIPPLE_CHECKS = 100_000;
    /**
     * Held members are released this long after the instance's last bulk pass was seen running: the pass's last
     * chunks are still on their way to the rank tasks when it ends (a chunk is committed within about a second), and
     * members ranked after the release moved the distributions under those it had just published — the ripple then
     * republished a quarter of a 20,000-enterprise catch-up.
     */
    static final long RELEASE_SETTLE_MS = 2_000;
    /** Members kept decoded per store (official and shadow): all of a zone's, the busiest of a nation's. */
    static final int MEMBER_CACHE = 10_000;
    private final String app;
    private final ScoringModel model;
    private final Duration rippleInterval;
    private final Duration boardInterval;
    private final Backlog backlog;
    /** Ripple republications allowed while stage messages keep arriving (shared by the instance's rank tasks). */
    private final RippleBudget rippleBudget;
    /** Sweeps and rescores running on this instance's profile tasks (the ripple waits for them). */
    private final BulkWork bulkWork;
    private ProcessorContext<String, Object> context;
    private StageBook book;
    private long timestamp;
    private long messagesSinceRipple;
    private long lastRippleWallMs = Long.MIN_VALUE / 2;
    /** Wall-clock time this task last saw a bulk pass of its instance running ({@link BulkWork}). */
    private long lastBulkMs = Long.MIN_VALUE / 2;
    private Models models;
    private ScoringModel official;
    private ShadowBook shadow;
    private String candidateKey;
    private CachedMemberStore shadowMembers;
    private PendingStore<String, StageInbox> inboxes;

    /** Follows an ACTIVATE: ranks, tiers and top-N use the new official model from now on. */
    private void checkModel() {
        ScoringModel now = models.official();
        if (!now.key().equals(official.key())) {
            official = now;
            book.official(now);
        }
        String candidate = models.shadow().map(ScoringModel::key).orElse(null);
        if (candidateKey != null && candidate == null) {
            // STOP_SHADOW: drop the candidate's members
            shadowMembers.deleteAll();
            shadow.rebuild();
        }
        candidateKey = candidate;
    }

    RankProcessor(String app, ScoringModel model, Duration rippleInterval, Duration boardInterval, Backlog backlog,
                  RippleBudget rippleBudget, BulkWork bulkWork) {
        this.rippleBudget = rippleBudget;
        this.bulkWork = bulkWork;
        this.app = app;
        this.backlog = backlog;
        this.model = model;
        this.rippleInterval = rippleInterval;
        this.boardInterval = boardInterval;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        inboxes = context.getStateStore(ScoringTopology.PENDING_STAGE_STORE);
        KeyValueStore<String, Member> memberStore = context.getStateStore(ScoringTopology.MEMBER_STORE);
        KeyValueStore<String, BoardState> boardStore = context.getStateStore(ScoringTopology.COHORT_STORE);
        MemberStore members = new CachedMemberStore(memberStore, MEMBER_CACHE);
        KeyValueStore<String, Member> shadowStore = context.getStateStore(ScoringTopology.SHADOW_MEMBER_STORE);
        shadowMembers = new CachedMemberStore(shadowStore, MEMBER_CACHE);
        KeyValueStore<String, StageMessage> handoverStore = context.getStateStore(ScoringTopology.HANDOVER_STORE);
        HandoverStore handovers = new HandoverStore() {
            @Override
            public StageMessage get(String stage, String creditCode, long seq) {
                return handoverStore.get(handoverKey(stage, creditCode, seq));
            }

            @Override
            public void put(long seq, StageMessage note) {
                handoverStore.put(handoverKey(note.stage(), note.creditCode(), seq), note);
            }

            @Override
            public void delete(String stage, String creditCode, long seq) {
                handoverStore.put(handoverKey(stage, creditCode, seq), null); // no read of the old value
            }
        };
        BoardStore boards = new BoardStore() {
            @Override
            public BoardState get(String cohortId) {
                return boardStore.get(cohortId);
            }

            @Override
            public void put(String cohortId, BoardState state) {
                boardStore.put(cohortId, state);
            }
        };
        Outputs outputs = new Outputs() {
            @Override
            public void score(EnterpriseScore score) {
                context.forward(new Record<>(score.getCreditCode(), score, timestamp));
            }

            @Override
            public void change(RankingChange change) {
                context.forward(new Record<>(change.getCreditCode(), change, timestamp));
            }

            @Override
            public void leaderboard(Leaderboard board) {
                context.forward(new Record<>(board.getCohortId(), board, timestamp));
            }

            @Override
            public void shadowDiff(ModelShadowDiff diff) {
                context.forward(new Record<>(diff.getCohortId(), diff, timestamp));
            }

            @Override
            public void handover(StageMessage.Handover handover) {
                context.forward(new Record<>(handover.stage(), handover, timestamp));
            }
        };
        models = new Models(model, context.getStateStore(ScoringTopology.MODELS_STORE));
        official = models.official();
        book = new StageBook(official, models::byKey, members, handovers, boards, outputs);
        shadow = new ShadowBook(shadowMembers, models::byKey, outputs);
        candidateKey = models.shadow().map(ScoringModel::key).orElse(null);
        // the stores are the truth; the indexes are a cache rebuilt here (also after a restore or a rebalance)
        book.rebuild();
        shadow.rebuild();
        context.schedule(rippleInterval, PunctuationType.STREAM_TIME, t -> {
            // live input (stream time close to wall-clock time): ripple per interval of stream time
            if (!rippleHeld() && !streamTimeBehind()) {
                ripple(t);
            }
        });
        context.schedule(rippleInterval, PunctuationType.WALL_CLOCK_TIME, t -> {
            // while a backlog is being caught up every message dirties the cohort again, so a ripple would republish
            // the cohort over and over; it waits until the input pauses for one interval (at the latest the end)
            // with live input the stream-time ripple above has just run: one pass per interval, not two
            // an instance that reports a backlog ripples only once it is gone: its sweeps publish in bursts with pauses
            // between them, and a round over a national cohort in such a pause starved the fold
            boolean rippledRecently = context.currentSystemTimeMs() - lastRippleWallMs < rippleInterval.toMillis();
            if (!rippleHeld() && (!streamTimeBehind() || messagesSinceRipple == 0) && !rippledRecently) {
                ripple(context.currentStreamTimeMs());
            }
            messagesSinceRipple = 0;
        });
        context.schedule(boardInterval, PunctuationType.WALL_CLOCK_TIME, t -> {
            timestamp = Math.max(0, context.currentStreamTimeMs());
            checkModel();
            long now = context.currentSystemTimeMs();
            if (bulkWork.any()) {
                lastBulkMs = now;
            } else if (book.holdsMembers() && now - lastBulkMs >= RELEASE_SETTLE_MS && !backlog.rankingBehind()) {
                releaseChunk();
            }
            if (book.rippling() && !rippleHeld()) {
                // a large round goes on one chunk per commit interval, paused while catching up and while the rank
                // stage has a backlog of stage messages (a sweep or a model rescore streaming in: each of its
                // commits moves the distributions again, so republishing in between was wasted — a fifth of the
                // stream threads during the last sweep of a 100,000-enterprise catch-up)
                rippleChunk();
            }
            book.dirtyCohorts().forEach(shadow::touched);
            book.publishLeaderboards(timestamp);
            shadow.publishDiffs(book, official, models.shadow().orElse(null), timestamp);
        });
    }

    private static String handoverKey(String stage, String creditCode, long seq) {
        return stage + "|" + creditCode + "|" + seq;
    }

    /**
     * The ripple waits while the instance catches up, its rank stage has a backlog of stage messages, or one of its
     * profile tasks runs a sweep or a rescore: each of their commits moves the distributions again, so republishing
     * in between is wasted.
     */
    private boolean rippleHeld() {
        return backlog.catchingUp() || backlog.rankingBehind() || bulkWork.any() || book.holdsMembers();
    }

    /**
     * Publishes a chunk of the members held during a bulk pass ({@link StageBook#release}), committed on its own like
     * a ripple chunk; the ripple waits until all are out (their first publication already has the final points).
     */
    private void releaseChunk() {
        timestamp = Math.max(0, context.currentStreamTimeMs());
        if (book.release(RIPPLE_CHUNK) > 0) {
            context.commit();
        }
    }

    /** Stream time (record timestamps) lags far behind the wall clock: old records are being replayed. */
    private boolean streamTimeBehind() {
        return context.currentSystemTimeMs() - context.currentStreamTimeMs() > CATCH_UP_LAG_MS;
    }

    private void ripple(long streamTime) {
        lastRippleWallMs = context.currentSystemTimeMs();
        checkModel();
        timestamp = Math.max(0, streamTime);
        if (!book.rippling()) {
            rippleChunk();
        }
    }

    /**
     * One chunk of the ripple round, committed on its own so no transaction republishes a whole large cohort; while
     * stage messages keep arriving it is what the instance's {@link RippleBudget} grants, republications and member
     * checks, so the ripple cannot crowd out their scores.
     */
    private void rippleChunk() {
        long now = context.currentSystemTimeMs();
        int limit = rippleBudget.take(RIPPLE_CHUNK, now);
        int checks = limit == 0 ? 0 : rippleBudget.takeChecks(RIPPLE_CHECKS, now);
        if (checks == 0) {
            rippleBudget.refund(limit);
            return; // the allowance grows until the next step
        }
        RippleStep step = book.ripple(limit, checks);
        rippleBudget.refund(limit - step.published());
        rippleBudget.refundChecks(checks - step.checked());
        if (step.published() > 0) {
            context.commit();
        }
    }

    /** Applies what the touched stage received since the last commit, once per enterprise (a commit's flush). */
    @Override
    public void process(Record<String, String> touched) {
        StageInbox inbox = inboxes.take(touched.value());
        if (inbox == null) {
            return; // already applied (the touch was evicted from the record cache before the commit)
        }
        checkModel();
        List<StageInbox.Entry> entries = inbox.drain();
        // new members wait while a sweep or a rescore runs here, and while earlier ones wait (the pass's last
        // messages arrive after it ended)
        book.holdNewMembers(bulkWork.any() || book.holdsMembers());
        book.prepare(entries.stream().map(StageInbox.Entry::message).toList());
        rippleBudget.input(context.currentSystemTimeMs());
        for (StageInbox.Entry entry : entries) {
            messagesSinceRipple++;
            apply(entry.message(), entry.timestamp());
        }
        book.endBatch();
    }

    private void apply(StageMessage m, long recordTimestamp) {
        timestamp = recordTimestamp;
        try {
            if (m.shadow()) {
                shadow.apply(m);
            } else {
                book.apply(m);
            }
        } catch (TaskMigratedException e) {
            throw e; // fenced: the task moves on, nothing of this transaction counts; not a bad record
        } catch (RuntimeException e) {
            String reason = "processing failed: " + e.getClass().getSimpleName() + ": " + DeadLetters.describe(e);
            context.forward(new Record<>(m.creditCode(), DeadLetters.of(app, context.recordMetadata(),
                    recordTimestamp, null, null, null, null, InternalCodec.encode(m), DeadLetters.PROCESSING,
                    reason, List.of(new Problem("$", reason)), System.currentTimeMillis()), recordTimestamp));
        }
    }
}
