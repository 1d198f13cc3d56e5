package io.innopoints.sink.credit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.innopoints.scoring.model.Indicator;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.sink.whatif.ModelCatalog;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The live ranking of a zone's cohorts as {@link RankedEntry}s, from the read model: every ranked member of the
 * cohorts {@code zone:<zone>:*} with its live competition rank, the members strictly below and the cohort's live size
 * (window functions over the current totals, as the {@code tier_list} view), the tier of the live rank under the
 * enterprise's model ({@link ScoringModel#tierOf}; the published tier when the sink has not loaded that model) and
 * whether a penalty item takes points off (an indicator with a {@code penalty} scorer and negative points; any
 * negative indicator when the model is unknown — fail closed). Reads no financial value.
 */
public final class LiveRanking {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DataSource dataSource;
    private final ModelCatalog models;

    public LiveRanking(DataSource dataSource, ModelCatalog models) {
        this.dataSource = dataSource;
        this.models = models;
    }

    public List<RankedEntry> zone(String zone) throws SQLException {
        String sql = """
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
        String prefix = ("zone:" + zone + ":").replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        List<RankedEntry> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Optional<ScoringModel> model = models.find(rs.getString(7), rs.getString(8));
                    int rank = rs.getInt(11);
                    int size = rs.getInt(13);
                    String tier = model.map(m -> m.tierOf(rank, size)).orElse(rs.getString(10));
                    out.add(new RankedEntry(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(1), rank, size, rs.getInt(12), tier, rs.getDouble(6),
                            penalised(model, rs.getString(9))));
                }
            }
        }
        return out;
    }

    static boolean penalised(Optional<ScoringModel> model, String indicatorsJson) {
        JsonNode indicators;
        try {
            indicators = JSON.readTree(indicatorsJson);
        } catch (IOException e) {
            throw new IllegalStateException("stored indicators are not readable JSON: " + e.getMessage(), e);
        }
        for (JsonNode i : indicators) {
            if (i.path("points").asDouble() < 0) {
                String id = i.path("indicatorId").asText();
                boolean penalty = model.isEmpty() || model.get().indicator(id).map(Indicator::scorer)
                        .map(s -> s.kind().equals("penalty")).orElse(true);
                if (penalty) {
                    return true;
                }
            }
        }
        return false;
    }
}
