package io.innopoints.sink.app;

import static io.innopoints.sink.testing.Fixtures.change;
import static io.innopoints.sink.testing.Fixtures.code;
import static io.innopoints.sink.testing.Fixtures.leaderboard;
import static io.innopoints.sink.testing.Fixtures.score;
import static io.innopoints.sink.testing.Fixtures.zoneCohort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.innopoints.localstack.LocalStack;
import io.innopoints.localstack.kafka.ProcessCluster;
import io.innopoints.localstack.registry.EmbeddedSchemaRegistry;
import io.innopoints.schemas.registry.RestSchemaRegistryClient;
import io.innopoints.schemas.score.RankingChangeKind;
import io.innopoints.schemas.serde.AvroSerializer;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.topic.TopicCatalog;
import io.innopoints.sink.testing.Platform;
import io.innopoints.sink.testing.TestDatabases;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The sink under chaos (issue 13), on PostgreSQL and a real multi-process cluster: three brokers and a KRaft
 * controller as OS processes (replication 3, min ISR 2), the sink as its own JVM. scoring-stream's outputs (score
 * revisions of many enterprises, their ranking changes, leaderboards) stream in at a steady rate (the last tenth
 * trickling until every fault was injected) while the sink is
 * killed with SIGKILL at seeded points and started again at once — every other kill inside the sink's open database
 * transaction (its records written, waiting for the positions' table, which the test holds locked for that moment; the
 * kill must roll it back) — and one broker is killed and restarted. After the stream drained, the database equals the topics: every enterprise's latest revision and
 * every revision in its history exactly once, every ranking change exactly once, every leaderboard's latest revision,
 * and the stored positions at the end offsets. Prints a report and writes it to {@code target/sink-chaos-report.json}.
 *
 * <p>Size: {@code -Dsinkchaos.records} (CI: 24,000) at {@code -Dsinkchaos.rate} a second (CI: 250),
 * {@code -Dsinkchaos.kills} (CI: 5), seed {@code -Dsinkchaos.seed}. (Why not inside {@code ChaosIT}: Maven builds
 * scoring-stream before ranking-sink, so scoring-stream's tests cannot run the sink; this test produces what
 * scoring-stream publishes, so the sink's recovery is checked against exactly known topics.)
 */
class SinkChaosIT {
    private static final int PARTITIONS = 3;
    private static final int ENTERPRISES = 500;
    private static final String[] COHORTS = {zoneCohort("ZONE-A", "growth"), zoneCohort("ZONE-A", "startup"),
            "nation:CN:growth"};

    /** One injected fault and how long until the sink had stored everything that had arrived when it struck. */
    record Fault(String kind, long atMs, boolean insideOpenTransaction, long recoveredAfterMs) {
    }

    @Test
    @Timeout(900)
    void shouldEndEqualToTheTopicsThroughKillsInsideTransactionsAndABrokerKill() throws Exception {
        int records = Integer.getInteger("sinkchaos.records", 24_000);
        int perSecond = Integer.getInteger("sinkchaos.rate", 250);
        int kills = Integer.getInteger("sinkchaos.kills", 5);
        long seed = Long.getLong("sinkchaos.seed", 17);
        Random random = new Random(seed);
        String schemaUrl = TestDatabases.postgresSchemaUrl();
        String appName = "sink-chaos-" + UUID.randomUUID().toString().substring(0, 8);
        String jdbcUrl = schemaUrl + "&ApplicationName=" + appName;
        Path dir = Files.createTempDirectory("sink-chaos-it");
        long start = System.nanoTime();
        List<Fault> faults = new ArrayList<>();
        try (ProcessCluster cluster = ProcessCluster.start(3, dir.resolve("kafka"))) {
            TopicCatalog topics = TopicCatalog.defaults();
            cluster.createTopics(topics, PARTITIONS);
            try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(cluster.bootstrapServers(), 0,
                    LocalStack.SCHEMAS_TOPIC)) {
                Map<String, String> config = new LinkedHashMap<>(Platform.topicProperties(topics));
                config.putAll(Map.of("bootstrap.servers", cluster.bootstrapServers(),
                        "schema.registry.url", registry.url(), "group.id", "sink-chaos", "jdbc.url", jdbcUrl,
                        "jdbc.user", TestDatabases.PG_USER, "jdbc.password", TestDatabases.PG_PASSWORD,
                        "http.port", "0", "poll.timeout.ms", "100", "lag.enabled", "false"));
                SinkProcess sink = new SinkProcess(config, dir);
                Written written = new Written();
                AtomicLong sent = new AtomicLong();

                // Given scoring-stream's outputs streaming in at a steady rate, and the sink running
                // the last tenth trickles in until every fault was injected, so each lands while outputs still stream in
                CountDownLatch faultsInjected = new CountDownLatch(1);
                CompletableFuture<Void> feed = CompletableFuture.runAsync(() ->
                        produce(cluster.bootstrapServers(), registry.url(), topics, records, perSecond, seed, written,
                                sent, faultsInjected));
                sink.start();

                // When the sink is killed at seeded points (every other one inside an open database transaction),
                // started again at once, and one broker is killed and restarted
                double[] points = random.doubles(kills, 0.05, 0.85).sorted().toArray();
                int brokerFaultAt = random.nextInt(kills);
                long progress = 0;
                List<CompletableFuture<Fault>> recoveries = new ArrayList<>();
                for (int i = 0; i < kills; i++) {
                    long point = Math.round(records * points[i]);
                    await().atMost(Duration.ofMinutes(5)).until(() -> sent.get() >= point || feed.isDone());
                    assertThat(feed).as("kill %d lands while the outputs stream in", i).isNotDone();
                    // the sink (re)started and stored a batch since: past its migrations, consuming
                    long storedAtStart = progress;
                    await("the sink consuming").atMost(Duration.ofMinutes(2)).ignoreExceptions()
                            .until(() -> storedPositions(schemaUrl) > storedAtStart);
                    Map<TopicPartition, Long> arrived = ends(cluster, topics);
                    boolean insideTransaction = i % 2 == 0;
                    long at;
                    if (insideTransaction) {
                        // the sink's transaction has written its records and waits for the positions' table, which
                        // this test holds locked: the kill lands inside that open transaction for sure
                        try (HeldPositions held = HeldPositions.lock(schemaUrl)) {
                            OpenWrite open = held.awaitWritingSinkBlocked(appName);
                            at = elapsedMs(start);
                            sink.kill();
                            held.release();
                            AtomicReference<String> status = new AtomicReference<>();
                            await("the killed sink's transaction ended").atMost(Duration.ofMinutes(1))
                                    .until(() -> {
                                        status.set(xactStatus(open.xid()));
                                        return !"in progress".equals(status.get());
                                    });
                            assertThat(status.get()).as("kill %d: transaction %s", i, open.xid()).isEqualTo("aborted");
                            // what the open transaction wrote is not visible: the positions it would have stored are
                            // still those of the last committed batch (one connection writes, one batch at a time)
                            assertThat(storedPositions(schemaUrl)).as("kill %d rolled the open transaction back", i)
                                    .isEqualTo(open.storedPositions());
                        }
                    } else {
                        at = elapsedMs(start);
                        sink.kill();
                    }
                    progress = storedPositions(schemaUrl);
                    sink.start();
                    // measured while the next faults go on, as in ChaosIT
                    String kind = insideTransaction ? "kill -9 sink, database transaction open" : "kill -9 sink";
                    boolean inside = insideTransaction;
                    long killedAt = at;
                    recoveries.add(CompletableFuture.supplyAsync(() -> new Fault(kind, killedAt, inside,
                            recovery(schemaUrl, arrived, killedAt, start))));
                    if (i == brokerFaultAt) {
                        int broker = cluster.brokerIds().get(random.nextInt(cluster.brokerIds().size()));
                        Map<TopicPartition, Long> brokerArrived = ends(cluster, topics);
                        long brokerAt = elapsedMs(start);
                        cluster.kill(broker);
                        long recovered = recovery(schemaUrl, brokerArrived, brokerAt, start);
                        cluster.restart(broker);
                        faults.add(new Fault("kill -9 broker " + broker, brokerAt, false, recovered));
                    }
                }

                faultsInjected.countDown();

                // Then, once everything is produced and stored, the database equals the topics
                feed.get(10, TimeUnit.MINUTES);
                for (CompletableFuture<Fault> f : recoveries) {
                    faults.add(f.get(10, TimeUnit.MINUTES));
                }
                faults.sort(java.util.Comparator.comparingLong(Fault::atMs));
                Map<TopicPartition, Long> end = ends(cluster, topics);
                try {
                    recovery(schemaUrl, end, elapsedMs(start), start);
                    assertDatabaseEqualsTopics(schemaUrl, written);
                } finally {
                    sink.stop();
                }
                report(records, seed, faults, written, elapsedMs(start));
                assertThat(faults).as("every planned fault injected").hasSize(kills + 1);
            }
        } finally {
            TestDatabases.dropPostgresSchema(schemaUrl);
        }
        deleteRecursively(dir); // kept when the test failed: the sink's and the brokers' logs are there
    }

    /** What was produced: the expected database. */
    private static final class Written {
        final Map<String, Long> lastRevision = new HashMap<>();
        final Map<String, Long> lastBoardRevision = new HashMap<>();
        long scores;
        long changes;
        long boards;
    }

    /**
     * Score revisions of {@value #ENTERPRISES} enterprises, a ranking change with every third, a leaderboard with
     * every fiftieth, keyed and partitioned as scoring-stream does (credit code; cohort id), acks=all, idempotent.
     */
    private static void produce(String bootstrap, String registryUrl, TopicCatalog topics, int records, int perSecond,
                                long seed, Written written, AtomicLong sent, CountDownLatch faultsInjected) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(registryUrl);
        AvroSerializer<String> keys = new AvroSerializer<>(client, true, true);
        AvroSerializer<SpecificRecord> values = new AvroSerializer<>(client, false, true);
        Random random = new Random(seed ^ 0x5eed);
        long[] revisions = new long[ENTERPRISES + 1];
        long startNs = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < records; i++) {
                int n = 1 + random.nextInt(ENTERPRISES);
                long revision = ++revisions[n];
                String scores = topics.name(Topic.ENTERPRISE_SCORES);
                send(producer, scores, keys.serialize(scores, code(n)),
                        values.serialize(scores, score(n, revision, random.nextInt(20_000) / 100.0,
                                1 + random.nextInt(10), random.nextBoolean() ? "A" : "B")));
                written.lastRevision.put(code(n), revision);
                written.scores++;
                if (i % 3 == 0) {
                    String changes = topics.name(Topic.RANKING_CHANGES);
                    send(producer, changes, keys.serialize(changes, code(n)), values.serialize(changes,
                            change(code(n) + ":" + revision, n, RankingChangeKind.MOVED, 5, 3, revision)));
                    written.changes++;
                }
                if (i % 50 == 0) {
                    String cohort = COHORTS[random.nextInt(COHORTS.length)];
                    long boardRevision = written.lastBoardRevision.merge(cohort, 1L, Long::sum);
                    String boards = topics.name(Topic.LEADERBOARDS);
                    int first = 1 + random.nextInt(ENTERPRISES);
                    send(producer, boards, keys.serialize(boards, cohort), values.serialize(boards,
                            leaderboard(cohort, boardRevision, first, first % ENTERPRISES + 1)));
                    written.boards++;
                }
                sent.incrementAndGet();
                // a schedule, not a wait for a condition: the outputs arrive at a steady rate, and the last tenth
                // trickles in at 20 a second until every fault was injected
                if (i >= records * 9L / 10 && faultsInjected.getCount() > 0) {
                    TimeUnit.MILLISECONDS.sleep(50);
                    continue;
                }
                long due = startNs + TimeUnit.SECONDS.toNanos(i + 1L) / perSecond;
                long ahead = due - System.nanoTime();
                if (ahead > 0) {
                    TimeUnit.NANOSECONDS.sleep(ahead);
                }
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, byte[] key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value), (m, e) -> {
            if (e != null) {
                throw new IllegalStateException("send to " + topic + " failed", e);
            }
        });
    }

    private static void assertDatabaseEqualsTopics(String url, Written written) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, TestDatabases.PG_USER, TestDatabases.PG_PASSWORD)) {
            Map<String, Long> latest = new HashMap<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT credit_code, revision FROM enterprise_score")) {
                while (rs.next()) {
                    latest.put(rs.getString(1), rs.getLong(2));
                }
            }
            assertThat(latest).as("every enterprise at its latest revision").isEqualTo(written.lastRevision);
            assertThat(single(c, "SELECT COUNT(*) FROM score_history")).as("every revision once in the history")
                    .isEqualTo(written.scores);
            assertThat(single(c, "SELECT COUNT(DISTINCT credit_code || '@' || revision) FROM score_history"))
                    .isEqualTo(written.scores);
            assertThat(single(c, "SELECT COUNT(*) FROM ranking_change")).as("every ranking change once")
                    .isEqualTo(written.changes);
            assertThat(single(c, "SELECT COUNT(DISTINCT change_id) FROM ranking_change")).isEqualTo(written.changes);
            Map<String, Long> boards = new HashMap<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT cohort_id, revision FROM leaderboard")) {
                while (rs.next()) {
                    boards.put(rs.getString(1), rs.getLong(2));
                }
            }
            assertThat(boards).as("every leaderboard at its latest revision").isEqualTo(written.lastBoardRevision);
            assertThat(single(c, "SELECT COUNT(*) FROM sink_rejected")).as("nothing rejected").isZero();
        }
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A transaction of the sink that has written, and the positions stored without it (one snapshot). */
    record OpenWrite(String xid, long storedPositions) {
    }

    /**
     * The positions' table locked by this test against writes (reads go on): the sink's next batch writes its records
     * and then waits, its transaction open, to store its positions.
     */
    private static final class HeldPositions implements AutoCloseable {
        private static final String LOCK = "LOCK TABLE consumer_offset IN SHARE ROW EXCLUSIVE MODE";
        private final String url;
        private final Connection lock;

        private HeldPositions(String url, Connection lock) {
            this.url = url;
            this.lock = lock;
        }

        static HeldPositions lock(String url) throws SQLException {
            Connection c = DriverManager.getConnection(url, TestDatabases.PG_USER, TestDatabases.PG_PASSWORD);
            c.setAutoCommit(false);
            c.createStatement().execute(LOCK);
            return new HeldPositions(url, c);
        }

        /**
         * The sink's transaction that has written and waits for this lock. One that waits without having written
         * (positions alone; PostgreSQL assigns a transaction id at the first write) is let through, and the table
         * locked again.
         */
        OpenWrite awaitWritingSinkBlocked(String appName) throws SQLException {
            while (true) {
                AtomicReference<OpenWrite> blocked = new AtomicReference<>();
                await("the sink's transaction waiting for the positions' table").atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> {
                            blocked.set(blockedSinkTransaction(appName));
                            return blocked.get() != null;
                        });
                if (blocked.get().xid() != null) {
                    return blocked.get();
                }
                lock.rollback();
                lock.createStatement().execute(LOCK);
            }
        }

        private OpenWrite blockedSinkTransaction(String appName) throws SQLException {
            try (Connection c = DriverManager.getConnection(url, TestDatabases.PG_USER, TestDatabases.PG_PASSWORD);
                 PreparedStatement s = c.prepareStatement("SELECT a.backend_xid::text, (SELECT COALESCE(SUM(next_offset),"
                         + " 0) FROM consumer_offset WHERE group_id = 'sink-chaos') FROM pg_stat_activity a"
                         + " WHERE a.application_name = ? AND a.wait_event_type = 'Lock'"
                         + " ORDER BY a.backend_xid IS NULL LIMIT 1")) {
                s.setString(1, appName);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? new OpenWrite(rs.getString(1), rs.getLong(2)) : null;
                }
            }
        }

        void release() throws SQLException {
            lock.rollback();
        }

        @Override
        public void close() throws SQLException {
            lock.close();
        }
    }

    /** 'in progress', 'committed' or 'aborted' (a test database's transaction ids are of epoch 0: xid = xid8). */
    private static String xactStatus(String xid) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestDatabases.PG_URL, TestDatabases.PG_USER,
                TestDatabases.PG_PASSWORD);
             PreparedStatement s = c.prepareStatement("SELECT pg_xact_status(CAST(? AS xid8))")) {
            s.setString(1, xid);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** The sum of the positions the sink stored with its batches (0 before the first). */
    private static long storedPositions(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, TestDatabases.PG_USER, TestDatabases.PG_PASSWORD)) {
            return single(c, "SELECT COALESCE(SUM(next_offset), 0) FROM consumer_offset WHERE group_id = 'sink-chaos'");
        }
    }

    private static Map<TopicPartition, Long> stored(String url) throws SQLException {
        Map<TopicPartition, Long> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url, TestDatabases.PG_USER, TestDatabases.PG_PASSWORD);
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT topic, partition_no, next_offset FROM consumer_offset WHERE group_id = 'sink-chaos'")) {
            while (rs.next()) {
                out.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
            }
        }
        return out;
    }

    /** Milliseconds from a fault until the database stored positions at or past {@code arrived}. */
    private static long recovery(String url, Map<TopicPartition, Long> arrived, long atMs, long start) {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
            Map<TopicPartition, Long> stored = stored(url);
            return arrived.entrySet().stream().allMatch(e -> e.getValue() == 0
                    || stored.getOrDefault(e.getKey(), 0L) >= e.getValue());
        });
        return elapsedMs(start) - atMs;
    }

    /** End offsets of the topics the test writes. */
    private static Map<TopicPartition, Long> ends(ProcessCluster cluster, TopicCatalog topics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (Topic t : List.of(Topic.ENTERPRISE_SCORES, Topic.RANKING_CHANGES, Topic.LEADERBOARDS)) {
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(topics.name(t), p), OffsetSpec.latest());
            }
        }
        Map<TopicPartition, Long> out = new HashMap<>();
        cluster.admin().listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                .forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    /** The sink as its own JVM ({@code ranking-sink run}) from this test's class path, one log file per start. */
    private static final class SinkProcess {
        private final Map<String, String> config;
        private final Path dir;
        private Process process;
        private int starts;

        SinkProcess(Map<String, String> config, Path dir) {
            this.config = config;
            this.dir = dir;
        }

        void start() throws Exception {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run"));
            config.forEach((k, v) -> {
                command.add("--set");
                command.add(k + "=" + v);
            });
            File log = dir.resolve("sink-" + (++starts) + ".log").toFile();
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        }

        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static long elapsedMs(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static void report(int records, long seed, List<Fault> faults, Written written, long totalMs)
            throws Exception {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("command", "./mvnw -B -pl ranking-sink -am verify -Dtest=NoSuchTest "
                + "-Dsurefire.failIfNoSpecifiedTests=false -Dit.test=SinkChaosIT -Dsinkchaos.records=" + records
                + " -Dsinkchaos.kills=" + Integer.getInteger("sinkchaos.kills", 5) + " -Dsinkchaos.seed=" + seed);
        report.put("brokers", 3);
        report.put("database", "PostgreSQL");
        report.put("scores", written.scores);
        report.put("rankingChanges", written.changes);
        report.put("leaderboards", written.boards);
        Map<String, Long> byKind = new LinkedHashMap<>();
        faults.forEach(f -> byKind.merge(f.kind(), 1L, Long::sum));
        report.put("faultsByKind", byKind);
        report.put("faults", faults);
        report.put("totalMs", totalMs);
        String text = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report);
        System.out.println("sink chaos report:\n" + text);
        Files.writeString(Path.of("target", "sink-chaos-report.json"), text);
    }

    private static void deleteRecursively(Path dir) throws Exception {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
