package io.innopoints.sink.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;

/** Reads database state as comparable text: rows of a query, or every row of every read-model table. */
public final class Snapshots {
    public static final List<String> READ_MODEL_TABLES = List.of("enterprise_score", "enterprise_rank",
            "score_history", "ranking_change", "leaderboard", "leaderboard_entry", "model_shadow_diff", "sink_rejected");

    private Snapshots() {
    }

    public static List<List<String>> rows(DataSource ds, String sql) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    row.add(v instanceof byte[] b ? HexFormat.of().formatHex(b)
                            : v instanceof Number n && !(v instanceof Double || v instanceof Float) ? Long.toString(n.longValue())
                            : String.valueOf(v));
                }
                out.add(row);
            }
        }
        return out;
    }

    public static long count(DataSource ds, String table) throws SQLException {
        return Long.parseLong(rows(ds, "SELECT COUNT(*) FROM " + table).get(0).get(0));
    }

    /** Every row of the given tables as sorted text; equal snapshots mean equal state. */
    public static List<String> snapshot(DataSource ds, List<String> tables) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String table : tables) {
            for (List<String> row : rows(ds, "SELECT * FROM " + table)) {
                out.add(table + ":" + row);
            }
        }
        out.sort(null);
        return out;
    }
}
