package io.innopoints.sink.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.innopoints.sink.store.RowScope;
import io.innopoints.sink.store.Views.ChangeView;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The newest ranking changes, newest first (the change feed's opening page; {@code /api/v1/changes} pages forward
 * from an instant, oldest first), optionally of one cohort or one enterprise. Rows are the API's {@link ChangeView}.
 */
final class RecentChanges {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;

    RecentChanges(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    List<ChangeView> newest(String cohortId, String creditCode, int limit, RowScope scope) throws SQLException {
        StringBuilder sql = new StringBuilder("""
                SELECT change_id, credit_code, name, cohort_id, scope, stage, kind, old_rank, new_rank, old_total,
                       new_total, old_tier, new_tier, top_n, displaced, displaced_by, model_version, as_of,
                       explanation_json
                FROM ranking_change WHERE 1 = 1""");
        List<Object> args = new ArrayList<>();
        if (cohortId != null) {
            sql.append(" AND cohort_id = ?");
            args.add(cohortId);
        }
        if (creditCode != null) {
            sql.append(" AND credit_code = ?");
            args.add(creditCode);
        }
        scope.appendTo(sql, args, null);
        sql.append(" ORDER BY as_of DESC, change_id DESC LIMIT ?");
        args.add(limit);
        List<ChangeView> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ChangeView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), intOrNull(rs, 8), intOrNull(rs, 9),
                            doubleOrNull(rs, 10), doubleOrNull(rs, 11), rs.getString(12), rs.getString(13),
                            rs.getInt(14), rs.getString(15), rs.getString(16), rs.getString(17),
                            Instant.ofEpochMilli(rs.getLong(18)).toString(), json(rs.getString(19))));
                }
            }
        }
        return out;
    }

    private static Integer intOrNull(ResultSet rs, int i) throws SQLException {
        int v = rs.getInt(i);
        return rs.wasNull() ? null : v;
    }

    private static Double doubleOrNull(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : v;
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not readable: " + e.getMessage(), e);
        }
    }
}
