package io.innopoints.sink.store;

import static io.innopoints.sink.testing.Fixtures.change;
import static io.innopoints.sink.testing.Fixtures.leaderboard;
import static io.innopoints.sink.testing.Fixtures.score;
import static org.assertj.core.api.Assertions.assertThat;

import io.innopoints.schemas.score.RankingChangeKind;
import io.innopoints.sink.testing.Snapshots;
import io.innopoints.sink.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariant of the materializer on SQLite: whatever the interleaving of partitions (each in its own order), the batch
 * boundaries, and however often a prefix is replayed, the read model ends up identical to applying every record once.
 */
class MaterializerProperties {
    private static Path dir;
    private static Database reference;
    private static Database shuffled;

    @BeforeContainer
    static void open() throws Exception {
        dir = Files.createTempDirectory("sink-props");
        reference = TestDatabases.sqlite(dir);
        shuffled = TestDatabases.sqlite(dir);
    }

    @AfterContainer
    static void close() {
        reference.close();
        shuffled.close();
    }

    @Property(tries = 40)
    void shouldReachSameStateForAnyOrderBatchingAndReplay(@ForAll long seed, @ForAll @IntRange(min = 1, max = 7) int batchSize,
                                                          @ForAll @IntRange(min = 0, max = 10) int replayed) throws Exception {
        clear(reference);
        clear(shuffled);
        Random random = new Random(seed);
        // Given records spread over partitions: several revisions per enterprise, changes (one duplicated), leaderboards
        List<SinkRecord> records = new ArrayList<>();
        long[] nextOffset = new long[3];
        int[] lastRevision = new int[4];
        for (int i = 0; i < 14; i++) {
            int enterprise = 1 + random.nextInt(3);
            int revision = ++lastRevision[enterprise];
            int partition = random.nextInt(3);
            records.add(SinkRecord.decoded("scores", partition, nextOffset[partition]++, 0,
                    score(enterprise, revision, enterprise * 10.0 + revision, revision, revision > 3 ? "A" : "B")));
        }
        records.add(SinkRecord.decoded("changes", 0, 0, 0, change("c-1", 1, RankingChangeKind.MOVED, 3, 2, 1)));
        records.add(SinkRecord.decoded("changes", 0, 1, 0, change("c-1", 1, RankingChangeKind.MOVED, 3, 2, 1)));
        for (int r = 1; r <= 3; r++) {
            records.add(SinkRecord.decoded("boards", 0, r, 0, leaderboard("zone:ZONE-A:growth", r, r, r + 1)));
        }
        new Materializer(reference.dataSource()).apply("g", records);

        // When they are applied in a random interleaving of the partitions (each partition keeps its order, as Kafka
        // guarantees), in random batches, with a prefix replayed
        List<SinkRecord> order = interleave(records, random);
        order.addAll(order.subList(0, Math.min(replayed, order.size())));
        Materializer materializer = new Materializer(shuffled.dataSource());
        for (int from = 0; from < order.size(); from += batchSize) {
            materializer.apply("g", order.subList(from, Math.min(order.size(), from + batchSize)));
        }

        // Then the read model and the stored offsets are the same
        List<String> tables = new ArrayList<>(Snapshots.READ_MODEL_TABLES);
        tables.add("consumer_offset");
        assertThat(Snapshots.snapshot(shuffled.dataSource(), tables))
                .isEqualTo(Snapshots.snapshot(reference.dataSource(), tables));
    }

    private static List<SinkRecord> interleave(List<SinkRecord> records, Random random) {
        Map<PartitionKey, Deque<SinkRecord>> byPartition = new LinkedHashMap<>();
        records.forEach(r -> byPartition.computeIfAbsent(r.partitionKey(), k -> new ArrayDeque<>()).add(r));
        List<Deque<SinkRecord>> queues = new ArrayList<>(byPartition.values());
        List<SinkRecord> out = new ArrayList<>();
        while (!queues.isEmpty()) {
            Deque<SinkRecord> q = queues.get(random.nextInt(queues.size()));
            out.add(q.removeFirst());
            if (q.isEmpty()) {
                queues.remove(q);
            }
        }
        return out;
    }

    private static void clear(Database db) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of("enterprise_score", "enterprise_rank", "score_history", "ranking_change",
                    "leaderboard", "leaderboard_entry", "model_shadow_diff", "consumer_offset", "sink_rejected")) {
                s.executeUpdate("DELETE FROM " + table);
            }
        }
    }
}
