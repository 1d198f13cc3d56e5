package io.innopoints.stream.domain;

import io.innopoints.schemas.score.RankingChangeKind;
import io.innopoints.scoring.model.Tier;
import io.innopoints.scoring.rank.RankIndex;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The moves of one batch of a rank task, per cohort, until the batch ends: each cohort's size and top-N before the
 * batch's first move in it, each mover's first total before and latest total after, and what to report each mover's
 * changes with ({@link ChangeCause}, the latest wins). {@link #flush} derives the batch's ranking changes from the
 * indexes after it ({@link RankDiff}: one per subject and kind) and forgets the batch.
 */
final class BatchMoves {
    private record CohortMoves(Cohort cohort, int oldSize, List<RankIndex.Ranked> topBefore,
                               Map<String, RankDiff.Move> moves, Map<String, ChangeCause> causes) {
        CohortMoves(Cohort cohort, int oldSize, List<RankIndex.Ranked> topBefore) {
            this(cohort, oldSize, topBefore, new LinkedHashMap<>(), new HashMap<>());
        }
    }

    private final Map<String, CohortMoves> byCohort = new LinkedHashMap<>();

    /**
     * Records a member's move in cohort {@code c}; call it before {@code index} (the cohort's) is changed, so the
     * cohort's state before the batch is taken from it.
     *
     * @param oldTotal its total before this move (null: not in the cohort); the batch keeps the first
     * @param newTotal its total after (null: no longer in the cohort)
     */
    void record(Cohort c, RankIndex index, int topN, String creditCode, Long oldTotal, Long newTotal,
                RankingChangeKind presenceKind, ChangeCause cause) {
        CohortMoves cm = byCohort.computeIfAbsent(c.id(), id -> new CohortMoves(c, index.size(), index.top(topN)));
        RankDiff.Move first = cm.moves().get(creditCode);
        cm.moves().put(creditCode, new RankDiff.Move(creditCode, first == null ? oldTotal : first.oldTotal(),
                newTotal, presenceKind));
        cm.causes().put(creditCode, cause);
    }

    /**
     * Hands each ranking change of the batch, with the cause of the mover it reports, to {@code emit}, cohort by
     * cohort in the order the batch first moved them; the batch is then forgotten.
     *
     * @param indexes each cohort's index after the batch
     */
    void flush(Function<String, RankIndex> indexes, List<Tier> tiers, int topN,
               BiConsumer<ChangeCause, RankDiff.Change> emit) {
        for (CohortMoves cm : byCohort.values()) {
            for (RankDiff.Change c : RankDiff.of(indexes.apply(cm.cohort().id()), cm.oldSize(), cm.topBefore(),
                    cm.moves().values(), tiers, topN)) {
                emit.accept(Objects.requireNonNull(cm.causes().get(c.cause())), c);
            }
        }
        byCohort.clear();
    }
}
