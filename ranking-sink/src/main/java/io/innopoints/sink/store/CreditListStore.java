package io.innopoints.sink.store;

import io.innopoints.sink.credit.CreditListDiff;
import io.innopoints.sink.credit.CreditProgramme;
import io.innopoints.sink.credit.RankedEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The credit lists' publication state (migration {@code V4__credit_list.sql}): the members each programme's list had
 * when last announced, the epoch and last sequence number per programme, and the transactional outbox of entries and
 * exits. {@link #record} writes the changes of one programme, its members and its sequence in one transaction, so a
 * change is either announced (in the outbox, to be sent) and reflected in the members, or neither.
 */
public final class CreditListStore {
    private final DataSource dataSource;
    private final Supplier<String> newEpoch;

    public CreditListStore(DataSource dataSource) {
        this(dataSource, () -> UUID.randomUUID().toString());
    }

    public CreditListStore(DataSource dataSource, Supplier<String> newEpoch) {
        this.dataSource = dataSource;
        this.newEpoch = newEpoch;
    }

    /** One change waiting in (or sent from) the outbox. */
    public record OutboxRow(String programmeId, String epoch, long seq, String eventId, String bankId, String zone,
                            String kind, String creditCode, String name, String stage, String cohortId, Integer liveRank,
                            String tier, Double total, long eventTime) {
    }

    /** The credit codes on a programme's list as last announced, with their names. */
    public Map<String, String> members(String programmeId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return members(c, programmeId);
        }
    }

    /**
     * Records the changes of a programme's list since it was last announced: appends them to the outbox with the next
     * sequence numbers (a new epoch when the programme has none yet) and updates its members, in one transaction.
     *
     * @param changes computed by {@link CreditListDiff#diff} against {@link #members}; re-checked here against the
     *                members read in the transaction, so a change already recorded is not recorded twice
     * @return the rows appended
     */
    public List<OutboxRow> record(CreditProgramme p, List<CreditListDiff.Change> changes, Instant now) throws SQLException {
        if (changes.isEmpty()) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<OutboxRow> rows = record(c, p, changes, now);
                c.commit();
                return rows;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private List<OutboxRow> record(Connection c, CreditProgramme p, List<CreditListDiff.Change> changes, Instant now)
            throws SQLException {
        // write first: SQLite then takes the write lock up front (waiting out busy_timeout) instead of failing to
        // upgrade a read snapshot when the consumer committed in between; PostgreSQL locks the programme's row, so
        // two refreshes of one programme are serialized
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE credit_list_state SET last_seq = last_seq WHERE programme_id = ?")) {
            ps.setString(1, p.id());
            ps.executeUpdate();
        }
        Map<String, String> members = members(c, p.id());
        String epoch;
        long seq;
        try (PreparedStatement ps = c.prepareStatement("SELECT epoch, last_seq FROM credit_list_state WHERE programme_id = ?")) {
            ps.setString(1, p.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    epoch = rs.getString(1);
                    seq = rs.getLong(2);
                } else {
                    epoch = null;
                    seq = 0;
                }
            }
        }
        if (epoch == null) {
            epoch = newEpoch.get();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO credit_list_state (programme_id, epoch, last_seq) VALUES (?, ?, 0)")) {
                ps.setString(1, p.id());
                ps.setString(2, epoch);
                ps.executeUpdate();
            }
        }
        List<OutboxRow> rows = new ArrayList<>();
        for (CreditListDiff.Change ch : changes) {
            if (ch.entered() == members.containsKey(ch.creditCode())) {
                continue;
            }
            seq++;
            RankedEntry e = ch.entry();
            String name = e != null ? e.name() : members.get(ch.creditCode());
            OutboxRow row = new OutboxRow(p.id(), epoch, seq, p.id() + ":" + epoch + ":" + seq, p.bankId(), p.zone(),
                    ch.entered() ? "ENTERED" : "EXITED", ch.creditCode(), name, e == null ? null : e.stage(),
                    e == null ? null : e.cohortId(), e == null ? null : e.rank(), e == null ? null : e.tier(),
                    e == null ? null : e.total(), now.toEpochMilli());
            insert(c, row);
            if (ch.entered()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO credit_list_member "
                        + "(programme_id, credit_code, name, entered_seq) VALUES (?, ?, ?, ?)")) {
                    ps.setString(1, p.id());
                    ps.setString(2, ch.creditCode());
                    ps.setString(3, name);
                    ps.setLong(4, seq);
                    ps.executeUpdate();
                }
                members.put(ch.creditCode(), name);
            } else {
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM credit_list_member WHERE programme_id = ? AND credit_code = ?")) {
                    ps.setString(1, p.id());
                    ps.setString(2, ch.creditCode());
                    ps.executeUpdate();
                }
                members.remove(ch.creditCode());
            }
            rows.add(row);
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE credit_list_state SET last_seq = ? WHERE programme_id = ?")) {
            ps.setLong(1, seq);
            ps.setString(2, p.id());
            ps.executeUpdate();
        }
        return rows;
    }

    /** Outbox rows not yet acknowledged by the broker, per programme in sequence order. */
    public List<OutboxRow> unsent(int limit) throws SQLException {
        return query("WHERE sent_at IS NULL ORDER BY programme_id, epoch, seq LIMIT " + limit);
    }

    /** Every outbox row of a programme, sent or not, in sequence order. */
    public List<OutboxRow> outbox(String programmeId) throws SQLException {
        return Rows.query(dataSource, COLUMNS + " WHERE programme_id = ? ORDER BY epoch, seq", List.of(programmeId),
                CreditListStore::outboxRow);
    }

    /** Marks rows as acknowledged by the broker. */
    public void markSent(List<OutboxRow> rows, Instant at) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE credit_list_outbox SET sent_at = ? WHERE programme_id = ? AND epoch = ? AND seq = ?")) {
            c.setAutoCommit(false);
            try {
                for (OutboxRow r : rows) {
                    ps.setLong(1, at.toEpochMilli());
                    ps.setString(2, r.programmeId());
                    ps.setString(3, r.epoch());
                    ps.setLong(4, r.seq());
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static final String COLUMNS = """
            SELECT programme_id, epoch, seq, event_id, bank_id, zone, kind, credit_code, name, stage, cohort_id, live_rank,
                   tier, total, event_time FROM credit_list_outbox""";

    private List<OutboxRow> query(String where) throws SQLException {
        return Rows.query(dataSource, COLUMNS + " " + where, List.of(), CreditListStore::outboxRow);
    }

    private static OutboxRow outboxRow(ResultSet rs) throws SQLException {
        return new OutboxRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                Rows.intOrNull(rs, 12), rs.getString(13), Rows.doubleOrNull(rs, 14), rs.getLong(15));
    }

    private static Map<String, String> members(Connection c, String programmeId) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT credit_code, name FROM credit_list_member WHERE programme_id = ?")) {
            ps.setString(1, programmeId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    private static void insert(Connection c, OutboxRow r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO credit_list_outbox (programme_id, seq, event_id, epoch, bank_id, zone, kind, credit_code, name,
                                                stage, cohort_id, live_rank, tier, total, event_time)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, r.programmeId());
            ps.setLong(2, r.seq());
            ps.setString(3, r.eventId());
            ps.setString(4, r.epoch());
            ps.setString(5, r.bankId());
            ps.setString(6, r.zone());
            ps.setString(7, r.kind());
            ps.setString(8, r.creditCode());
            ps.setString(9, r.name());
            ps.setString(10, r.stage());
            ps.setString(11, r.cohortId());
            Rows.setInt(ps, 12, r.liveRank());
            ps.setString(13, r.tier());
            Rows.setDouble(ps, 14, r.total());
            ps.setLong(15, r.eventTime());
            ps.executeUpdate();
        }
    }
}
