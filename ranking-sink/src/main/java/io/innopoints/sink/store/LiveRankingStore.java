package io.innopoints.sink.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * The live ranking of a zone's cohorts as stored: every ranked member of the cohorts {@code zone:<zone>:*} with its
 * live competition rank, the members strictly below and the cohort's live size — window functions over the current
 * totals, as the {@code tier_list} view. Reads no financial value but the indicators' points.
 */
public final class LiveRankingStore {
    private static final String SQL = """
            SELECT cohort_id, credit_code, name, zone, stage, total, model_id, model_version, indicators_json, tier,
                   live_rank, below, live_size
            FROM (SELECT r.cohort_id, s.credit_code, s.name, s.zone, s.stage, s.total, s.model_id, s.model_version,
                         s.indicators_json, r.tier,
                         RANK() OVER (PARTITION BY r.cohort_id ORDER BY s.total DESC) AS live_rank,
                         RANK() OVER (PARTITION BY r.cohort_id ORDER BY s.total ASC) - 1 AS below,
                         COUNT(*) OVER (PARTITION BY r.cohort_id) AS live_size
                  FROM enterprise_rank r JOIN enterprise_score s ON s.credit_code = r.credit_code
                  WHERE s.ranked = 1 AND r.cohort_id LIKE ? ESCAPE '\\') c
            ORDER BY cohort_id, live_rank, credit_code""";

    private final DataSource dataSource;

    public LiveRankingStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * One ranked member of a cohort now; {@code publishedTier} is the tier of its own latest score,
     * {@code indicators} the stored indicator list (id, value, points).
     */
    public record Member(String cohortId, String creditCode, String name, String zone, String stage, double total,
                         String modelId, String modelVersion, JsonNode indicators, String publishedTier, int liveRank,
                         int below, int liveSize) {
    }

    /** The members of the zone's cohorts, by cohort, live rank, credit code. */
    public List<Member> zone(String zone) throws SQLException {
        String prefix = ("zone:" + zone + ":").replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return Rows.query(dataSource, SQL, List.of(prefix), rs -> new Member(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getDouble(6), rs.getString(7), rs.getString(8),
                Rows.json(rs.getString(9)), rs.getString(10), rs.getInt(11), rs.getInt(12), rs.getInt(13)));
    }
}
