package io.innopoints.stream.domain;

import io.innopoints.schemas.event.EnterpriseRegistration;
import io.innopoints.schemas.score.CohortRank;
import io.innopoints.schemas.score.EnterpriseScore;
import io.innopoints.schemas.score.Explanation;
import io.innopoints.schemas.score.RankingChange;
import io.innopoints.scoring.evaluate.Points;
import io.innopoints.scoring.evaluate.ScoreCard;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.scoring.rank.RankIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The rank stage's output records, assembled from what it ranked (pure: nothing is looked up but what is passed).
 */
final class RankedRecords {
    private RankedRecords() {
    }

    /**
     * An enterprise's score with its ranks in {@code cohorts} as the indexes hold them now (it must be ranked in each),
     * tiers by the official model.
     */
    static EnterpriseScore score(ScoringModel model, ScoringModel official, StageMessage.Score msg, ScoreCard card,
                                 long revision, Explanation explanation, List<Cohort> cohorts,
                                 Function<String, RankIndex> indexes) {
        List<CohortRank> ranks = new ArrayList<>(cohorts.size());
        for (Cohort c : cohorts) {
            RankIndex idx = indexes.apply(c.id());
            int rank = idx.rank(msg.creditCode()).orElseThrow();
            int size = idx.size();
            ranks.add(new CohortRank(c.scope(), c.id(), rank, size, idx.percentileOfTotal(card.totalCents()),
                    official.tierOf(rank, size)));
        }
        EnterpriseRegistration reg = msg.registration();
        return new EnterpriseScore(msg.creditCode(), reg.getName(), reg.getZone(), reg.getIndustry(), model.id(),
                model.version(), Instant.ofEpochMilli(msg.asOfMs()), revision, msg.stage(), msg.ranked(),
                card.total(), card.dimensionScores(), card.indicatorScores(), ranks, explanation);
    }

    /**
     * One ranking change of a batch, reported with its mover's cause; {@code subjectName} names a subject who is
     * not the mover (a bystander the mover pushed).
     */
    static RankingChange change(ChangeCause cause, RankDiff.Change c, int topN, Function<String, String> subjectName) {
        String subject = c.subject();
        StageMessage.Score msg = cause.message();
        Cohort cohort = cause.cohort();
        String name = subject.equals(msg.creditCode())
                ? msg.registration() == null ? "" : msg.registration().getName()
                : subjectName.apply(subject);
        return new RankingChange(ChangeIds.of(cause.cause(), cohort.id(), subject, c.kind().name()), subject, name,
                cohort.id(), cohort.scope(), cohort.stage(), c.kind(), c.oldRank(), c.newRank(),
                c.oldTotal() == null ? null : Points.fromCents(c.oldTotal()),
                c.newTotal() == null ? null : Points.fromCents(c.newTotal()), c.oldTier(), c.newTier(), topN,
                c.displaced(), c.displacedBy(), cause.model().version(), Instant.ofEpochMilli(cause.asOfMs()),
                cause.explanation());
    }
}
