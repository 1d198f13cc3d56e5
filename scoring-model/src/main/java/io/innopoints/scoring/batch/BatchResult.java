package io.innopoints.scoring.batch;

import io.innopoints.schemas.score.CohortRank;
import io.innopoints.scoring.evaluate.ScoreCard;
import io.innopoints.scoring.model.ScoringModel;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The oracle's answer for one model and as-of: every enterprise's score card and cohort ranks (sorted by credit
 * code), and every cohort's members in display order (rank, then credit code).
 */
public record BatchResult(ScoringModel model, Instant asOf, List<Row> rows, Map<String, List<Row>> cohorts) {

    /** One enterprise: its score card and its ranks in model scope order (empty when not ranked). */
    public record Row(ScoreCard card, List<CohortRank> ranks) {
        public String creditCode() {
            return card.evaluation().creditCode();
        }

        /** Its rank entry in a cohort, or null. */
        public CohortRank rankIn(String cohortId) {
            for (CohortRank r : ranks) {
                if (r.getCohortId().equals(cohortId)) {
                    return r;
                }
            }
            return null;
        }
    }

    /** The top-N of a cohort: every member with rank ≤ n (more than n when ties straddle the n-th place). */
    public List<Row> top(String cohortId, int n) {
        List<Row> members = cohorts.getOrDefault(cohortId, List.of());
        int end = 0;
        while (end < members.size() && members.get(end).rankIn(cohortId).getRank() <= n) {
            end++;
        }
        return members.subList(0, end);
    }
}
