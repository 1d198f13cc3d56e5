package io.innopoints.sink.store;

import io.innopoints.sink.store.Views.ChangeView;
import io.innopoints.sink.store.Views.EnterpriseView;
import io.innopoints.sink.store.Views.HistoryEntry;
import io.innopoints.sink.store.Views.LeaderboardEntryView;
import io.innopoints.sink.store.Views.LeaderboardSummary;
import io.innopoints.sink.store.Views.LeaderboardView;
import io.innopoints.sink.store.Views.RankView;
import io.innopoints.sink.store.Views.RejectedView;
import io.innopoints.sink.store.Views.ShadowDiffView;
import io.innopoints.sink.store.Views.TierCount;
import io.innopoints.sink.store.Views.TierEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Read-side queries over the materialized tables (the service layer the REST API and, later, the dashboard and
 * what-if use). Live ranks come from {@code RANK() OVER (PARTITION BY cohort ORDER BY total DESC)} over the current
 * totals (view {@code tier_list}), so they are correct even for enterprises whose own record did not change.
 */
public final class ReadStore {
    private final DataSource dataSource;

    public ReadStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<LeaderboardSummary> leaderboards() throws SQLException {
        return Rows.query(dataSource, """
                SELECT l.cohort_id, l.scope, l.scope_value, l.stage, l.model_id, l.model_version, l.as_of, l.revision,
                       l.cohort_size, l.top_n, (SELECT COUNT(*) FROM leaderboard_entry e WHERE e.cohort_id = l.cohort_id)
                FROM leaderboard l ORDER BY l.cohort_id""", List.of(), rs -> new LeaderboardSummary(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), Rows.iso(rs.getLong(7)),
                rs.getLong(8), rs.getInt(9), rs.getInt(10), rs.getInt(11)));
    }

    /** The stored top list of a cohort, entries with rank at most {@code top} (ties at the edge included). */
    public Optional<LeaderboardView> leaderboard(String cohortId, int top) throws SQLException {
        List<LeaderboardEntryView> entries = Rows.query(dataSource, """
                SELECT position, rank_no, credit_code, name, total, tier FROM leaderboard_entry
                WHERE cohort_id = ? AND rank_no <= ? ORDER BY position""", List.of(cohortId, top),
                rs -> new LeaderboardEntryView(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getDouble(5), rs.getString(6)));
        return Rows.first(Rows.query(dataSource, """
                SELECT cohort_id, scope, scope_value, stage, model_id, model_version, as_of, revision, cohort_size, top_n
                FROM leaderboard WHERE cohort_id = ?""", List.of(cohortId), rs -> new LeaderboardView(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), Rows.iso(rs.getLong(7)),
                rs.getLong(8), rs.getInt(9), rs.getInt(10), entries)));
    }

    public Optional<EnterpriseView> enterprise(String creditCode) throws SQLException {
        List<RankView> ranks = Rows.query(dataSource, """
                SELECT r.cohort_id, r.scope, r.rank_no, t.live_rank, r.cohort_size, r.percentile, r.tier
                FROM enterprise_rank r
                LEFT JOIN (SELECT cohort_id, credit_code, live_rank FROM tier_list) t
                       ON t.cohort_id = r.cohort_id AND t.credit_code = r.credit_code
                WHERE r.credit_code = ? ORDER BY r.cohort_id""", List.of(creditCode),
                rs -> new RankView(rs.getString(1), rs.getString(2), rs.getInt(3),
                        rs.getObject(4) == null ? rs.getInt(3) : rs.getInt(4), rs.getInt(5), rs.getDouble(6),
                        rs.getString(7)));
        Optional<ChangeView> lastChange = Rows.first(Rows.query(dataSource, CHANGE_COLUMNS
                + " WHERE credit_code = ? ORDER BY as_of DESC, change_id DESC LIMIT 1", List.of(creditCode),
                ReadStore::change));
        return Rows.first(Rows.query(dataSource, """
                SELECT credit_code, name, zone, industry, model_id, model_version, as_of, revision, stage, ranked, total,
                       dimensions_json, indicators_json, explanation_json
                FROM enterprise_score WHERE credit_code = ?""", List.of(creditCode), rs -> new EnterpriseView(
                rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                Rows.iso(rs.getLong(7)), rs.getLong(8), rs.getString(9), rs.getInt(10) == 1, rs.getDouble(11),
                Rows.json(rs.getString(12)), Rows.json(rs.getString(13)), ranks, Rows.json(rs.getString(14)), lastChange.orElse(null))));
    }

    /** The zone of an enterprise with a stored score. */
    public Optional<String> zoneOf(String creditCode) throws SQLException {
        return Rows.first(Rows.query(dataSource, "SELECT zone FROM enterprise_score WHERE credit_code = ?", List.of(creditCode),
                rs -> rs.getString(1)));
    }

    /** Every stored revision of an enterprise's score, newest first. */
    public List<HistoryEntry> history(String creditCode, int limit) throws SQLException {
        return Rows.query(dataSource, """
                SELECT revision, as_of, model_version, stage, ranked, total, dimensions_json, ranks_json, explanation_json
                FROM score_history WHERE credit_code = ? ORDER BY revision DESC LIMIT ?""", List.of(creditCode, limit),
                rs -> new HistoryEntry(rs.getLong(1), Rows.iso(rs.getLong(2)), rs.getString(3), rs.getString(4),
                        rs.getInt(5) == 1, rs.getDouble(6), Rows.json(rs.getString(7)), Rows.json(rs.getString(8)),
                        Rows.json(rs.getString(9))));
    }

    /**
     * Ranking changes after a position, oldest first: as-of strictly after {@code since}, or equal to it with a
     * changeId after {@code afterChangeId} (keyset paging: pass the last item's asOf and changeId to continue).
     */
    public List<ChangeView> changes(Instant since, String afterChangeId, List<String> cohorts, String creditCode,
                                    int limit, RowScope scope) throws SQLException {
        StringBuilder sql = new StringBuilder(CHANGE_COLUMNS).append(" WHERE (as_of > ? OR (as_of = ? AND change_id > ?))");
        List<Object> args = new ArrayList<>(List.of(since.toEpochMilli(), since.toEpochMilli(),
                afterChangeId == null ? "" : afterChangeId));
        if (!cohorts.isEmpty()) {
            sql.append(" AND cohort_id IN (").append(String.join(", ", cohorts.stream().map(c -> "?").toList())).append(')');
            args.addAll(cohorts);
        }
        if (creditCode != null) {
            sql.append(" AND credit_code = ?");
            args.add(creditCode);
        }
        scope.appendTo(sql, args, null);
        sql.append(" ORDER BY as_of, change_id LIMIT ?");
        args.add(limit);
        return Rows.query(dataSource, sql.toString(), args, ReadStore::change);
    }

    /**
     * The newest ranking changes, newest first (the change feed's opening page; {@link #changes} pages forward from an
     * instant, oldest first), optionally of one cohort or one enterprise.
     */
    public List<ChangeView> recentChanges(String cohortId, String creditCode, int limit, RowScope scope)
            throws SQLException {
        StringBuilder sql = new StringBuilder(CHANGE_COLUMNS).append(" WHERE 1 = 1");
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
        return Rows.query(dataSource, sql.toString(), args, ReadStore::change);
    }

    public List<TierCount> tierCounts(RowScope scope) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT cohort_id, tier, COUNT(*) FROM tier_list WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        scope.appendTo(sql, args, "zone");
        return Rows.query(dataSource, sql + " GROUP BY cohort_id, tier ORDER BY cohort_id, tier",
                args, rs -> new TierCount(rs.getString(1), rs.getString(2), rs.getInt(3)));
    }

    /** A cohort's tier list ordered by live rank then credit code; {@code tier} null for all tiers. */
    public List<TierEntry> tierList(String cohortId, String tier, RowScope scope) throws SQLException {
        List<Object> args = new ArrayList<>(List.of(cohortId));
        StringBuilder filter = new StringBuilder();
        if (tier != null) {
            filter.append(" AND tier = ?");
            args.add(tier);
        }
        scope.appendTo(filter, args, "zone");
        return Rows.query(dataSource, TIER_COLUMNS + " FROM tier_list WHERE cohort_id = ?" + filter + " ORDER BY live_rank, credit_code",
                args, ReadStore::tierEntry);
    }

    /**
     * Bank credit candidates: per cohort, the top {@code top} enterprises (by live rank in the whole cohort) among
     * those passing the filters; null filters do not filter. Tiers compare as text, 'A' being the best.
     */
    public List<TierEntry> creditCandidates(CandidateFilter f, RowScope scope) throws SQLException {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (!f.cohorts().isEmpty()) {
            where.append(" AND cohort_id IN (").append(String.join(", ", f.cohorts().stream().map(c -> "?").toList()))
                    .append(')');
            args.addAll(f.cohorts());
        }
        if (f.scope() != null) {
            // the scope is a literal prefix: its own % and _ must not act as wildcards (scope=% matched every cohort)
            where.append(" AND cohort_id LIKE ? ESCAPE '\\'");
            args.add(f.scope().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + ":%");
        }
        if (f.zone() != null) {
            where.append(" AND zone = ?");
            args.add(f.zone());
        }
        if (f.stage() != null) {
            where.append(" AND stage = ?");
            args.add(f.stage());
        }
        if (f.industry() != null) {
            where.append(" AND industry = ?");
            args.add(f.industry());
        }
        if (f.minTier() != null) {
            where.append(" AND tier <= ?");
            args.add(f.minTier());
        }
        if (f.minTotal() != null) {
            where.append(" AND total >= ?");
            args.add(f.minTotal());
        }
        scope.appendTo(where, args, "zone");
        args.add(f.top());
        return Rows.query(dataSource, "SELECT " + TIER_FIELDS + " FROM (" + TIER_COLUMNS
                + ", ROW_NUMBER() OVER (PARTITION BY cohort_id ORDER BY live_rank, credit_code) AS pick FROM tier_list"
                + where + ") c WHERE pick <= ? ORDER BY cohort_id, live_rank, credit_code", args, ReadStore::tierEntry);
    }

    /** Filters of {@link #creditCandidates}. */
    public record CandidateFilter(List<String> cohorts, String scope, String zone, String stage, String industry,
                                  String minTier, Double minTotal, int top) {
        public CandidateFilter {
            cohorts = List.copyOf(cohorts);
        }
    }

    /** Latest shadow-model comparison per cohort; {@code cohortId} null for all cohorts. */
    public List<ShadowDiffView> shadowDiffs(String cohortId) throws SQLException {
        String sql = "SELECT cohort_id, official_model, candidate_model, as_of, cohort_size, entries_json FROM model_shadow_diff"
                + (cohortId == null ? "" : " WHERE cohort_id = ?") + " ORDER BY cohort_id";
        return Rows.query(dataSource, sql, cohortId == null ? List.of() : List.of(cohortId), rs -> new ShadowDiffView(rs.getString(1),
                rs.getString(2), rs.getString(3), Rows.iso(rs.getLong(4)), rs.getInt(5), Rows.json(rs.getString(6))));
    }

    public List<RejectedView> rejected(int limit) throws SQLException {
        return Rows.query(dataSource, """
                SELECT topic, partition_no, record_offset, record_timestamp, error_class, reason FROM sink_rejected
                ORDER BY record_timestamp DESC, topic, partition_no, record_offset LIMIT ?""", List.of(limit),
                rs -> new RejectedView(rs.getString(1), rs.getInt(2), rs.getLong(3), Rows.iso(rs.getLong(4)),
                        rs.getString(5), rs.getString(6)));
    }

    /** Ingest's dead letters, newest first, filtered and paged ({@link IngestRejections.Filter}). */
    public List<Views.IngestRejectionView> ingestRejections(IngestRejections.Filter filter) throws SQLException {
        List<Object> args = new ArrayList<>();
        String sql = IngestRejections.COLUMNS + IngestRejections.where(IngestRejections.Channel.DOOR, filter, args);
        return Rows.query(dataSource, sql, args, IngestRejections::view);
    }

    /** scoring-stream's dead letters, newest first, with the same filters and paging as ingest's. */
    public List<Views.StreamDeadLetterView> streamDeadLetters(IngestRejections.Filter filter) throws SQLException {
        List<Object> args = new ArrayList<>();
        String sql = IngestRejections.COLUMNS + IngestRejections.where(IngestRejections.Channel.STREAM, filter, args);
        return Rows.query(dataSource, sql, args, IngestRejections::streamView);
    }

    private static final String CHANGE_COLUMNS = """
            SELECT change_id, credit_code, name, cohort_id, scope, stage, kind, old_rank, new_rank, old_total, new_total,
                   old_tier, new_tier, top_n, displaced, displaced_by, model_version, as_of, explanation_json
            FROM ranking_change""";
    private static final String TIER_FIELDS =
            "cohort_id, tier, credit_code, name, zone, industry, stage, total, live_rank, published_rank, cohort_size, as_of";
    private static final String TIER_COLUMNS = "SELECT " + TIER_FIELDS;

    private static ChangeView change(ResultSet rs) throws SQLException {
        return new ChangeView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), Rows.intOrNull(rs, 8), Rows.intOrNull(rs, 9), Rows.doubleOrNull(rs, 10),
                Rows.doubleOrNull(rs, 11), rs.getString(12), rs.getString(13), rs.getInt(14), rs.getString(15),
                rs.getString(16), rs.getString(17), Rows.iso(rs.getLong(18)), Rows.json(rs.getString(19)));
    }

    private static TierEntry tierEntry(ResultSet rs) throws SQLException {
        return new TierEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getDouble(8), rs.getInt(9), rs.getInt(10), rs.getInt(11),
                Rows.iso(rs.getLong(12)));
    }
}
