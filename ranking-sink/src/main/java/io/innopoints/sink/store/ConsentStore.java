package io.innopoints.sink.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * The consent list (table {@code bank_consent}): which banks an enterprise lets see its raw financial indicator
 * values. Granting twice keeps the first grant; revoking what was not granted is a no-op.
 */
public final class ConsentStore {
    /** One grant. */
    public record Consent(String creditCode, String bankId, String grantedAt, String grantedBy) {
    }

    private final DataSource dataSource;

    public ConsentStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public boolean granted(String creditCode, String bankId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM bank_consent WHERE credit_code = ? AND bank_id = ?")) {
            ps.setString(1, creditCode);
            ps.setString(2, bankId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public List<Consent> of(String creditCode) throws SQLException {
        return Rows.query(dataSource,
                "SELECT credit_code, bank_id, granted_at, granted_by FROM bank_consent WHERE credit_code = ? ORDER BY bank_id",
                List.of(creditCode), rs -> new Consent(rs.getString(1), rs.getString(2), Rows.iso(rs.getLong(3)),
                        rs.getString(4)));
    }

    /** Grants; true when it is new. */
    public boolean grant(String creditCode, String bankId, Instant at, String by) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO bank_consent (credit_code, bank_id, granted_at, granted_by) VALUES (?, ?, ?, ?)
                ON CONFLICT (credit_code, bank_id) DO NOTHING""")) {
            ps.setString(1, creditCode);
            ps.setString(2, bankId);
            ps.setLong(3, at.toEpochMilli());
            ps.setString(4, by);
            return ps.executeUpdate() == 1;
        }
    }

    /** Revokes; true when there was a grant. */
    public boolean revoke(String creditCode, String bankId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM bank_consent WHERE credit_code = ? AND bank_id = ?")) {
            ps.setString(1, creditCode);
            ps.setString(2, bankId);
            return ps.executeUpdate() == 1;
        }
    }
}
