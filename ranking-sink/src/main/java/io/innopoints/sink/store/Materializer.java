package io.innopoints.sink.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.innopoints.schemas.dlq.DeadLetter;
import io.innopoints.schemas.json.AvroJson;
import io.innopoints.schemas.score.CohortRank;
import io.innopoints.schemas.score.EnterpriseScore;
import io.innopoints.schemas.score.Leaderboard;
import io.innopoints.schemas.score.LeaderboardEntry;
import io.innopoints.schemas.score.ModelShadowDiff;
import io.innopoints.schemas.score.RankingChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes a batch of consumed records into the read model in ONE database transaction together with the next
 * offset of every partition in the batch, so rows and position commit or roll back together (effectively
 * exactly-once). Every write is idempotent: scores and leaderboards move only to a higher revision
 * ({@code ON CONFLICT … DO UPDATE … WHERE excluded.revision > t.revision}), history rows and ranking changes are
 * insert-if-absent by (credit code, revision) and changeId, dead letters — the sink's own and ingest's
 * ({@link IngestRejections}) — by (topic, partition, offset). Replaying
 * any offsets therefore never duplicates or regresses a row, and replaying everything from the earliest offset into
 * an empty database reproduces the same state.
 */
public final class Materializer {
    private static final String UPSERT_SCORE = """
            INSERT INTO enterprise_score (credit_code, name, zone, industry, model_id, model_version, as_of, revision,
                stage, ranked, total, dimensions_json, indicators_json, explanation_json,
                source_topic, source_partition, source_offset)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (credit_code) DO UPDATE SET name = excluded.name, zone = excluded.zone,
                industry = excluded.industry, model_id = excluded.model_id, model_version = excluded.model_version,
                as_of = excluded.as_of, revision = excluded.revision, stage = excluded.stage, ranked = excluded.ranked,
                total = excluded.total, dimensions_json = excluded.dimensions_json,
                indicators_json = excluded.indicators_json, explanation_json = excluded.explanation_json,
                source_topic = excluded.source_topic, source_partition = excluded.source_partition,
                source_offset = excluded.source_offset
            WHERE excluded.revision > enterprise_score.revision""";
    private static final String DELETE_RANKS = "DELETE FROM enterprise_rank WHERE credit_code = ?";
    private static final String INSERT_RANK = """
            INSERT INTO enterprise_rank (credit_code, cohort_id, scope, rank_no, cohort_size, percentile, tier)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_HISTORY = """
            INSERT INTO score_history (credit_code, revision, as_of, model_version, stage, ranked, total,
                dimensions_json, ranks_json, explanation_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (credit_code, revision) DO NOTHING""";
    private static final String INSERT_CHANGE = """
            INSERT INTO ranking_change (change_id, credit_code, name, cohort_id, scope, stage, kind, old_rank, new_rank,
                old_total, new_total, old_tier, new_tier, top_n, displaced, displaced_by, model_version, as_of,
                explanation_json, source_topic, source_partition, source_offset)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (change_id) DO NOTHING""";
    private static final String UPSERT_LEADERBOARD = """
            INSERT INTO leaderboard (cohort_id, scope, scope_value, stage, model_id, model_version, as_of, revision,
                cohort_size, top_n)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (cohort_id) DO UPDATE SET scope = excluded.scope, scope_value = excluded.scope_value,
                stage = excluded.stage, model_id = excluded.model_id, model_version = excluded.model_version,
                as_of = excluded.as_of, revision = excluded.revision, cohort_size = excluded.cohort_size,
                top_n = excluded.top_n
            WHERE excluded.revision > leaderboard.revision""";
    private static final String DELETE_ENTRIES = "DELETE FROM leaderboard_entry WHERE cohort_id = ?";
    private static final String INSERT_ENTRY = """
            INSERT INTO leaderboard_entry (cohort_id, position, rank_no, credit_code, name, total, tier)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";
    private static final String UPSERT_SHADOW = """
            INSERT INTO model_shadow_diff (cohort_id, official_model, candidate_model, as_of, cohort_size, entries_json)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (cohort_id) DO UPDATE SET official_model = excluded.official_model,
                candidate_model = excluded.candidate_model, as_of = excluded.as_of,
                cohort_size = excluded.cohort_size, entries_json = excluded.entries_json
            WHERE excluded.as_of > model_shadow_diff.as_of""";
    private static final String INSERT_REJECTED = """
            INSERT INTO sink_rejected (topic, partition_no, record_offset, record_timestamp, key_bytes, value_bytes,
                error_class, reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (topic, partition_no, record_offset) DO NOTHING""";
    static final String UPSERT_OFFSET = """
            INSERT INTO consumer_offset (group_id, topic, partition_no, next_offset) VALUES (?, ?, ?, ?)
            ON CONFLICT (group_id, topic, partition_no) DO UPDATE SET next_offset = excluded.next_offset
            WHERE excluded.next_offset > consumer_offset.next_offset""";

    private final DataSource dataSource;

    public Materializer(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Applies the records and stores, for every partition present, {@code max(offset) + 1} as the group's next
     * offset — all in one transaction.
     *
     * @throws SQLException when the database fails; nothing of the batch is then committed and the caller retries
     */
    public AppliedBatch apply(String groupId, List<SinkRecord> batch) throws SQLException {
        return apply(groupId, batch, Map.of());
    }

    /**
     * As {@link #apply(String, List)}, with the consumer's positions after the batch: a partition's stored offset is
     * the greater of {@code max(offset) + 1} and its position. A read_committed consumer's position also steps over
     * transaction markers and aborted records (which it never returns); storing it keeps the stored offset equal to
     * the last stable offset once everything committed is consumed. May be called with an empty batch to store
     * positions alone.
     */
    public AppliedBatch apply(String groupId, List<SinkRecord> batch, Map<PartitionKey, Long> positions)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                AppliedBatch result = apply(c, groupId, batch, positions);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private AppliedBatch apply(Connection c, String groupId, List<SinkRecord> batch, Map<PartitionKey, Long> positions)
            throws SQLException {
        List<EnterpriseScore> scores = new ArrayList<>();
        List<RankingChange> changes = new ArrayList<>();
        List<Leaderboard> leaderboards = new ArrayList<>();
        int shadow = 0;
        int deadLetters = 0;
        int stale = 0;
        int duplicates = 0;
        int rejected = 0;
        int skipped = 0;
        Map<PartitionKey, Long> next = new TreeMap<>(positions);
        for (SinkRecord r : batch) {
            next.merge(r.partitionKey(), r.offset() + 1, Math::max);
            SpecificRecord value = r.value();
            if (r.rejection() != null) {
                rejected += reject(c, r, r.rejection());
            } else if (value == null) {
                skipped++;
            } else if (value instanceof EnterpriseScore score) {
                if (score(c, r, score)) {
                    scores.add(score);
                } else {
                    stale++;
                }
            } else if (value instanceof RankingChange change) {
                if (change(c, r, change)) {
                    changes.add(change);
                } else {
                    duplicates++;
                }
            } else if (value instanceof Leaderboard board) {
                if (leaderboard(c, board)) {
                    leaderboards.add(board);
                } else {
                    stale++;
                }
            } else if (value instanceof DeadLetter letter) {
                if (IngestRejections.insert(c, r, letter)) {
                    deadLetters++;
                } else {
                    duplicates++;
                }
            } else if (value instanceof ModelShadowDiff diff) {
                if (shadow(c, diff)) {
                    shadow++;
                } else {
                    stale++;
                }
            } else {
                rejected += reject(c, r, new SinkRecord.Rejection(null, null, "UNEXPECTED_TYPE",
                        "the sink does not materialize " + value.getSchema().getFullName() + " (topic " + r.topic() + ")"));
            }
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT_OFFSET)) {
            for (Map.Entry<PartitionKey, Long> e : next.entrySet()) {
                ps.setString(1, groupId);
                ps.setString(2, e.getKey().topic());
                ps.setInt(3, e.getKey().partition());
                ps.setLong(4, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return new AppliedBatch(scores, changes, leaderboards, shadow, deadLetters, stale, duplicates, rejected, skipped,
                next);
    }

    private boolean score(Connection c, SinkRecord r, EnterpriseScore s) throws SQLException {
        String explanation = AvroJson.write(s.getExplanation()).toString();
        String dimensions = array(s.getDimensions());
        String ranks = array(s.getRanks());
        try (PreparedStatement ps = c.prepareStatement(INSERT_HISTORY)) {
            int i = 1;
            ps.setString(i++, s.getCreditCode());
            ps.setLong(i++, s.getRevision());
            ps.setLong(i++, s.getAsOf().toEpochMilli());
            ps.setString(i++, s.getModelVersion());
            ps.setString(i++, s.getStage());
            ps.setInt(i++, s.getRanked() ? 1 : 0);
            ps.setDouble(i++, s.getTotal());
            ps.setString(i++, dimensions);
            ps.setString(i++, ranks);
            ps.setString(i, explanation);
            ps.executeUpdate();
        }
        int updated;
        try (PreparedStatement ps = c.prepareStatement(UPSERT_SCORE)) {
            int i = 1;
            ps.setString(i++, s.getCreditCode());
            ps.setString(i++, s.getName());
            ps.setString(i++, s.getZone());
            ps.setString(i++, s.getIndustry());
            ps.setString(i++, s.getModelId());
            ps.setString(i++, s.getModelVersion());
            ps.setLong(i++, s.getAsOf().toEpochMilli());
            ps.setLong(i++, s.getRevision());
            ps.setString(i++, s.getStage());
            ps.setInt(i++, s.getRanked() ? 1 : 0);
            ps.setDouble(i++, s.getTotal());
            ps.setString(i++, dimensions);
            ps.setString(i++, array(s.getIndicators()));
            ps.setString(i++, explanation);
            ps.setString(i++, r.topic());
            ps.setInt(i++, r.partition());
            ps.setLong(i, r.offset());
            updated = ps.executeUpdate();
        }
        if (updated == 0) {
            return false;
        }
        try (PreparedStatement delete = c.prepareStatement(DELETE_RANKS);
             PreparedStatement insert = c.prepareStatement(INSERT_RANK)) {
            delete.setString(1, s.getCreditCode());
            delete.executeUpdate();
            for (CohortRank rank : s.getRanks()) {
                insert.setString(1, s.getCreditCode());
                insert.setString(2, rank.getCohortId());
                insert.setString(3, rank.getScope());
                insert.setInt(4, rank.getRank());
                insert.setInt(5, rank.getCohortSize());
                insert.setDouble(6, rank.getPercentile());
                insert.setString(7, rank.getTier());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return true;
    }

    private boolean change(Connection c, SinkRecord r, RankingChange ch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_CHANGE)) {
            int i = 1;
            ps.setString(i++, ch.getChangeId());
            ps.setString(i++, ch.getCreditCode());
            ps.setString(i++, ch.getName());
            ps.setString(i++, ch.getCohortId());
            ps.setString(i++, ch.getScope());
            ps.setString(i++, ch.getStage());
            ps.setString(i++, ch.getKind().name());
            Rows.setInt(ps, i++, ch.getOldRank());
            Rows.setInt(ps, i++, ch.getNewRank());
            Rows.setDouble(ps, i++, ch.getOldTotal());
            Rows.setDouble(ps, i++, ch.getNewTotal());
            ps.setString(i++, ch.getOldTier());
            ps.setString(i++, ch.getNewTier());
            ps.setInt(i++, ch.getTopN());
            ps.setString(i++, ch.getDisplaced());
            ps.setString(i++, ch.getDisplacedBy());
            ps.setString(i++, ch.getModelVersion());
            ps.setLong(i++, ch.getAsOf().toEpochMilli());
            ps.setString(i++, AvroJson.write(ch.getExplanation()).toString());
            ps.setString(i++, r.topic());
            ps.setInt(i++, r.partition());
            ps.setLong(i, r.offset());
            return ps.executeUpdate() == 1;
        }
    }

    private boolean leaderboard(Connection c, Leaderboard b) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPSERT_LEADERBOARD)) {
            int i = 1;
            ps.setString(i++, b.getCohortId());
            ps.setString(i++, b.getScope());
            ps.setString(i++, b.getScopeValue());
            ps.setString(i++, b.getStage());
            ps.setString(i++, b.getModelId());
            ps.setString(i++, b.getModelVersion());
            ps.setLong(i++, b.getAsOf().toEpochMilli());
            ps.setLong(i++, b.getRevision());
            ps.setInt(i++, b.getCohortSize());
            ps.setInt(i, b.getTopN());
            if (ps.executeUpdate() == 0) {
                return false;
            }
        }
        try (PreparedStatement delete = c.prepareStatement(DELETE_ENTRIES);
             PreparedStatement insert = c.prepareStatement(INSERT_ENTRY)) {
            delete.setString(1, b.getCohortId());
            delete.executeUpdate();
            int position = 1;
            for (LeaderboardEntry e : b.getEntries()) {
                insert.setString(1, b.getCohortId());
                insert.setInt(2, position++);
                insert.setInt(3, e.getRank());
                insert.setString(4, e.getCreditCode());
                insert.setString(5, e.getName());
                insert.setDouble(6, e.getTotal());
                insert.setString(7, e.getTier());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return true;
    }

    private boolean shadow(Connection c, ModelShadowDiff d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPSERT_SHADOW)) {
            ps.setString(1, d.getCohortId());
            ps.setString(2, d.getOfficialModel());
            ps.setString(3, d.getCandidateModel());
            ps.setLong(4, d.getAsOf().toEpochMilli());
            ps.setInt(5, d.getCohortSize());
            ps.setString(6, array(d.getEntries()));
            return ps.executeUpdate() == 1;
        }
    }

    private int reject(Connection c, SinkRecord r, SinkRecord.Rejection why) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_REJECTED)) {
            ps.setString(1, r.topic());
            ps.setInt(2, r.partition());
            ps.setLong(3, r.offset());
            ps.setLong(4, r.timestamp());
            Rows.setBytes(ps, 5, why.key());
            Rows.setBytes(ps, 6, why.value());
            ps.setString(7, why.errorClass());
            ps.setString(8, why.reason());
            ps.executeUpdate();
        }
        return 1;
    }

    private static String array(List<? extends SpecificRecord> items) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (SpecificRecord item : items) {
            out.add(AvroJson.write(item));
        }
        return out.toString();
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
