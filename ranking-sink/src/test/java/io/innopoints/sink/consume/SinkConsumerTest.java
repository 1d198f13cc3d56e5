package io.innopoints.sink.consume;

import static io.innopoints.sink.testing.Fixtures.code;
import static io.innopoints.sink.testing.Fixtures.score;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.innopoints.schemas.score.EnterpriseScore;
import io.innopoints.schemas.score.RankingChange;
import io.innopoints.sink.store.AppliedBatch;
import io.innopoints.sink.store.Database;
import io.innopoints.sink.store.Materializer;
import io.innopoints.sink.store.OffsetStore;
import io.innopoints.sink.store.PartitionKey;
import io.innopoints.sink.store.SinkRecord;
import io.innopoints.sink.testing.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class SinkConsumerTest {
    private static final String SCORES = "enterprise-scores";
    private static final String CHANGES = "ranking-changes";
    private static final TopicPartition P0 = new TopicPartition(SCORES, 0);
    private static final String GROUP = "sink-test";

    @TempDir
    Path dir;
    Database db;
    MockConsumer<byte[], byte[]> kafka;
    final List<AppliedBatch> notified = new CopyOnWriteArrayList<>();
    SinkConsumer sink;
    Thread thread;

    @BeforeEach
    void setUp() {
        db = TestDatabases.sqlite(dir);
        kafka = new MockConsumer<>("earliest");
        kafka.updateBeginningOffsets(Map.of(P0, 0L));
        kafka.updateEndOffsets(Map.of(P0, 0L));
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (sink != null) {
            sink.close();
        }
        db.close();
    }

    private void start(DataSource dataSource, int maxAttempts) {
        start(dataSource, db.dataSource(), maxAttempts);
    }

    private void start(DataSource dataSource, DataSource offsetSource, int maxAttempts) {
        RecordDecoder decoder = new RecordDecoder(Map.of(
                SCORES, new JsonTestDeserializer<>(EnterpriseScore.class),
                CHANGES, new JsonTestDeserializer<>(RankingChange.class)));
        sink = new SinkConsumer(kafka, List.of(SCORES), decoder, new Materializer(dataSource),
                new OffsetStore(offsetSource), GROUP, Duration.ofMillis(10), maxAttempts, Duration.ofMillis(1),
                List.of(notified::add), batch -> { }, new SimpleMeterRegistry());
        kafka.schedulePollTask(() -> kafka.rebalance(List.of(P0)));
        thread = new Thread(sink, "sink-under-test");
        thread.start();
    }

    private void offer(long offset, byte[] value) {
        kafka.schedulePollTask(() -> kafka.addRecord(new ConsumerRecord<>(SCORES, 0, offset, code(1).getBytes(), value)));
    }

    private static byte[] scoreBytes(int n, long revision, double total) {
        return JsonTestDeserializer.encode(score(n, revision, total, 1, "A"));
    }

    private Map<PartitionKey, Long> stored() throws SQLException {
        return new OffsetStore(db.dataSource()).nextOffsets(GROUP);
    }

    private List<String> column(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void shouldResumeFromOffsetStoredInDatabaseNotFromBeginning() throws Exception {
        // Given the database says offsets 0..2 were already applied
        new Materializer(db.dataSource()).apply(GROUP, List.of(SinkRecord.tombstone(SCORES, 0, 2, 0)));
        kafka.updateEndOffsets(Map.of(P0, 5L));

        // When the sink starts and the partition holds records at offsets 0..4
        start(db.dataSource(), 3);
        for (long o = 0; o < 5; o++) {
            offer(o, scoreBytes((int) o + 1, 1, 10));
        }

        // Then only offsets 3 and 4 are applied
        await().until(() -> stored().getOrDefault(new PartitionKey(SCORES, 0), 0L) == 5L);
        assertThat(column("SELECT credit_code FROM enterprise_score ORDER BY credit_code")).containsExactly(code(4), code(5));
    }

    @Test
    void shouldStoreUndecodableRecordAsRejectedAndKeepConsuming() throws Exception {
        // Given a good record, a garbage record and another good record
        start(db.dataSource(), 3);
        offer(0, scoreBytes(1, 1, 10));
        offer(1, "{not json".getBytes(StandardCharsets.UTF_8));
        offer(2, scoreBytes(2, 1, 20));

        // When the sink consumes them
        await().until(() -> stored().getOrDefault(new PartitionKey(SCORES, 0), 0L) == 3L);

        // Then the good ones are stored and the bad one is in sink_rejected with its offset and reason
        assertThat(column("SELECT credit_code FROM enterprise_score ORDER BY credit_code")).containsExactly(code(1), code(2));
        assertThat(column("SELECT record_offset || ':' || error_class FROM sink_rejected")).containsExactly("1:DESERIALIZATION");
        assertThat(sink.state()).isEqualTo(SinkConsumer.State.RUNNING);
    }

    @Test
    void shouldRetryBatchUntilDatabaseRecoversWithoutSkippingIt() throws Exception {
        // Given a database that refuses the first two connections
        FlakyDataSource flaky = new FlakyDataSource(db.dataSource(), 2);
        start(flaky, 5);

        // When a record arrives
        offer(0, scoreBytes(1, 1, 10));

        // Then it is applied after the retries and listeners hear about it once
        await().until(() -> column("SELECT credit_code FROM enterprise_score").size() == 1);
        assertThat(flaky.failures.get()).isEqualTo(2);
        await().until(() -> notified.size() == 1);
        assertThat(notified.get(0).scores()).extracting(EnterpriseScore::getCreditCode).containsExactly(code(1));
    }

    @Test
    void shouldRetryReadingStoredOffsetsOnAssignmentBeforeReadingAnything() throws Exception {
        // Given offsets 0..1 applied, and a database that refuses the first two reads of the offsets
        new Materializer(db.dataSource()).apply(GROUP, List.of(SinkRecord.tombstone(SCORES, 0, 1, 0)));
        FlakyDataSource flaky = new FlakyDataSource(db.dataSource(), 2);
        start(db.dataSource(), flaky, 5);

        // When records 0..2 are offered
        for (long o = 0; o < 3; o++) {
            offer(o, scoreBytes((int) o + 1, 1, 10));
        }

        // Then the positions were read after the retries and only offset 2 is applied
        await().until(() -> stored().getOrDefault(new PartitionKey(SCORES, 0), 0L) == 3L);
        assertThat(flaky.failures.get()).isEqualTo(2);
        assertThat(column("SELECT credit_code FROM enterprise_score")).containsExactly(code(3));
    }

    @Test
    void shouldStopAsFailedWhenDatabaseStaysDownAndKeepPosition() throws Exception {
        // Given a database that never comes back
        FlakyDataSource down = new FlakyDataSource(db.dataSource(), Integer.MAX_VALUE);
        start(down, 3);

        // When a record arrives
        offer(0, scoreBytes(1, 1, 10));

        // Then the consumer stops loudly and nothing was skipped: no offset stored, no listener told
        await().until(() -> sink.state() == SinkConsumer.State.FAILED);
        assertThat(sink.failure()).hasMessageContaining("after 3 attempts");
        assertThat(stored()).isEmpty();
        assertThat(notified).isEmpty();
    }

    @Test
    void shouldCommitDatabaseOffsetsToKafkaForLagMonitoring() throws Exception {
        // Given a running sink
        start(db.dataSource(), 3);

        // When two records are consumed
        offer(0, scoreBytes(1, 1, 10));
        offer(1, scoreBytes(1, 2, 12));

        // Then Kafka also sees the group's position (informational copy of the database offsets)
        await().until(() -> {
            var committed = kafka.committed(java.util.Set.of(P0)).get(P0);
            return committed != null && committed.offset() == 2L;
        });
        assertThat(stored()).containsEntry(new PartitionKey(SCORES, 0), 2L);
    }

    @Test
    void shouldStorePositionThatSteppedOverTransactionMarkersEvenWithoutRecords() throws Exception {
        // Given a sink that consumed offsets 0..1
        start(db.dataSource(), 3);
        offer(0, scoreBytes(1, 1, 10));
        offer(1, scoreBytes(2, 1, 20));
        await().until(() -> stored().getOrDefault(new PartitionKey(SCORES, 0), 0L) == 2L);

        // When a read_committed poll steps over a commit marker at offset 2 without returning a record
        kafka.schedulePollTask(() -> kafka.seek(P0, 3));

        // Then the database and Kafka hold position 3, so lag tools read 0 against the last stable offset
        await().until(() -> stored().getOrDefault(new PartitionKey(SCORES, 0), 0L) == 3L);
        await().until(() -> {
            var committed = kafka.committed(java.util.Set.of(P0)).get(P0);
            return committed != null && committed.offset() == 3L;
        });
        assertThat(column("SELECT COUNT(*) FROM score_history")).containsExactly("2");
    }

    /** A DataSource whose first {@code failing} connections fail, as a database that is down would. */
    static final class FlakyDataSource implements DataSource {
        private final DataSource delegate;
        private final int failing;
        final AtomicInteger failures = new AtomicInteger();

        FlakyDataSource(DataSource delegate, int failing) {
            this.delegate = delegate;
            this.failing = failing;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (failures.get() < failing) {
                failures.incrementAndGet();
                throw new SQLException("connection refused (simulated)");
            }
            return delegate.getConnection();
        }

        @Override
        public Connection getConnection(String u, String p) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
