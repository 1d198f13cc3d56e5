package io.innopoints.sink.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.innopoints.schemas.dlq.DeadLetter;
import io.innopoints.schemas.dlq.FieldError;
import io.innopoints.sink.store.Views.IngestRejectionView;
import io.innopoints.sink.store.Views.StreamDeadLetterView;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Dead letters in the read model — ingest's (topic {@code ingest-rejected}) and scoring-stream's
 * ({@code scoring-stream-dlq}), told apart by {@link Channel} —  (tables {@code ingest_rejection} and {@code ingest_rejection_field}): the
 * row of a {@link DeadLetter} record, inserted if absent by (topic, partition, offset) so redelivery never duplicates
 * it, and the filtered, newest-first page the read API lists. All SQL of these tables is here. The original payload
 * is never stored — it may hold confidential financial values — only its size and SHA-256, which identify it in the
 * topic.
 */
public final class IngestRejections {
    /**
     * Longest provider and field kept in their indexed columns (the read API's filters are at most as long): another
     * producer's dead letter with a huge one must not exceed PostgreSQL's index row limit and stall the sink.
     */
    static final int MAX_INDEXED = 200;
    private static final String INSERT = """
            INSERT INTO ingest_rejection (topic, partition_no, record_offset, rejected_at, app, source, provider,
                event_type, event_id, source_file, source_line, error_class, reason, errors_json, original_size,
                original_sha256, source_topic, source_partition, source_offset)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (topic, partition_no, record_offset) DO NOTHING""";
    private static final String INSERT_FIELD = """
            INSERT INTO ingest_rejection_field (topic, partition_no, record_offset, field) VALUES (?, ?, ?, ?)
            ON CONFLICT (topic, partition_no, record_offset, field) DO NOTHING""";
    static final String COLUMNS = """
            SELECT topic, partition_no, record_offset, rejected_at, provider, event_type, event_id, source, source_file,
                   source_line, app, error_class, reason, errors_json, original_size, original_sha256, source_topic,
                   source_partition, source_offset
            FROM ingest_rejection r""";

    /**
     * Whose dead letters a list holds, by the channel of the input: rejected at the door (ingest: REST or a bulk
     * file) or by a stream consumer (scoring-stream: a Kafka record).
     */
    public enum Channel {
        DOOR("source IN ('REST', 'BULK_FILE')"),
        STREAM("source = 'KAFKA'");

        private final String condition;

        Channel(String condition) {
            this.condition = condition;
        }
    }

    private IngestRejections() {
    }

    /**
     * What to list; null filters do not filter. {@code from} is inclusive, {@code to} exclusive; {@code reason} matches
     * a case-insensitive part of the reason (which lists every field and its reason); {@code field} a field exactly.
     */
    public record Filter(String provider, String eventType, String field, String reason, Instant from, Instant to,
                         int limit, int skip) {
    }

    /** Stores a dead letter consumed at {@code r}; false when that record was stored before. */
    static boolean insert(Connection c, SinkRecord r, DeadLetter d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            int i = 1;
            ps.setString(i++, r.topic());
            ps.setInt(i++, r.partition());
            ps.setLong(i++, r.offset());
            ps.setLong(i++, d.getRejectedAt().toEpochMilli());
            ps.setString(i++, d.getApp());
            ps.setString(i++, d.getSource().name());
            ps.setString(i++, cut(d.getProvider()));
            ps.setString(i++, d.getEventType());
            ps.setString(i++, d.getEventId());
            ps.setString(i++, d.getSourceFile());
            Rows.setLong(ps, i++, d.getSourceLine());
            ps.setString(i++, d.getErrorClass());
            ps.setString(i++, d.getReason());
            ps.setString(i++, errorsJson(d.getErrors()));
            Rows.setLong(ps, i++, d.getOriginalSize());
            ps.setString(i++, d.getOriginalSha256());
            ps.setString(i++, d.getSourceTopic());
            Rows.setInt(ps, i++, d.getSourcePartition());
            Rows.setLong(ps, i, d.getSourceOffset());
            if (ps.executeUpdate() == 0) {
                return false;
            }
        }
        Set<String> fields = new LinkedHashSet<>();
        d.getErrors().forEach(e -> fields.add(cut(e.getField())));
        try (PreparedStatement ps = c.prepareStatement(INSERT_FIELD)) {
            for (String field : fields) {
                ps.setString(1, r.topic());
                ps.setInt(2, r.partition());
                ps.setLong(3, r.offset());
                ps.setString(4, field);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return true;
    }

    /**
     * Deletes the dead letters rejected before {@code cutoff} (by {@code rejected_at}) with their field rows, in one
     * transaction (the retention); a dead letter consumed again later is stored again, so pruning never blocks
     * the consumer.
     *
     * @return the dead letters deleted
     */
    public static int deleteRejectedBefore(DataSource dataSource, Instant cutoff) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement fields = c.prepareStatement("""
                    DELETE FROM ingest_rejection_field WHERE EXISTS (SELECT 1 FROM ingest_rejection r
                        WHERE r.topic = ingest_rejection_field.topic AND r.partition_no = ingest_rejection_field.partition_no
                          AND r.record_offset = ingest_rejection_field.record_offset AND r.rejected_at < ?)""");
                 PreparedStatement rows = c.prepareStatement("DELETE FROM ingest_rejection WHERE rejected_at < ?")) {
                fields.setLong(1, cutoff.toEpochMilli());
                fields.executeUpdate();
                rows.setLong(1, cutoff.toEpochMilli());
                int deleted = rows.executeUpdate();
                c.commit();
                return deleted;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** The {@code WHERE … ORDER BY … LIMIT … OFFSET …} of a filtered page, appending its arguments. */
    static String where(Channel channel, Filter f, List<Object> args) {
        StringBuilder sql = new StringBuilder(" WHERE ").append(channel.condition);
        if (f.provider() != null) {
            sql.append(" AND provider = ?");
            args.add(f.provider());
        }
        if (f.eventType() != null) {
            sql.append(" AND event_type = ?");
            args.add(f.eventType());
        }
        if (f.field() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM ingest_rejection_field x WHERE x.topic = r.topic"
                    + " AND x.partition_no = r.partition_no AND x.record_offset = r.record_offset AND x.field = ?)");
            args.add(f.field());
        }
        if (f.reason() != null) {
            sql.append(" AND LOWER(reason) LIKE ? ESCAPE '!'");
            args.add("%" + likeLiteral(f.reason().toLowerCase(Locale.ROOT)) + "%");
        }
        if (f.from() != null) {
            sql.append(" AND rejected_at >= ?");
            args.add(f.from().toEpochMilli());
        }
        if (f.to() != null) {
            sql.append(" AND rejected_at < ?");
            args.add(f.to().toEpochMilli());
        }
        sql.append(" ORDER BY rejected_at DESC, topic, partition_no, record_offset DESC LIMIT ? OFFSET ?");
        args.add(f.limit());
        args.add(f.skip());
        return sql.toString();
    }

    static StreamDeadLetterView streamView(ResultSet rs) throws SQLException {
        return new StreamDeadLetterView(rs.getString(1), rs.getInt(2), rs.getLong(3), Rows.iso(rs.getLong(4)),
                rs.getString(11), rs.getString(17), Rows.intOrNull(rs, 18), Rows.longOrNull(rs, 19), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(12), rs.getString(13), Rows.json(rs.getString(14)),
                Rows.longOrNull(rs, 15), rs.getString(16));
    }

    static IngestRejectionView view(ResultSet rs) throws SQLException {
        return new IngestRejectionView(rs.getString(1), rs.getInt(2), rs.getLong(3),
                Rows.iso(rs.getLong(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getString(9), Rows.longOrNull(rs, 10), rs.getString(11), rs.getString(12),
                rs.getString(13), Rows.json(rs.getString(14)), Rows.longOrNull(rs, 15), rs.getString(16));
    }

    private static String errorsJson(List<FieldError> errors) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        errors.forEach(e -> out.addObject().put("field", e.getField()).put("reason", e.getReason()));
        return out.toString();
    }

    private static String cut(String text) {
        return text == null || text.length() <= MAX_INDEXED ? text : text.substring(0, MAX_INDEXED);
    }

    /** {@code text} matching itself in a LIKE pattern with escape character {@code !}. */
    private static String likeLiteral(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
