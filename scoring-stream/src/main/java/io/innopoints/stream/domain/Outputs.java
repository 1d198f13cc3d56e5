package io.innopoints.stream.domain;

import io.innopoints.schemas.score.EnterpriseScore;
import io.innopoints.schemas.score.Leaderboard;
import io.innopoints.schemas.score.ModelShadowDiff;
import io.innopoints.schemas.score.RankingChange;

/** Where the rank stage's results go (the topology forwards them to their topics). */
public interface Outputs {
    void score(EnterpriseScore score);

    void change(RankingChange change);

    void leaderboard(Leaderboard board);

    /** A HANDOVER to the rank task of the enterprise's new stage (back onto the by-stage topic). */
    void handover(StageMessage.Handover handover);

    default void shadowDiff(ModelShadowDiff diff) {
    }
}
