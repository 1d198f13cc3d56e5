package io.innopoints.sink.store;

import io.innopoints.schemas.release.PeriodRelease;
import io.innopoints.scoring.release.PeriodReleases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * The materialized releases (table {@code period_release}, migration V5): written once per period and version — a
 * second delivery of the same key is ignored, so a release never changes after it was first stored — and read back
 * as the exact bytes the digest covers. The same SQL on SQLite and PostgreSQL.
 */
public final class ReleaseStore {
    private static final String INSERT = """
            INSERT INTO period_release (period_id, version, as_of, cut_off, model_id, model_version, digest, document,
                received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (period_id, version) DO NOTHING""";
    private static final String LIST = """
            SELECT period_id, version, as_of, cut_off, model_id, model_version, digest, received_at FROM period_release
            ORDER BY period_id DESC, version DESC""";

    /** A stored release without its document. */
    public record Summary(String periodId, int version, Instant asOf, Instant cutOff, String modelId,
                          String modelVersion, String digest, Instant receivedAt) {
    }

    private final DataSource ds;

    public ReleaseStore(DataSource ds) {
        this.ds = ds;
    }

    /** Stores a release unless its period and version are stored already; true when it was new. */
    public boolean store(PeriodRelease release, Instant receivedAt) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setString(1, release.getPeriodId());
            s.setInt(2, release.getVersion());
            s.setLong(3, release.getAsOf().toEpochMilli());
            s.setLong(4, release.getCutOff().toEpochMilli());
            s.setString(5, release.getModelId());
            s.setString(6, release.getModelVersion());
            s.setString(7, release.getDigest());
            s.setBytes(8, PeriodReleases.encode(release));
            s.setLong(9, receivedAt.toEpochMilli());
            return s.executeUpdate() == 1;
        }
    }

    /** Every stored release, newest period id first, then newest version first. */
    public List<Summary> list() throws SQLException {
        List<Summary> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(LIST);
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(new Summary(rs.getString(1), rs.getInt(2), Instant.ofEpochMilli(rs.getLong(3)),
                        Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                        Instant.ofEpochMilli(rs.getLong(8))));
            }
        }
        return out;
    }

    /** One version of a period's release, or, with {@code version} null, its latest. */
    public Optional<PeriodRelease> find(String periodId, Integer version) throws SQLException {
        String sql = version == null
                ? "SELECT document FROM period_release WHERE period_id = ? ORDER BY version DESC LIMIT 1"
                : "SELECT document FROM period_release WHERE period_id = ? AND version = ?";
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, periodId);
            if (version != null) {
                s.setInt(2, version);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(decode(rs.getBytes(1))) : Optional.empty();
            }
        }
    }

    /** An enterprise's live place in a cohort now. */
    public record LivePlace(int rank, String tier) {
    }

    /** The live ranking of a cohort now ({@code enterprise_rank}), by credit code: what a release is compared with. */
    public Map<String, LivePlace> livePlaces(String cohortId) throws SQLException {
        Map<String, LivePlace> out = new HashMap<>();
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT credit_code, rank_no, tier FROM enterprise_rank WHERE cohort_id = ?")) {
            s.setString(1, cohortId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new LivePlace(rs.getInt(2), rs.getString(3)));
                }
            }
        }
        return out;
    }

    static PeriodRelease decode(byte[] bytes) {
        try {
            return new SpecificDatumReader<>(PeriodRelease.class).read(null,
                    DecoderFactory.get().binaryDecoder(bytes, null));
        } catch (IOException e) {
            throw new UncheckedIOException("a stored release cannot be decoded", e);
        }
    }
}
