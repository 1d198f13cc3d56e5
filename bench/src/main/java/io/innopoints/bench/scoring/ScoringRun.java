package io.innopoints.bench.scoring;

import io.innopoints.bench.harness.Machine;
import io.innopoints.localstack.LocalStack;
import io.innopoints.localstack.generator.GeneratedEvent;
import io.innopoints.localstack.generator.GeneratorConfig;
import io.innopoints.localstack.generator.KafkaPublisher;
import io.innopoints.localstack.generator.SampleData;
import io.innopoints.localstack.junit.TestRecords;
import io.innopoints.schemas.control.ModelAction;
import io.innopoints.schemas.control.ModelCommand;
import io.innopoints.schemas.score.EnterpriseScore;
import io.innopoints.schemas.serde.AvroSerdes;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.topic.TopicCatalog;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.stream.app.Restores;
import io.innopoints.stream.app.ScoringStreamApp;
import io.innopoints.stream.config.ScoringConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The setting both scoring benchmarks share: the embedded platform (one broker + registry, {@link LocalStack}) with
 * every catalog topic, the generator's log published to the input topics ({@link KafkaPublisher}: valid records,
 * broker timestamps), scoring-stream started in this JVM ({@link ScoringStreamApp}, its default configuration
 * except application id and state directory, plus any overrides) and the wait until it has caught up: consumer
 * group lag 0 on every topic it consumes (inputs and by-stage) and no output topic grown for a quiet period.
 */
final class ScoringRun implements AutoCloseable {
    static final List<Topic> OUTPUTS = List.of(Topic.ENTERPRISE_SCORES, Topic.RANKING_CHANGES, Topic.LEADERBOARDS,
            Topic.SCORING_STREAM_DLQ);

    private final LocalStack stack;
    private final Admin admin;
    private final TopicCatalog topics = TopicCatalog.defaults();
    private final Path workDir;
    private RunningApp app;
    private String applicationId;
    private Map<String, String> overrides = Map.of();
    /** Heap of the app's own JVM; null = the app runs in this JVM. */
    private String appXmx;

    /** The scoring-stream under measurement, in this JVM or in its own ({@link ChildApp}). */
    interface RunningApp extends AutoCloseable {
        KafkaStreams.State state();

        Restores.Progress restores();

        boolean catchingUp();

        @Override
        void close();
    }

    /** scoring-stream in the JVM that runs this code (the benchmark's, or {@link AppProcess}'s own). */
    record InThisJvm(ScoringStreamApp app) implements RunningApp {
        @Override
        public KafkaStreams.State state() {
            return app.state();
        }

        @Override
        public Restores.Progress restores() {
            return app.restores();
        }

        @Override
        public boolean catchingUp() {
            return app.catchingUp();
        }

        @Override
        public void close() {
            app.close();
        }
    }

    /** What publishing the log took. */
    record Published(long records, long skippedMalformed, Map<EventType, Long> perType, Duration elapsed) {
    }

    /**
     * When the stream caught up, measured from its start: first RUNNING, consumer lag 0 on the input topics, lag 0 on
     * every topic the group consumes (inputs and the internal by-stage topic, which the rank stage may
     * still be working off after the inputs are done), last growth seen on the outputs, and the largest heap use
     * sampled meanwhile.
     */
    record CatchUp(Duration running, Duration inputLagZero, Duration allLagZero, Duration outputSettled,
                   long peakHeapSampled) {
    }

    private ScoringRun(LocalStack stack, Path workDir) {
        this.stack = stack;
        this.workDir = workDir;
        this.admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()));
    }

    /** Starts the platform in a temporary directory and creates every catalog topic with {@code partitions}. */
    static ScoringRun start(int partitions) throws IOException {
        Path dir = Files.createTempDirectory("innopoints-bench");
        LocalStack stack = LocalStack.builder().dataDir(dir.resolve("kafka")).start();
        try {
            stack.createTopics(TopicCatalog.defaults(), partitions);
            return new ScoringRun(stack, dir);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    LocalStack stack() {
        return stack;
    }

    TopicCatalog topics() {
        return topics;
    }

    /** Iterates the generator's log without sending anything: how long generating it alone takes. */
    static long generateOnly(GeneratorConfig config) {
        long count = 0;
        try (SampleData.GeneratedLog log = SampleData.generate(config)) {
            while (log.hasNext()) {
                log.next();
                count++;
            }
        }
        return count;
    }

    /** Generates the log and publishes its valid records (acks=all, idempotent), showing each event to {@code observer}. */
    Published publish(GeneratorConfig config, Consumer<GeneratedEvent> observer) {
        long start = System.nanoTime();
        try (SampleData.GeneratedLog log = SampleData.generate(config);
             Producer<byte[], byte[]> producer = KafkaPublisher.producer(stack.bootstrapServers())) {
            Iterator<GeneratedEvent> observed = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return log.hasNext();
                }

                @Override
                public GeneratedEvent next() {
                    GeneratedEvent e = log.next();
                    observer.accept(e);
                    return e;
                }
            };
            KafkaPublisher.Result r = KafkaPublisher.publish(observed, producer, stack.registryClient(), topics);
            return new Published(r.published(), r.skippedMalformed(), r.perType(),
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** From now on scoring-stream runs alone in its own JVM with this heap ({@link ChildApp}). */
    void appInOwnJvm(String xmx) {
        this.appXmx = xmx;
    }

    /** The app in its own JVM, if it runs in one. */
    java.util.Optional<ChildApp> child() {
        return app instanceof ChildApp c ? java.util.Optional.of(c) : java.util.Optional.empty();
    }

    /** Starts scoring-stream: default configuration, a fresh application id and state directory, then {@code overrides}. */
    void startStream(Map<String, String> overrides) throws IOException {
        applicationId = "bench-scoring-" + System.currentTimeMillis();
        this.overrides = Map.copyOf(overrides);
        app = launch();
    }

    private RunningApp launch() throws IOException {
        Map<String, String> props = streamConfig();
        return appXmx == null ? new InThisJvm(ScoringStreamApp.start(ScoringConfig.from(props, Map.of())))
                : ChildApp.start(props, appXmx, workDir);
    }

    /** The app's by-stage topic, as its configuration names it. */
    String byStageTopic() throws IOException {
        return ScoringConfig.from(streamConfig(), Map.of()).byStageTopic();
    }

    private Map<String, String> streamConfig() throws IOException {
        Map<String, String> props = new HashMap<>();
        props.put(ScoringConfig.APPLICATION_ID, applicationId);
        props.put(ScoringConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
        props.put(ScoringConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
        props.put(ScoringConfig.STATE_DIR, Files.createDirectories(workDir.resolve("streams")).toString());
        props.putAll(overrides);
        // no environment: the benchmark measures the declared defaults, not whatever this shell exports
        ScoringConfig.from(props, Map.of()); // fails here, naming the key, on a bad override
        return props;
    }

    /**
     * How long a restart took: to RUNNING, to every store restoration ended (for a second), to that and consumer lag
     * 0 on every consumed topic; what it restored.
     */
    record Restore(Duration running, Duration restored, Duration caughtUp, int storePartitions, long records) {
    }

    /** How the app goes down before {@link #restart}. */
    enum Stop {
        /** {@code close()}: a last commit and checkpoint. */
        CLEAN,
        /** {@code kill -9} of the app's own JVM: no commit, no checkpoint. */
        KILL
    }

    /**
     * Stops the app ({@code stop}), deletes its local state if {@code deleteState} (a new machine, a lost disk, or a
     * crash under exactly-once without transactional stores, which wipes it) and starts it again under the same
     * application id; waits until it is RUNNING, no store restores any more and the group has no lag.
     */
    Restore restart(Stop stop, boolean deleteState, Duration timeout) throws Exception {
        if (stop == Stop.KILL) {
            child().orElseThrow(() -> new IllegalStateException("kill -9 needs the app in its own JVM")).kill();
        } else {
            app.close();
        }
        app = null;
        if (deleteState) {
            deleteRecursively(workDir.resolve("streams"));
        }
        long start = System.nanoTime();
        app = launch();
        List<String> inputs = Arrays.stream(EventType.values()).map(topics::name).toList();
        long deadline = start + timeout.toNanos();
        long running = -1;
        long quietSince = -1;
        long restored = -1;
        int startedBefore = -1;
        long lastPrint = start;
        while (true) {
            long now = System.nanoTime();
            KafkaStreams.State state = alive(applicationId, app.state(), "while restoring");
            if (running < 0 && state == KafkaStreams.State.RUNNING) {
                running = now;
            }
            Restores.Progress restores = app.restores();
            // restored: RUNNING and no restoration running or starting for a second (the tasks' stores are
            // registered with the restorer one task after another; with a current checkpoint none starts at all)
            if (running > 0 && restores.active() == 0 && restores.started() == startedBefore) {
                if (quietSince < 0) {
                    quietSince = now;
                } else if (restored < 0 && now - quietSince >= TimeUnit.SECONDS.toNanos(1)) {
                    restored = quietSince;
                }
            } else {
                quietSince = -1;
                restored = -1;
            }
            startedBefore = restores.started();
            if (restored > 0) {
                Set<String> consumed = new TreeSet<>(inputs);
                admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get().keySet()
                        .forEach(tp -> consumed.add(tp.topic()));
                if (TestRecords.lag(admin, applicationId, consumed) == 0) {
                    return new Restore(Duration.ofNanos(running - start), Duration.ofNanos(restored - start),
                            Duration.ofNanos(now - start), restores.started(), restores.records());
                }
            }
            if (now > deadline) {
                throw new IllegalStateException(applicationId + " did not restore within " + timeout + " (" + restores
                        + ")");
            }
            if (now - lastPrint > TimeUnit.SECONDS.toNanos(10)) {
                System.out.printf("  %5.0f s: %s, %s%n", (now - start) / 1e9, state, restores);
                lastPrint = now;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    /** How long an ACTIVATE took until every scored enterprise had a score under the new model version. */
    record Rescore(String version, Duration elapsed, long scoresRead, int enterprises, Map<Topic, Long> growth,
                   CpuSplit cpu) {
    }

    /**
     * CPU used during a phase, in cores (CPU seconds per wall-clock second): this JVM (broker, registry, the
     * benchmark's clients; the app too unless it runs in its own) and the app's own JVM (-1 when it runs in this one).
     */
    record CpuSplit(double thisJvmCores, double appJvmCores) {
    }

    /** A CPU meter started now: {@link CpuMeter#stop()} gives the split since then. */
    CpuMeter cpuMeter() {
        return new CpuMeter();
    }

    final class CpuMeter {
        private final long wallStart = System.nanoTime();
        private final long thisStart = Machine.processCpuNanos();
        private final long appStart = child().map(ChildApp::cpuNanos).orElse(-1L);

        CpuSplit stop() {
            double wall = System.nanoTime() - wallStart;
            long app = child().map(ChildApp::cpuNanos).orElse(-1L);
            return new CpuSplit((Machine.processCpuNanos() - thisStart) / wall,
                    app < 0 || appStart < 0 ? -1 : (app - appStart) / wall);
        }
    }

    /**
     * Publishes an ACTIVATE of the built-in model {@code modelId} under a new version to the models topic, then
     * reads the committed scores until {@code enterprises} distinct enterprises have one under that version.
     */
    Rescore activate(String modelId, int enterprises, Duration timeout) throws Exception {
        String version = "bench-" + System.currentTimeMillis();
        String yaml;
        try (java.io.InputStream in = ScoringModel.class.getClassLoader().getResourceAsStream(
                "models/" + modelId + ".yaml")) {
            if (in == null) {
                throw new IllegalArgumentException("no built-in model " + modelId);
            }
            yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replaceFirst("(?m)^version: .*$", "version: \"" + version + "\"");
        }
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], EnterpriseScore> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                AvroSerdes.value(EnterpriseScore.class, stack.registryClient()).deserializer());
             KafkaProducer<String, ModelCommand> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                     AvroSerdes.stringKey(stack.registryClient()).serializer(),
                     AvroSerdes.value(ModelCommand.class, stack.registryClient()).serializer())) {
            List<TopicPartition> tps = partitions(List.of(Topic.ENTERPRISE_SCORES));
            consumer.assign(tps);
            consumer.seekToEnd(tps);
            tps.forEach(consumer::position); // the end before the command: only what it caused is read
            Map<Topic, Long> before = new EnumMap<>(Topic.class);
            for (Topic t : OUTPUTS) {
                before.put(t, committedEnd(List.of(t)));
            }
            CpuMeter cpu = cpuMeter();
            long start = System.nanoTime();
            producer.send(new ProducerRecord<>(topics.name(Topic.SCORING_MODELS), "official", new ModelCommand(
                    "bench-activate-" + version, ModelAction.ACTIVATE, yaml, "bench", java.time.Instant.now()))).get();
            Set<String> rescored = new HashSet<>();
            long read = 0;
            long deadline = start + timeout.toNanos();
            long lastPrint = start;
            while (rescored.size() < enterprises) {
                long now = System.nanoTime();
                if (now > deadline) {
                    throw new IllegalStateException("only " + rescored.size() + " of " + enterprises
                            + " enterprises rescored within " + timeout);
                }
                if (now - lastPrint > TimeUnit.SECONDS.toNanos(5)) {
                    // the lag on the by-stage topic tells whether the rank stage keeps up
                    Set<String> consumed = new TreeSet<>();
                    admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get().keySet()
                            .forEach(tp -> consumed.add(tp.topic()));
                    System.out.printf("  %5.0f s: %,d of %,d enterprises rescored; group lag %,d%n",
                            (now - start) / 1e9, rescored.size(), enterprises,
                            TestRecords.lag(admin, applicationId, consumed));
                    lastPrint = now;
                }
                for (ConsumerRecord<byte[], EnterpriseScore> r : consumer.poll(Duration.ofMillis(200))) {
                    read++;
                    if (version.equals(r.value().getModelVersion())) {
                        rescored.add(r.value().getCreditCode());
                    }
                }
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            Map<Topic, Long> growth = new EnumMap<>(Topic.class);
            for (Topic t : OUTPUTS) {
                growth.put(t, committedEnd(List.of(t)) - before.get(t));
            }
            return new Rescore(version, elapsed, read, rescored.size(), growth, cpu.stop());
        }
    }

    /**
     * Polls until the stream's consumer group has no lag on any topic it consumes and the outputs' committed end
     * offsets have not moved for {@code quiet}; fails when the app stops or {@code timeout} passes.
     */
    CatchUp awaitCaughtUp(long startNanos, Duration quiet, Duration timeout) throws Exception {
        return awaitCaughtUp(applicationId, app::state, OUTPUTS.stream().map(topics::name).toList(), startNanos, quiet,
                timeout);
    }

    /**
     * The same setting's baseline ({@link TrivialEosAggregate}) over the published log: started, awaited until caught
     * up exactly like scoring-stream, then closed; its state is deleted so nothing of it stays for the next app.
     */
    CatchUp runTrivialBaseline(Duration quiet, Duration timeout) throws Exception {
        if (!admin.listTopics().names().get().contains(TrivialEosAggregate.OUTPUT)) { // a second run reuses it
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(TrivialEosAggregate.OUTPUT,
                    java.util.Optional.empty(), java.util.Optional.empty()))).all().get();
        }
        String id = "bench-trivial-" + System.currentTimeMillis();
        long start = System.nanoTime();
        Path stateDir = Files.createDirectories(workDir.resolve("trivial"));
        try {
            if (appXmx != null) { // like the app: alone in its own JVM
                try (ChildApp trivial = ChildApp.startTrivial(id, stack.bootstrapServers(), stateDir, appXmx)) {
                    return awaitCaughtUp(id, trivial::state, List.of(TrivialEosAggregate.OUTPUT), start, quiet,
                            timeout);
                }
            }
            try (KafkaStreams trivial = TrivialEosAggregate.create(topics, id, stack.bootstrapServers(), stateDir)) {
                trivial.start();
                return awaitCaughtUp(id, trivial::state, List.of(TrivialEosAggregate.OUTPUT), start, quiet, timeout);
            }
        } finally {
            deleteRecursively(workDir.resolve("trivial"));
        }
    }

    private CatchUp awaitCaughtUp(String applicationId, java.util.function.Supplier<KafkaStreams.State> app,
                                  List<String> outputs, long startNanos, Duration quiet, Duration timeout)
            throws Exception {
        List<String> inputs = Arrays.stream(EventType.values()).map(topics::name).toList();
        long deadline = startNanos + timeout.toNanos();
        long running = -1;
        long inputLagZero = -1;
        long lagZero = -1;
        long lastGrowth = System.nanoTime();
        long lastEnd = -1;
        long peakHeap = 0;
        long lastPrint = 0;
        while (true) {
            long now = System.nanoTime();
            KafkaStreams.State state = alive(applicationId, app.get(), "before it caught up");
            if (running < 0 && state == KafkaStreams.State.RUNNING) {
                running = now;
            }
            long inputLag = TestRecords.lag(admin, applicationId, inputs);
            Set<String> consumed = new TreeSet<>(inputs);
            admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get().keySet()
                    .forEach(tp -> consumed.add(tp.topic()));
            long lag = consumed.size() == inputs.size() ? inputLag : TestRecords.lag(admin, applicationId, consumed);
            long end = committedEndOf(outputs);
            if (end != lastEnd) {
                lastEnd = end;
                lastGrowth = now;
            }
            if (inputLag == 0 && inputLagZero < 0) {
                inputLagZero = now;
            } else if (inputLag > 0) {
                inputLagZero = -1;
            }
            if (lag == 0 && lagZero < 0) {
                lagZero = now;
            } else if (lag > 0) {
                lagZero = -1;
            }
            peakHeap = Math.max(peakHeap, Machine.heapUsed(false));
            if (now - lastPrint > TimeUnit.SECONDS.toNanos(10)) {
                System.out.printf("  %5.0f s: %s, lag %,d on the inputs, %,d in all, output end offsets %,d%n",
                        (now - startNanos) / 1e9, state, inputLag, lag, end);
                lastPrint = now;
            }
            // quiet since the lag reached 0 as well: an app may publish its deferred work only once it caught up
            if (lagZero > 0 && now - Math.max(lastGrowth, lagZero) >= quiet.toNanos()) {
                return new CatchUp(Duration.ofNanos(running - startNanos), Duration.ofNanos(inputLagZero - startNanos),
                        Duration.ofNanos(lagZero - startNanos), Duration.ofNanos(lastGrowth - startNanos), peakHeap);
            }
            if (now > deadline) {
                throw new IllegalStateException(applicationId + " did not catch up within " + timeout + " (input lag "
                        + lag + ")");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
    }

    /** Whether the running scoring-stream reports a backlog it is catching up. */
    boolean catchingUp() {
        return app != null && app.catchingUp();
    }

    /** {@code state}, unless the app stopped or failed: then an exception naming it and what it was doing. */
    private static KafkaStreams.State alive(String applicationId, KafkaStreams.State state, String doing) {
        if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
                || state == KafkaStreams.State.PENDING_ERROR) {
            throw new IllegalStateException(applicationId + " stopped (" + state + ") " + doing + "; see its log");
        }
        return state;
    }

    /** Sum of the last stable offsets of every partition of {@code outputs} (grows with each committed transaction). */
    long committedEnd(List<Topic> outputs) throws Exception {
        return committedEndOf(outputs.stream().map(topics::name).toList());
    }

    private long committedEndOf(List<String> outputs) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicPartition tp : partitionsOf(outputs)) {
            latest.put(tp, OffsetSpec.latest());
        }
        return admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                .values().stream().mapToLong(i -> i.offset()).sum();
    }

    /** Exact committed record counts of {@code outputs} (read_committed, markers and aborted records excluded). */
    OutputCounts countOutputs(List<Topic> outputs) throws Exception {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<Topic, Long> counts = new EnumMap<>(Topic.class);
        Set<ByteBuffer> scoredKeys = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> tps = partitions(outputs);
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps);
            String scores = topics.name(Topic.ENTERPRISE_SCORES);
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    Topic t = byName(r.topic());
                    counts.merge(t, 1L, Long::sum);
                    if (r.topic().equals(scores) && r.key() != null) {
                        scoredKeys.add(ByteBuffer.wrap(r.key()));
                    }
                }
            }
        }
        outputs.forEach(t -> counts.putIfAbsent(t, 0L));
        return new OutputCounts(counts, scoredKeys.size());
    }

    /** Records per output topic and distinct enterprises with at least one score. */
    record OutputCounts(Map<Topic, Long> perTopic, int enterprisesScored) {
    }

    List<TopicPartition> partitions(List<Topic> of) throws Exception {
        return partitionsOf(of.stream().map(topics::name).toList());
    }

    private List<TopicPartition> partitionsOf(List<String> names) throws Exception {
        List<TopicPartition> out = new ArrayList<>();
        admin.describeTopics(names).allTopicNames().get().forEach((name, d) ->
                d.partitions().forEach(p -> out.add(new TopicPartition(name, p.partition()))));
        return out;
    }

    private Topic byName(String name) {
        return topics.all().entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey)
                .findFirst().orElseThrow();
    }

    /** Closes scoring-stream (its state stays on disk until this run closes). */
    void stopStream() {
        if (app != null) {
            app.close();
            app = null;
        }
    }

    @Override
    public void close() {
        try {
            if (app != null) {
                app.close();
            }
        } finally {
            admin.close();
            stack.close();
            deleteRecursively(workDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
