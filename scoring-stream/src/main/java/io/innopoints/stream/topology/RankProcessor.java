package io.innopoints.stream.topology;

import io.innopoints.schemas.score.EnterpriseScore;
import io.innopoints.schemas.score.Leaderboard;
import io.innopoints.schemas.score.ModelShadowDiff;
import io.innopoints.schemas.score.RankingChange;
import io.innopoints.schemas.validation.Problem;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.stream.domain.BoardState;
import io.innopoints.stream.domain.BoardStore;
import io.innopoints.stream.domain.InternalCodec;
import io.innopoints.stream.domain.Member;
import io.innopoints.stream.domain.MemberStore;
import io.innopoints.stream.domain.Outputs;
import io.innopoints.stream.domain.StageBook;
import io.innopoints.stream.domain.StageMessage;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The per-stage rank stage (task = by-stage partition): applies {@link StageMessage}s to the {@link StageBook}
 * over {@value ScoringTopology#MEMBER_STORE} and {@value ScoringTopology#COHORT_STORE}, whose indexes it rebuilds on
 * init. Punctuators: the cohort-percentile ripple every ripple interval of stream time and of wall-clock time, the
 * coalesced leaderboards every commit interval of wall-clock time. Outputs are keyed by credit code (scores,
 * changes, dead letters) or cohort id (leaderboards, shadow diffs).
 */
final class RankProcessor implements Processor<String, StageMessage, String, Object> {
    /** Beyond this distance between wall-clock and stream time the input is a backlog being caught up. */
    static final long CATCH_UP_LAG_MS = 60_000;
    private final String app;
    private final ScoringModel model;
    private final Duration rippleInterval;
    private final Duration boardInterval;
    private ProcessorContext<String, Object> context;
    private StageBook book;
    private long timestamp;
    private Models models;
    private ScoringModel official;

    /** Follows an ACTIVATE: ranks, tiers and top-N use the new official model from now on. */
    private void checkModel() {
        ScoringModel now = models.official();
        if (!now.key().equals(official.key())) {
            official = now;
            book.official(now);
        }
    }

    RankProcessor(String app, ScoringModel model, Duration rippleInterval, Duration boardInterval) {
        this.app = app;
        this.model = model;
        this.rippleInterval = rippleInterval;
        this.boardInterval = boardInterval;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        KeyValueStore<String, Member> memberStore = context.getStateStore(ScoringTopology.MEMBER_STORE);
        KeyValueStore<String, BoardState> boardStore = context.getStateStore(ScoringTopology.COHORT_STORE);
        MemberStore members = new MemberStore() {
            @Override
            public Member get(String stage, String creditCode) {
                return memberStore.get(stage + "|" + creditCode);
            }

            @Override
            public void put(String stage, Member member) {
                memberStore.put(stage + "|" + member.creditCode(), member);
            }

            @Override
            public void delete(String stage, String creditCode) {
                memberStore.delete(stage + "|" + creditCode);
            }

            @Override
            public void forEach(Consumer<Member> action) {
                try (KeyValueIterator<String, Member> it = memberStore.all()) {
                    while (it.hasNext()) {
                        KeyValue<String, Member> kv = it.next();
                        action.accept(kv.value);
                    }
                }
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
        };
        models = new Models(model, context.getStateStore(ScoringTopology.MODELS_STORE));
        official = models.official();
        book = new StageBook(official, models::byKey, members, boards, outputs);
        // the store is the truth; the indexes are a cache rebuilt here (also after a restore or a rebalance)
        book.rebuild();
        context.schedule(rippleInterval, PunctuationType.STREAM_TIME, t -> {
            // live input (stream time close to wall-clock time): ripple per interval of stream time; while catching
            // up on a backlog, stream time races ahead and the wall-clock punctuator coalesces the ripples instead
            if (context.currentSystemTimeMs() - t <= CATCH_UP_LAG_MS) {
                ripple(t);
            }
        });
        context.schedule(rippleInterval, PunctuationType.WALL_CLOCK_TIME, t -> ripple(context.currentStreamTimeMs()));
        context.schedule(boardInterval, PunctuationType.WALL_CLOCK_TIME, t -> {
            timestamp = Math.max(0, context.currentStreamTimeMs());
            book.ripple();
            book.publishLeaderboards(timestamp);
        });
    }

    private void ripple(long streamTime) {
        checkModel();
        timestamp = Math.max(0, streamTime);
        book.ripple();
    }

    @Override
    public void process(Record<String, StageMessage> record) {
        timestamp = record.timestamp();
        checkModel();
        try {
            book.apply(record.value());
        } catch (RuntimeException e) {
            StageMessage m = record.value();
            String reason = "processing failed: " + e.getClass().getSimpleName() + ": " + DeadLetters.describe(e);
            context.forward(new Record<>(m.creditCode(), DeadLetters.of(app, context.recordMetadata(),
                    record.timestamp(), null, null, null, null, InternalCodec.encode(m), DeadLetters.PROCESSING,
                    reason, List.of(new Problem("$", reason)), System.currentTimeMillis()), record.timestamp()));
        }
    }
}
