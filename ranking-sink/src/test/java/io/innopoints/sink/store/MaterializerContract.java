package io.innopoints.sink.store;

import static io.innopoints.sink.testing.Fixtures.change;
import static io.innopoints.sink.testing.Fixtures.code;
import static io.innopoints.sink.testing.Fixtures.leaderboard;
import static io.innopoints.sink.testing.Fixtures.score;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.innopoints.schemas.score.RankingChangeKind;
import io.innopoints.sink.testing.Fixtures;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The materializer's guarantees, run against every supported database by a subclass per database: idempotent
 * reprocessing, the revision guard, offsets in the same transaction, history, change deduplication, dead letters,
 * rebuildability.
 */
abstract class MaterializerContract {
    static final String GROUP = "sink";
    static final String SCORES = "enterprise-scores";
    static final String CHANGES = "ranking-changes";
    static final String BOARDS = "leaderboards";
    static final List<String> TABLES = List.of("enterprise_score", "enterprise_rank", "score_history", "ranking_change",
            "leaderboard", "leaderboard_entry", "model_shadow_diff", "consumer_offset", "sink_rejected", "ingest_rejection",
            "ingest_rejection_field");

    private final List<Database> opened = new ArrayList<>();
    Database db;
    Materializer materializer;

    /** A new, empty, migrated database. */
    abstract Database newDatabase();

    /** Releases what {@link #newDatabase()} created. */
    abstract void dispose(Database database);

    @BeforeEach
    void openDatabase() {
        db = open();
        materializer = new Materializer(db.dataSource());
    }

    @AfterEach
    void closeDatabases() {
        opened.forEach(this::dispose);
    }

    Database open() {
        Database d = newDatabase();
        opened.add(d);
        return d;
    }

    @Test
    void shouldStoreCurrentScoreWithBreakdownRanksAndHistory() throws Exception {
        // Given a first score of an enterprise
        // When it is applied
        AppliedBatch result = materializer.apply(GROUP, List.of(at(SCORES, 0, 0, score(1, 1, 42.5, 3, "A"))));

        // Then the current row, its cohort ranks and a history row hold it
        assertThat(result.scores()).hasSize(1);
        assertThat(rows("SELECT credit_code, revision, total, stage, ranked FROM enterprise_score"))
                .containsExactly(List.of(code(1), "1", "42.5", "growth", "1"));
        assertThat(rows("SELECT cohort_id, rank_no, tier FROM enterprise_rank ORDER BY cohort_id"))
                .containsExactly(List.of("nation:CN:growth", "3", "A"), List.of("zone:ZONE-A:growth", "3", "A"));
        assertThat(single("SELECT indicators_json FROM enterprise_score")).contains("\"indicatorId\":\"rd.intensity\"")
                .contains("\"value\":null");
        assertThat(single("SELECT explanation_json FROM score_history")).contains("\"kind\":\"DATA\"").contains("evt-1-1");
    }

    @Test
    void shouldKeepHigherRevisionWhenOlderRevisionArrivesLate() throws Exception {
        // Given revision 2 is stored
        materializer.apply(GROUP, List.of(at(SCORES, 0, 5, score(1, 2, 50.0, 1, "A"))));

        // When revision 1 arrives afterwards
        AppliedBatch result = materializer.apply(GROUP, List.of(at(SCORES, 1, 0, score(1, 1, 10.0, 9, "C"))));

        // Then the current row and ranks stay at revision 2, but history has both revisions
        assertThat(result.scores()).isEmpty();
        assertThat(result.stale()).isEqualTo(1);
        assertThat(rows("SELECT revision, total FROM enterprise_score")).containsExactly(List.of("2", "50.0"));
        assertThat(rows("SELECT DISTINCT tier FROM enterprise_rank")).containsExactly(List.of("A"));
        assertThat(rows("SELECT revision FROM score_history ORDER BY revision")).containsExactly(List.of("1"), List.of("2"));
    }

    @Test
    void shouldReplaceRanksWhenRevisionAdvances() throws Exception {
        // Given an enterprise in the startup cohorts
        materializer.apply(GROUP, List.of(at(SCORES, 0, 0, score(1, 1, 10, "ZONE-A", "startup", "C39", 4, "B"))));

        // When its next revision puts it in the growth cohorts
        materializer.apply(GROUP, List.of(at(SCORES, 0, 1, score(1, 2, 30, "ZONE-A", "growth", "C39", 2, "A"))));

        // Then only the growth cohort ranks remain
        assertThat(rows("SELECT cohort_id FROM enterprise_rank ORDER BY cohort_id"))
                .containsExactly(List.of("nation:CN:growth"), List.of("zone:ZONE-A:growth"));
    }

    @Test
    void shouldReachIdenticalStateWhenSameOffsetsAreReprocessed() throws Exception {
        // Given a batch has been applied
        List<SinkRecord> batch = mixedBatch();
        materializer.apply(GROUP, batch);
        List<String> before = snapshot(db);

        // When exactly the same records are applied again (a replay after a crash)
        AppliedBatch replay = materializer.apply(GROUP, batch);

        // Then nothing was added or changed
        assertThat(snapshot(db)).isEqualTo(before);
        assertThat(replay.applied()).isZero();
        assertThat(replay.stale() + replay.duplicates()).isEqualTo(5);
    }

    @Test
    void shouldStoreNextOffsetOfEveryPartitionOfTheBatch() throws Exception {
        // Given a batch spanning two partitions of one topic and one of another
        // When it is applied
        AppliedBatch result = materializer.apply(GROUP, mixedBatch());

        // Then the next offset after the highest offset of each partition is stored for the group
        Map<PartitionKey, Long> expected = Map.of(
                new PartitionKey(SCORES, 0), 8L, new PartitionKey(SCORES, 1), 4L,
                new PartitionKey(CHANGES, 0), 12L, new PartitionKey(BOARDS, 2), 1L);
        assertThat(new OffsetStore(db.dataSource()).nextOffsets(GROUP)).isEqualTo(expected);
        assertThat(result.nextOffsets()).isEqualTo(expected);
        assertThat(new OffsetStore(db.dataSource()).nextOffsets("other-group")).isEmpty();
    }

    @Test
    void shouldNotMoveStoredOffsetBackwards() throws Exception {
        // Given offset 10 of a partition has been applied
        materializer.apply(GROUP, List.of(at(SCORES, 0, 10, score(1, 2, 20, 1, "A"))));

        // When an earlier offset of it is reprocessed
        materializer.apply(GROUP, List.of(at(SCORES, 0, 3, score(1, 1, 10, 2, "A"))));

        // Then the stored position stays after offset 10
        assertThat(new OffsetStore(db.dataSource()).nextOffsets(GROUP)).containsEntry(new PartitionKey(SCORES, 0), 11L);
    }

    @Test
    void shouldCommitNeitherRowsNorOffsetsWhenBatchFails() throws Exception {
        // Given a database on which the leaderboard entries cannot be written
        execute("DROP TABLE leaderboard_entry");

        // When a batch with a score and a leaderboard is applied
        List<SinkRecord> batch = List.of(at(SCORES, 0, 0, score(1, 1, 10, 1, "A")),
                at(BOARDS, 0, 0, leaderboard("zone:ZONE-A:growth", 1, 1)));

        // Then it fails and neither the score nor the offsets were committed
        assertThatThrownBy(() -> materializer.apply(GROUP, batch)).isInstanceOf(SQLException.class);
        assertThat(rows("SELECT credit_code FROM enterprise_score")).isEmpty();
        assertThat(rows("SELECT credit_code FROM score_history")).isEmpty();
        assertThat(new OffsetStore(db.dataSource()).nextOffsets(GROUP)).isEmpty();
    }

    @Test
    void shouldStoreEachRankingChangeOnceByChangeId() throws Exception {
        // Given a change stored once
        materializer.apply(GROUP, List.of(at(CHANGES, 0, 0, change("c-1", 1, RankingChangeKind.MOVED, 5, 3, 1))));

        // When the same change (same changeId) arrives again at another offset, together with a new one
        AppliedBatch result = materializer.apply(GROUP, List.of(
                at(CHANGES, 0, 1, change("c-1", 1, RankingChangeKind.MOVED, 5, 3, 1)),
                at(CHANGES, 0, 2, change("c-2", 2, RankingChangeKind.ENTERED_TOP_N, 25, 19, 2))));

        // Then only the new change is stored and reported
        assertThat(result.duplicates()).isEqualTo(1);
        assertThat(result.changes()).extracting(c -> c.getChangeId()).containsExactly("c-2");
        assertThat(rows("SELECT change_id, kind, old_rank, new_rank FROM ranking_change ORDER BY change_id"))
                .containsExactly(List.of("c-1", "MOVED", "5", "3"), List.of("c-2", "ENTERED_TOP_N", "25", "19"));
    }

    @Test
    void shouldReplaceLeaderboardEntriesOnlyForHigherRevision() throws Exception {
        // Given revision 2 of a cohort's top list
        String cohort = "zone:ZONE-A:growth";
        materializer.apply(GROUP, List.of(at(BOARDS, 0, 1, leaderboard(cohort, 2, 3, 1, 2))));

        // When revision 1 (late) and then revision 3 arrive
        AppliedBatch late = materializer.apply(GROUP, List.of(at(BOARDS, 0, 0, leaderboard(cohort, 1, 9, 8))));
        AppliedBatch newer = materializer.apply(GROUP, List.of(at(BOARDS, 0, 2, leaderboard(cohort, 3, 2, 3))));

        // Then the late one is ignored and the newer one replaces the entries whole
        assertThat(late.leaderboards()).isEmpty();
        assertThat(newer.leaderboards()).hasSize(1);
        assertThat(rows("SELECT position, credit_code FROM leaderboard_entry ORDER BY position"))
                .containsExactly(List.of("1", code(2)), List.of("2", code(3)));
        assertThat(rows("SELECT revision FROM leaderboard")).containsExactly(List.of("3"));
    }

    @Test
    void shouldSendUndecodableRecordToRejectedTableAndContinue() throws Exception {
        // Given a batch with an undecodable record between two good ones
        byte[] garbage = {0, 0, 0, 0, 42, 1, 2};
        List<SinkRecord> batch = List.of(
                at(SCORES, 0, 0, score(1, 1, 10, 1, "A")),
                SinkRecord.rejected(SCORES, 0, 1, 1234L, "k".getBytes(), garbage, "DESERIALIZATION", "unknown schema id 42"),
                at(SCORES, 0, 2, score(2, 1, 20, 1, "A")));

        // When it is applied
        AppliedBatch result = materializer.apply(GROUP, batch);

        // Then both good records are stored, the bad one is recorded with its provenance and bytes, the offset passes it
        assertThat(result.rejected()).isEqualTo(1);
        assertThat(rows("SELECT credit_code FROM enterprise_score ORDER BY credit_code"))
                .containsExactly(List.of(code(1)), List.of(code(2)));
        assertThat(rows("SELECT topic, partition_no, record_offset, record_timestamp, error_class, reason FROM sink_rejected"))
                .containsExactly(List.of(SCORES, "0", "1", "1234", "DESERIALIZATION", "unknown schema id 42"));
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT value_bytes FROM sink_rejected")) {
            rs.next();
            assertThat(rs.getBytes(1)).isEqualTo(garbage);
        }
        assertThat(new OffsetStore(db.dataSource()).nextOffsets(GROUP)).containsEntry(new PartitionKey(SCORES, 0), 3L);
    }

    @Test
    void shouldRebuildIdenticalStateFromEmptyDatabaseInOneReplay() throws Exception {
        // Given the live database received the records in several batches, one of them twice (crash replay)
        List<SinkRecord> all = new ArrayList<>(mixedBatch());
        all.add(at(SCORES, 0, 8, score(1, 3, 70.0, 1, "A")));
        all.add(at("ingest-rejected", 0, 4, Fixtures.deadLetter("patent-office", "patents", 1, "{}", "eventTime")));
        all.add(at(BOARDS, 2, 1, leaderboard("zone:ZONE-A:growth", 2, 1, 2)));
        materializer.apply(GROUP, all.subList(0, 3));
        materializer.apply(GROUP, all.subList(3, all.size() - 1));
        materializer.apply(GROUP, all.subList(3, all.size() - 1));
        materializer.apply(GROUP, all.subList(all.size() - 1, all.size()));

        // When an empty database replays everything from the earliest offsets in one go
        Database rebuilt = open();
        new Materializer(rebuilt.dataSource()).apply(GROUP, all);

        // Then both hold exactly the same rows
        assertThat(snapshot(rebuilt)).isEqualTo(snapshot(db)).isNotEmpty();
    }

    /** Scores of two enterprises over two partitions (one late revision), two changes, one leaderboard. */
    static List<SinkRecord> mixedBatch() {
        return List.of(
                at(SCORES, 0, 6, score(1, 1, 40.0, 2, "A")),
                at(SCORES, 0, 7, score(1, 2, 60.0, 1, "A")),
                at(SCORES, 1, 3, score(2, 1, 55.0, 2, "A")),
                at(CHANGES, 0, 11, change("chg-1-2", 1, RankingChangeKind.MOVED, 2, 1, 2)),
                at(BOARDS, 2, 0, leaderboard("zone:ZONE-A:growth", 1, 1, 2)));
    }

    static SinkRecord at(String topic, int partition, long offset, SpecificRecord value) {
        return SinkRecord.decoded(topic, partition, offset, 1_000 + offset, value);
    }

    List<List<String>> rows(String sql) throws SQLException {
        return query(db, sql);
    }

    String single(String sql) throws SQLException {
        return rows(sql).get(0).get(0);
    }

    void execute(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static List<List<String>> query(Database database, String sql) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    row.add(v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b)
                            : v instanceof Number n && !(v instanceof Double || v instanceof Float) ? Long.toString(n.longValue())
                            : String.valueOf(v));
                }
                out.add(row);
            }
        }
        return out;
    }

    /** Every row of every table, as sorted text: equal snapshots mean equal state. */
    static List<String> snapshot(Database database) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String table : TABLES) {
            for (List<String> row : query(database, "SELECT * FROM " + table)) {
                out.add(table + ":" + row);
            }
        }
        out.sort(null);
        return out;
    }
}
