package io.innopoints.stream.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.innopoints.localstack.LocalStack;
import io.innopoints.localstack.generator.GeneratorConfig;
import io.innopoints.localstack.generator.SampleData;
import io.innopoints.localstack.kafka.ProcessCluster;
import io.innopoints.localstack.registry.EmbeddedSchemaRegistry;
import io.innopoints.schemas.registry.RestSchemaRegistryClient;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.topic.TopicCatalog;
import io.innopoints.scoring.batch.BatchResult;
import io.innopoints.scoring.batch.BatchScorer;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.stream.config.ScoringConfig;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Chaos on a real multi-process deployment: three brokers and a KRaft controller as OS processes (replication 3,
 * min ISR 2), two scoring-stream instances as their own JVMs (one group, standby replicas 1), the generator's log
 * streaming in while instances are killed with SIGKILL at seeded random points and started again at once — sometimes
 * both at once —, one
 * instance is cut off from every broker for longer than the session timeout (its tasks move; healed, the zombie is
 * fenced and rejoins), and one broker is killed and restarted. After the log drains, every enterprise's score, stage, ranks and tier equal the
 * batch reference scorer, the dead letters are exactly the malformed inputs and no ranking change appears twice;
 * then both state directories are deleted and the instances rebuild them from the changelogs, proven by sending the
 * last tenth of the log again: duplicates change nothing only for an instance that has its state back.
 * Prints a report (faults by kind, time from each fault until the group's input lag moved again) and writes it to
 * {@code target/chaos-report.json}.
 *
 * <p>Size: {@code -Dchaos.enterprises} (CI: 2,000) streamed in at {@code -Dchaos.rate} records a second (CI: 250) and {@code -Dchaos.faults} instance kills (CI: 5), seed
 * {@code -Dchaos.seed}. The full run (README, "Chaos"): 20,000 enterprises, 20 faults.
 */
class ChaosIT {
    private static final int PARTITIONS = 4;

    /**
     * One injected fault and the time until everything that had arrived on the input topics when it struck was
     * processed and committed (its tasks running again, wherever they moved).
     */
    record Fault(String kind, String target, long atMs, long inputAtFaultProcessedAfterMs) {
    }

    @Test
    @Timeout(1800)
    void shouldEndEqualToTheOracleThroughInstanceKillsAndABrokerKill() throws Exception {
        int enterprises = Integer.getInteger("chaos.enterprises", 2_000);
        int perSecond = Integer.getInteger("chaos.rate", 250);
        int instanceFaults = Integer.getInteger("chaos.faults", 5);
        long seed = Long.getLong("chaos.seed", 13);
        Random random = new Random(seed);
        Path dir = Files.createTempDirectory("chaos-it");
        List<Fault> faults = new ArrayList<>();
        long start = System.nanoTime();
        // each instance reaches the brokers through its own proxies, so one can be cut off while the other goes on
        try (ProcessCluster cluster = ProcessCluster.start(3, dir.resolve("kafka"), List.of("A", "B"))) {
            // Given the catalog's topics replicated three times and a registry on the cluster
            TopicCatalog topics = TopicCatalog.defaults();
            TopicCatalog.createMissing(cluster.admin(), List.of(new NewTopic(LocalStack.SCHEMAS_TOPIC,
                    Optional.of(1), Optional.of((short) 3)).configs(Map.of("cleanup.policy", "compact"))),
                    Duration.ofSeconds(60));
            TopicCatalog.createMissing(cluster.admin(), topics.newTopics(PARTITIONS, Optional.of((short) 3)),
                    Duration.ofSeconds(60));
            try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(cluster.bootstrapServers(), 0,
                    LocalStack.SCHEMAS_TOPIC)) {
                RestSchemaRegistryClient registryClient = new RestSchemaRegistryClient(registry.url());
                String appId = "chaos";
                Map<String, String> config = OracleEqualityIT.appConfig(cluster.bootstrapServers(), registry.url(),
                        topics, appId, dir.resolve("unused").toString());
                config.put(ScoringConfig.REPLICATION_FACTOR, "3");
                config.put(ScoringConfig.STANDBY_REPLICAS, "1");
                List<String> inputs = Arrays.stream(EventType.values()).map(topics::name).toList();
                Instances instances = new Instances(config, dir, cluster);

                // and the generator's log streaming in at a steady rate while two instances start
                GeneratorConfig log = GeneratorConfig.defaults().withEnterprises(enterprises).withSeed(seed);
                long total;
                try (var events = SampleData.stream(log)) {
                    total = events.count();
                }
                AtomicLong sent = new AtomicLong();
                List<CompletableFuture<Fault>> pending = new ArrayList<>();
                CompletableFuture<GeneratedFeed.Result> feed = CompletableFuture.supplyAsync(() -> {
                    try {
                        return GeneratedFeed.produce(cluster.bootstrapServers(), registryClient, topics, log,
                                PARTITIONS, new GeneratedFeed.Pace(perSecond, sent));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                instances.start("a");
                instances.start("b");

                // When instances are killed at seeded random points of the log while it streams in, and once a broker
                double[] points = random.doubles(instanceFaults, 0.05, 0.75).sorted().toArray();
                int brokerFaultAt = random.nextInt(instanceFaults);
                int doubleKillAt = random.nextInt(instanceFaults);
                int cutAt = instanceFaults < 2 ? -1
                        : (doubleKillAt + 1 + random.nextInt(instanceFaults - 1)) % instanceFaults;
                for (int i = 0; i < instanceFaults; i++) {
                    long point = Math.round(total * points[i]);
                    await().atMost(Duration.ofMinutes(10)).until(() -> sent.get() >= point || feed.isDone());
                    assertThat(feed).as("fault %d lands while the log streams in", i).isNotDone();
                    Map<TopicPartition, Long> arrived = arrived(cluster, inputs);
                    long at = elapsedMs(start);
                    boolean both = i == doubleKillAt || (i != cutAt && random.nextInt(4) == 0);
                    String victim = random.nextBoolean() ? "a" : "b";
                    String group = victim.toUpperCase(java.util.Locale.ROOT);
                    if (i == cutAt) {
                        // a network partition longer than the session timeout: the group gives the instance up, the
                        // other takes its tasks; healed, the zombie's transaction is fenced and it rejoins
                        cluster.cut(group);
                        long failover = recovery(cluster, appId, arrived, at, start);
                        cluster.heal(group);
                        faults.add(new Fault("network cut of an instance", victim, at, failover));
                    } else {
                        // killed and started again at once, as a supervisor would; the recovery is measured while
                        // the next faults go on (they may overlap, as crashes do)
                        List<String> victims = both ? List.of("a", "b") : List.of(victim);
                        for (String v : victims) {
                            instances.kill(v);
                        }
                        for (String v : victims) {
                            instances.start(v);
                        }
                        String kind = both ? "kill -9 both instances" : "kill -9 instance";
                        pending.add(CompletableFuture.supplyAsync(() -> new Fault(kind, String.join(",", victims), at,
                                recovery(cluster, appId, arrived, at, start))));
                    }
                    if (i == brokerFaultAt) {
                        int broker = cluster.brokerIds().get(random.nextInt(cluster.brokerIds().size()));
                        Map<TopicPartition, Long> brokerArrived = arrived(cluster, inputs);
                        long brokerAt = elapsedMs(start);
                        cluster.kill(broker);
                        long failover = recovery(cluster, appId, brokerArrived, brokerAt, start);
                        cluster.restart(broker);
                        faults.add(new Fault("kill -9 broker", Integer.toString(broker), brokerAt, failover));
                    }
                }

                // Then, once the log drained, the outputs equal the oracle's
                GeneratedFeed.Result produced = feed.get(10, TimeUnit.MINUTES);
                for (CompletableFuture<Fault> f : pending) {
                    faults.add(f.get(10, TimeUnit.MINUTES));
                }
                faults.sort(java.util.Comparator.comparingLong(Fault::atMs));
                BatchResult oracle = BatchScorer.score(ScoringModel.builtin("zone-20n"), produced.profiles(),
                        produced.end());
                try (Outputs outputs = new Outputs(cluster.bootstrapServers(), registryClient, topics)) {
                    outputs.assertEndsAtTheOracle(oracle, produced.bad(), Duration.ofMinutes(15));

                    // and every instance's state directory can be deleted and rebuilt from the changelogs: started
                    // again without them, both are sent the last tenth of the log a second time — duplicates an
                    // instance with its state ignores, while one that lost it would rescore from those alone
                    instances.close();
                    deleteRecursively(dir.resolve("state-a"));
                    deleteRecursively(dir.resolve("state-b"));
                    instances.start("a");
                    instances.start("b");
                    int resent = GeneratedFeed.resendValid(cluster.bootstrapServers(), registryClient, topics, log,
                            total * 9 / 10);
                    long rebuiltAt = elapsedMs(start);
                    long rebuilt = recovery(cluster, appId, arrived(cluster, inputs), rebuiltAt, start);
                    outputs.assertEndsAtTheOracle(oracle, produced.bad(), Duration.ofMinutes(5));
                    faults.add(new Fault("state directories deleted, " + resent + " records resent", "a,b",
                            rebuiltAt, rebuilt));
                } finally {
                    instances.close();
                }
                report(enterprises, produced.records(), seed, faults, elapsedMs(start));
                assertThat(faults).as("every planned fault injected, and the rebuild").hasSize(instanceFaults + 2);
            }
        }
        deleteRecursively(dir); // kept when the test failed: every process's log is there
    }

    /** The two scoring-stream JVMs, each with its own state directory and log. */
    private static final class Instances implements AutoCloseable {
        private final Map<String, String> config;
        private final Path dir;
        private final ProcessCluster cluster;
        private final Map<String, Process> running = new LinkedHashMap<>();

        Instances(Map<String, String> config, Path dir, ProcessCluster cluster) {
            this.config = config;
            this.dir = dir;
            this.cluster = cluster;
        }

        void start(String name) throws Exception {
            Map<String, String> own = new LinkedHashMap<>(config);
            own.put(ScoringConfig.STATE_DIR, dir.resolve("state-" + name).toString());
            own.put(ScoringConfig.BOOTSTRAP_SERVERS, cluster.bootstrapServers(name.toUpperCase(java.util.Locale.ROOT)));
            File log = dir.resolve("scoring-" + name + ".log").toFile();
            running.put(name, KillRestartIT.start(own, log));
        }

        void kill(String name) throws InterruptedException {
            Process p = running.remove(name);
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            for (Process p : running.values()) {
                p.destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            running.clear();
        }
    }

    /** Milliseconds from a fault until the group committed everything that had arrived at it. */
    private static long recovery(ProcessCluster cluster, String appId, Map<TopicPartition, Long> arrived, long atMs,
                                 long start) {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> {
                    Map<TopicPartition, Long> committed = committed(cluster, appId);
                    return arrived.entrySet().stream()
                            .allMatch(e -> committed.getOrDefault(e.getKey(), 0L) >= e.getValue());
                });
        return elapsedMs(start) - atMs;
    }

    /** The end offset of every input partition. */
    private static Map<TopicPartition, Long> arrived(ProcessCluster cluster, List<String> inputs)
            throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (String topic : inputs) {
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        cluster.admin().listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                .forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    private static Map<TopicPartition, Long> committed(ProcessCluster cluster, String appId) throws Exception {
        Map<TopicPartition, Long> out = new HashMap<>();
        cluster.admin().listConsumerGroupOffsets(appId).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                .forEach((tp, o) -> {
                    if (o != null) {
                        out.put(tp, o.offset());
                    }
                });
        return out;
    }

    private static long elapsedMs(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static void report(int enterprises, int records, long seed, List<Fault> faults, long totalMs)
            throws Exception {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("commit", commit());
        report.put("command", "./mvnw -B -pl scoring-stream -am verify -Dtest=NoSuchTest "
                + "-Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ChaosIT -Dchaos.enterprises=" + enterprises
                + " -Dchaos.faults=" + Integer.getInteger("chaos.faults", 5) + " -Dchaos.seed=" + seed);
        report.put("enterprises", enterprises);
        report.put("inputRecords", records);
        report.put("seed", seed);
        report.put("brokers", 3);
        report.put("instances", 2);
        report.put("standbyReplicas", 1);
        Map<String, Long> byKind = new LinkedHashMap<>();
        faults.forEach(f -> byKind.merge(f.kind(), 1L, Long::sum));
        report.put("faultsByKind", byKind);
        report.put("faults", faults);
        report.put("totalMs", totalMs);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        String text = json.writeValueAsString(report);
        System.out.println("chaos report:\n" + text);
        Files.writeString(Path.of("target", "chaos-report.json"), text);
    }

    private static String commit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes()).strip();
            return git.waitFor() == 0 ? out : "unknown";
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static void deleteRecursively(Path dir) throws Exception {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
