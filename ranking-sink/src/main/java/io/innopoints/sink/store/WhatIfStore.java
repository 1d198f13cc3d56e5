package io.innopoints.sink.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.innopoints.scoring.evaluate.Points;
import io.innopoints.scoring.whatif.Cohorts.CohortRef;
import io.innopoints.scoring.whatif.Cohorts.Member;
import io.innopoints.scoring.whatif.Cohorts.Subject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads what a what-if needs from the sink's read model: the enterprise's current score (model, stage, total,
 * indicator values and points, dimension subtotals, cohorts) and, per cohort, the ranked members' current totals
 * and indicator values. Read in one connection so the snapshot is consistent within a statement each.
 */
public final class WhatIfStore {
    private final DataSource dataSource;

    public WhatIfStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The enterprise's current score with the model it was computed under, and its cohorts' members. */
    public record Snapshot(String modelId, String modelVersion, boolean ranked, Subject subject,
                           Map<String, List<Member>> members) {
    }

    public Optional<Snapshot> snapshot(String creditCode) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Snapshot s = null;
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT model_id, model_version, stage, ranked, total, dimensions_json, indicators_json
                    FROM enterprise_score WHERE credit_code = ?""")) {
                ps.setString(1, creditCode);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    boolean ranked = rs.getInt(4) == 1;
                    Map<String, Double> values = new HashMap<>();
                    Map<String, Long> points = new HashMap<>();
                    for (JsonNode i : Rows.json(rs.getString(7))) {
                        String id = i.path("indicatorId").asText();
                        values.put(id, number(i.get("value")));
                        points.put(id, Points.toCents(i.path("points").asDouble()));
                    }
                    Map<String, Long> dimensions = new LinkedHashMap<>();
                    for (JsonNode d : Rows.json(rs.getString(6))) {
                        dimensions.put(d.path("dimensionId").asText(), Points.toCents(d.path("points").asDouble()));
                    }
                    List<CohortRef> cohorts = ranked ? cohorts(c, creditCode) : List.of();
                    Map<String, Double> present = new HashMap<>();
                    values.forEach((k, v) -> {
                        if (v != null) {
                            present.put(k, v);
                        }
                    });
                    s = new Snapshot(rs.getString(1), rs.getString(2), ranked, new Subject(creditCode, rs.getString(3),
                            Points.toCents(rs.getDouble(5)), present, points, dimensions, cohorts), Map.of());
                }
            }
            Map<String, List<Member>> members = new HashMap<>();
            for (CohortRef ref : s.subject().cohorts()) {
                members.put(ref.cohortId(), members(c, ref.cohortId()));
            }
            return Optional.of(new Snapshot(s.modelId(), s.modelVersion(), s.ranked(), s.subject(), members));
        }
    }

    private static List<CohortRef> cohorts(Connection c, String creditCode) throws SQLException {
        return Rows.query(c, "SELECT cohort_id, scope FROM enterprise_rank WHERE credit_code = ? ORDER BY cohort_id",
                List.of(creditCode), rs -> new CohortRef(rs.getString(1), rs.getString(2)));
    }

    private static List<Member> members(Connection c, String cohortId) throws SQLException {
        return Rows.query(c, """
                SELECT s.credit_code, s.total, s.indicators_json FROM enterprise_rank r
                JOIN enterprise_score s ON s.credit_code = r.credit_code
                WHERE r.cohort_id = ? AND s.ranked = 1""", List.of(cohortId), rs -> {
            Map<String, Double> values = new HashMap<>();
            for (JsonNode i : Rows.json(rs.getString(3))) {
                Double v = number(i.get("value"));
                if (v != null) {
                    values.put(i.path("indicatorId").asText(), v);
                }
            }
            return new Member(rs.getString(1), Points.toCents(rs.getDouble(2)), values);
        });
    }

    private static Double number(JsonNode n) {
        return n == null || !n.isNumber() ? null : n.asDouble();
    }
}
