package io.innopoints.bench.scoring;

import io.innopoints.bench.harness.BenchFlags;
import io.innopoints.bench.harness.Machine;
import io.innopoints.bench.harness.Report;
import io.innopoints.localstack.LocalStack;
import io.innopoints.localstack.generator.GeneratorConfig;
import io.innopoints.localstack.generator.KafkaPublisher;
import io.innopoints.localstack.generator.SampleData;
import io.innopoints.localstack.junit.TestRecords;
import io.innopoints.localstack.kafka.ProcessCluster;
import io.innopoints.localstack.registry.EmbeddedSchemaRegistry;
import io.innopoints.schemas.registry.RestSchemaRegistryClient;
import io.innopoints.schemas.serde.AvroTrust;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.topic.TopicCatalog;
import io.innopoints.stream.config.ScoringConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Scale-out of scoring-stream (issue 13): one published log on three brokers and a KRaft controller as OS processes
 * (replication 3, min ISR 2), caught up from scratch by 1, 2 and 3 instances (each its own JVM, one consumer group,
 * standby replicas 1 when there is more than one) and, with two instances, once more without standbys. Per run:
 * events/s until the group has no lag on any topic it consumes, the time until every instance is RUNNING in a stable
 * group, the partitions each instance was assigned, the CPU the instances used; then an instance is killed with
 * SIGKILL and the fail-over is timed: until the remaining instances are RUNNING again in a stable group that owns
 * every partition. Everything shares this machine's cores — read the rates as where the time goes, not as a
 * cluster's capacity (bench/README.md).
 */
@Command(name = "ScaleOutBench", mixinStandardHelpOptions = true,
        description = "Catch-up and fail-over of 1, 2 and 3 scoring-stream instances on a 3-broker process cluster.")
public final class ScaleOutBench implements Callable<Integer> {
    @Option(names = "--instances", split = ",", defaultValue = "1,2,3",
            description = "Instance counts to run, in order (default: ${DEFAULT-VALUE}).")
    List<Integer> instanceCounts;

    @Option(names = "--no-standby-comparison",
            description = "Skip the second two-instance run without standby replicas.")
    boolean noStandbyComparison;

    @Option(names = "--app-xmx", defaultValue = "768m", description = "Heap of each instance (default: ${DEFAULT-VALUE}).")
    String appXmx;

    @Option(names = "--timeout-minutes", defaultValue = "30", description = "Give up on a run after (default: ${DEFAULT-VALUE}).")
    int timeoutMinutes;

    @CommandLine.Mixin
    BenchFlags flags = new BenchFlags();

    /** One configuration: how many instances, with how many standby replicas each task has. */
    record Setup(int instances, int standbys) {
        String label() {
            return instances + " instance" + (instances == 1 ? "" : "s") + ", standby replicas " + standbys;
        }
    }

    /** What one run measured. */
    record Run(Setup setup, double stableSeconds, double caughtUpSeconds, double eventsPerSecond, double cores,
               List<String> assignment, double failoverSeconds) {
    }

    public static void main(String[] args) {
        AvroTrust.install();
        System.exit(new CommandLine(new ScaleOutBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<Setup> setups = new ArrayList<>();
        for (int n : instanceCounts) {
            setups.add(new Setup(n, n > 1 ? 1 : 0));
            if (n == 2 && !noStandbyComparison) {
                setups.add(new Setup(2, 0));
            }
        }
        Path dir = Files.createTempDirectory("innopoints-scaleout");
        TopicCatalog topics = TopicCatalog.defaults();
        List<Run> runs = new ArrayList<>();
        long records;
        try (ProcessCluster cluster = ProcessCluster.start(3, dir.resolve("kafka"))) {
            TopicCatalog.createMissing(cluster.admin(), List.of(new NewTopic(LocalStack.SCHEMAS_TOPIC,
                    Optional.of(1), Optional.of((short) 3)).configs(Map.of("cleanup.policy", "compact"))),
                    Duration.ofSeconds(60));
            TopicCatalog.createMissing(cluster.admin(), topics.newTopics(flags.partitions, Optional.of((short) 3)),
                    Duration.ofSeconds(60));
            try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(cluster.bootstrapServers(), 0,
                    LocalStack.SCHEMAS_TOPIC)) {
                GeneratorConfig config = GeneratorConfig.defaults().withEnterprises(flags.enterprises)
                        .withSeed(flags.seed);
                System.out.printf("publishing %,d enterprises' log to %d partitions per topic …%n", flags.enterprises,
                        flags.partitions);
                try (SampleData.GeneratedLog log = SampleData.generate(config);
                     Producer<byte[], byte[]> producer = KafkaPublisher.producer(cluster.bootstrapServers())) {
                    records = KafkaPublisher.publish(log, producer, new RestSchemaRegistryClient(registry.url()),
                            topics).published();
                }
                for (Setup setup : setups) {
                    System.out.printf("%s …%n", setup.label());
                    Run run = run(setup, cluster, registry.url(), topics, records, dir);
                    System.out.printf("  stable %.1f s, caught up %.1f s (%,.0f events/s, %.2f cores), fail-over "
                            + "%.1f s; %s%n", run.stableSeconds(), run.caughtUpSeconds(), run.eventsPerSecond(),
                            run.cores(), run.failoverSeconds(), run.assignment());
                    runs.add(run);
                }
            }
        }
        flags.publish(report(records, runs));
        return 0;
    }

    private Run run(Setup setup, ProcessCluster cluster, String registryUrl, TopicCatalog topics, long records,
                    Path dir) throws Exception {
        String applicationId = "scaleout-" + setup.instances() + "-" + setup.standbys() + "-" + System.currentTimeMillis();
        List<ChildApp> apps = new ArrayList<>();
        Admin admin = cluster.admin();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(timeoutMinutes);
        try {
            long start = System.nanoTime();
            for (int i = 0; i < setup.instances(); i++) {
                Path own = Files.createDirectories(dir.resolve(applicationId).resolve("instance-" + i));
                Map<String, String> props = new HashMap<>();
                props.put(ScoringConfig.APPLICATION_ID, applicationId);
                props.put(ScoringConfig.BOOTSTRAP_SERVERS, cluster.bootstrapServers());
                props.put(ScoringConfig.SCHEMA_REGISTRY_URL, registryUrl);
                props.put(ScoringConfig.STATE_DIR, own.resolve("state").toString());
                props.put(ScoringConfig.REPLICATION_FACTOR, "3");
                props.put(ScoringConfig.STANDBY_REPLICAS, Integer.toString(setup.standbys()));
                props.putAll(flags.overrides);
                ScoringConfig.from(props, Map.of()); // fails here, naming the key, on a bad override
                apps.add(ChildApp.start(props, appXmx, own));
            }
            long cpuStart = apps.stream().mapToLong(ChildApp::cpuNanos).sum();
            long stable = -1;
            long caughtUp = -1;
            List<String> assignment = List.of();
            List<String> inputs = Arrays.stream(EventType.values()).map(topics::name).toList();
            long lastPrint = start;
            while (caughtUp < 0) {
                long now = System.nanoTime();
                if (stable < 0 && allRunning(apps) && stableGroupOf(admin, applicationId, apps.size()).isPresent()) {
                    stable = now;
                    assignment = assignment(stableGroupOf(admin, applicationId, apps.size()).orElseThrow());
                }
                if (stable > 0) {
                    TreeSet<String> consumed = new TreeSet<>(inputs);
                    admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get().keySet()
                            .forEach(tp -> consumed.add(tp.topic()));
                    if (consumed.size() > inputs.size() && TestRecords.lag(admin, applicationId, consumed) == 0) {
                        caughtUp = now;
                    }
                }
                if (now - lastPrint > TimeUnit.SECONDS.toNanos(10)) {
                    lastPrint = now;
                    System.out.printf("  %5.0f s: %s; group %s%n", (now - start) / 1e9,
                            apps.stream().map(a -> a.state().toString()).toList(), describe(admin, applicationId));
                }
                checkDeadline(deadline, applicationId, "catching up");
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
            double cores = (apps.stream().mapToLong(ChildApp::cpuNanos).sum() - cpuStart) / (double) (caughtUp - start);
            double failover = -1;
            if (apps.size() > 1) {
                ChildApp victim = apps.remove(0);
                long killed = System.nanoTime();
                victim.kill();
                // the survivors leave RUNNING once the group gives the dead member up (its session timeout)
                while (stableGroupOf(admin, applicationId, apps.size()).isEmpty() || !allRunning(apps)) {
                    checkDeadline(deadline, applicationId, "failing over");
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                }
                failover = (System.nanoTime() - killed) / 1e9;
            }
            return new Run(setup, (stable - start) / 1e9, (caughtUp - start) / 1e9, records / ((caughtUp - start) / 1e9),
                    cores, assignment, failover);
        } finally {
            for (ChildApp app : apps) {
                app.close();
            }
        }
    }

    private static boolean allRunning(List<ChildApp> apps) {
        return apps.stream().allMatch(a -> a.state() == KafkaStreams.State.RUNNING);
    }

    /**
     * The group, when it is stable with members of exactly {@code instances} instances (one member per stream thread)
     * and every member owns partitions.
     */
    private static Optional<ConsumerGroupDescription> stableGroupOf(Admin admin, String groupId, int instances)
            throws Exception {
        ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId)
                .get(30, TimeUnit.SECONDS);
        boolean stable = d.groupState() == org.apache.kafka.common.GroupState.STABLE
                && byInstance(d).size() == instances
                && d.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
        return stable ? Optional.of(d) : Optional.empty();
    }

    /** The members by instance: a stream thread's client id is {@code <instance>-StreamThread-<n>-consumer}. */
    private static Map<String, List<MemberDescription>> byInstance(ConsumerGroupDescription group) {
        Map<String, List<MemberDescription>> out = new java.util.TreeMap<>();
        for (MemberDescription m : group.members()) {
            String id = m.clientId();
            int thread = id.indexOf("-StreamThread-");
            out.computeIfAbsent(thread < 0 ? id : id.substring(0, thread), k -> new ArrayList<>()).add(m);
        }
        return out;
    }

    /** The group's state, instances and the lag on what it consumes, for the progress lines. */
    private static String describe(Admin admin, String groupId) {
        try {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId)
                    .get(30, TimeUnit.SECONDS);
            TreeSet<String> consumed = new TreeSet<>();
            admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get().keySet()
                    .forEach(tp -> consumed.add(tp.topic()));
            return d.groupState() + ", " + byInstance(d).size() + " instances, lag "
                    + (consumed.isEmpty() ? "-" : TestRecords.lag(admin, groupId, consumed)) + " on " + consumed.size()
                    + " topics";
        } catch (Exception e) {
            return "not described (" + e + ")";
        }
    }

    /** Per instance: how many partitions of the input topics and of the by-stage topic its threads consume. */
    private static List<String> assignment(ConsumerGroupDescription group) {
        List<String> out = new ArrayList<>();
        for (List<MemberDescription> threads : byInstance(group).values()) {
            long byStage = 0;
            long all = 0;
            for (MemberDescription m : threads) {
                all += m.assignment().topicPartitions().size();
                byStage += m.assignment().topicPartitions().stream().filter(tp -> tp.topic().endsWith("-by-stage"))
                        .count();
            }
            out.add((all - byStage) + " input + " + byStage + " by-stage partitions over " + threads.size()
                    + " threads");
        }
        out.sort(null);
        return out;
    }

    private static void checkDeadline(long deadline, String applicationId, String doing) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(applicationId + ": gave up " + doing);
        }
    }

    private Report report(long records, List<Run> runs) {
        Report r = new Report("ScaleOutBench — " + flags.enterprises + " enterprises on 3 brokers (processes)");
        r.context("machine", Machine.describe());
        r.context("commit", System.getProperty("bench.commit", "unknown"));
        r.context("command", "bench/run.sh ScaleOutBench --enterprises " + flags.enterprises + " --partitions "
                + flags.partitions + " --instances " + instanceCounts.toString().replaceAll("[\\[\\] ]", "")
                + " --app-xmx " + appXmx);
        r.context("cluster", "3 brokers + 1 KRaft controller as OS processes, replication 3, min ISR 2; "
                + flags.partitions + " partitions per input topic; every instance its own JVM (-Xmx" + appXmx + ")");
        r.row("input records", String.format("%,d", records));
        r.value("records", records);
        for (Run run : runs) {
            String key = run.setup().instances() + "i" + run.setup().standbys() + "s";
            r.row(run.setup().label(), String.format("stable group %.1f s; caught up %.1f s = %,.0f events/s, %.2f "
                            + "cores; fail-over after kill -9 %s; assignment %s", run.stableSeconds(),
                    run.caughtUpSeconds(), run.eventsPerSecond(), run.cores(),
                    run.failoverSeconds() < 0 ? "—" : String.format("%.1f s", run.failoverSeconds()), run.assignment()));
            r.value(key + ".eventsPerSecond", run.eventsPerSecond());
            r.value(key + ".caughtUpSeconds", run.caughtUpSeconds());
            r.value(key + ".stableSeconds", run.stableSeconds());
            r.value(key + ".cores", run.cores());
            r.value(key + ".failoverSeconds", run.failoverSeconds());
        }
        return r;
    }
}
