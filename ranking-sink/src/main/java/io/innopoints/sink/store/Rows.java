package io.innopoints.sink.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.innopoints.sink.json.SinkJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The store's JDBC helpers, in one place for every table class: a query into a list of rows, nullable columns and
 * parameters (SQL NULL ↔ Java null), instants stored as epoch milliseconds and read as ISO-8601 text, JSON columns.
 */
final class Rows {
    private Rows() {
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    interface Mapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Runs a query on a connection of the pool; {@code args} bind the {@code ?} in order. */
    static <T> List<T> query(DataSource dataSource, String sql, List<?> args, Mapper<T> mapper) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return query(c, sql, args, mapper);
        }
    }

    /** Runs a query on a connection already open (inside a transaction or a consistent read). */
    static <T> List<T> query(Connection c, String sql, List<?> args, Mapper<T> mapper) throws SQLException {
        List<T> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
        }
        return out;
    }

    static <T> Optional<T> first(List<T> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    static JsonNode json(String text) {
        return SinkJson.stored(text);
    }

    static Integer intOrNull(ResultSet rs, int i) throws SQLException {
        int v = rs.getInt(i);
        return rs.wasNull() ? null : v;
    }

    static Long longOrNull(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }

    static Double doubleOrNull(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : v;
    }

    static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }

    static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    static void setBytes(PreparedStatement ps, int i, byte[] v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BINARY);
        } else {
            ps.setBytes(i, v);
        }
    }
}
