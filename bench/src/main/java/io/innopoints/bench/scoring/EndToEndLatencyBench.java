package io.innopoints.bench.scoring;

import io.innopoints.bench.harness.LatencyRecorder;
import io.innopoints.bench.harness.Machine;
import io.innopoints.bench.harness.Rates;
import io.innopoints.bench.harness.BenchFlags;
import io.innopoints.bench.harness.Report;
import io.innopoints.localstack.generator.EventFlag;
import io.innopoints.localstack.generator.GeneratorConfig;
import io.innopoints.schemas.event.TaxFilingEvent;
import io.innopoints.schemas.score.RankingChange;
import io.innopoints.schemas.serde.AvroSerdes;
import io.innopoints.schemas.serde.AvroTrust;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.validation.EventValidator;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * End-to-end latency of scoring-stream with live input: publishes the generated log, lets the app catch up, then
 * sends tax filings (see {@link LiveFilings}) at a steady rate to the tax-filing topic and, for each, measures the
 * time from just before its send to the arrival of the first committed {@code enterprise-scores} record whose
 * {@code explanation.causeEventIds} holds its eventId (read_committed consumer in the same JVM, same clock).
 * Events sent in the warm-up are not counted. scoring-stream publishes one score per enterprise per commit, so two
 * filings of one enterprise within a commit arrive in one record: each is counted with its own latency, and the
 * extra ones are also reported as coalesced.
 */
@Command(name = "EndToEndLatencyBench", mixinStandardHelpOptions = true,
        description = "Produce-to-enterprise-score latency of scoring-stream at a steady event rate (embedded broker).")
public final class EndToEndLatencyBench implements Callable<Integer> {
    @Option(names = "--rate", defaultValue = "200", description = "Events per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--seconds", defaultValue = "60", description = "Measured sending time (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "90", description = "Sending time before it, not counted "
            + "(default: ${DEFAULT-VALUE}; C2 compiled for about two minutes after the start, half a core of two).")
    int warmupSeconds;

    @Option(names = "--changes-by-kind", description = "Also read and count the ranking changes by kind (a second "
            + "consumer decoding ~10,000 records/s in this JVM: it costs the app CPU, so off by default).")
    boolean changesByKind;

    @Option(names = "--linger-ms", defaultValue = "0", description = "linger.ms of the live producer (default: ${DEFAULT-VALUE}).")
    int lingerMs;

    @Option(names = "--drain-seconds", defaultValue = "30", description = "Wait this long at most for the last scores (default: ${DEFAULT-VALUE}).")
    int drainSeconds;

    @Option(names = "--timeout-minutes", defaultValue = "30",
            description = "Give up catching up on the preloaded log after (default: ${DEFAULT-VALUE}).")
    int timeoutMinutes;

    @Option(names = "--app-jvm", description = "Run scoring-stream alone in its own JVM (a child process with "
            + "--app-xmx of heap): its own CPU is then told apart from the broker's and the clients'.")
    boolean appJvm;

    @Option(names = "--app-xmx", defaultValue = "1g", description = "Heap of the app's own JVM (default: ${DEFAULT-VALUE}).")
    String appXmx;

    @CommandLine.Mixin
    BenchFlags flags = new BenchFlags();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static final String LIVE_PREFIX = "bench-live-";

    public static void main(String[] args) {
        AvroTrust.install();
        System.exit(new CommandLine(new EndToEndLatencyBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (rate < 1 || seconds < 1 || warmupSeconds < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--rate and --seconds must be at least 1, --warmup-seconds at least 0");
        }
        Report report = new Report("EndToEndLatencyBench — " + rate + " events/s for " + seconds + " s")
                .context("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .context("machine", Machine.describe())
                .context("commit", System.getProperty("bench.commit", "unknown"))
                .context("command", Machine.benchEnvironment() + "bench/run.sh EndToEndLatencyBench " + String.join(" ",
                        spec.commandLine().getParseResult().originalArgs()))
                .context("scoring-stream", "exactly-once v2, defaults" + (flags.overrides.isEmpty() ? "" : " + " + flags.overrides)
                        + "; " + flags.partitions + " partitions per topic; " + (appJvm ? "the app alone in its own "
                        + "JVM (-Xmx" + appXmx + "), broker, registry, producer and consumer in this one"
                        : "broker, registry, app, producer and consumer in this JVM"));
        LiveFilings filings = new LiveFilings();
        try (ScoringRun run = ScoringRun.start(flags.partitions)) {
            System.out.printf("publishing the %,d-enterprise log ...%n", flags.enterprises);
            ScoringRun.Published published = run.publish(GeneratorConfig.defaults().withEnterprises(flags.enterprises)
                    .withSeed(flags.seed), e -> {
                        if (e.type() == EventType.TAX_FILINGS && (e.flag() == EventFlag.ORIGINAL
                                || e.flag() == EventFlag.AMENDMENT)) {
                            filings.observe((TaxFilingEvent) e.record());
                        }
                    });
            if (appJvm) {
                run.appInOwnJvm(appXmx);
            }
            System.out.println("starting scoring-stream and waiting until it caught up ...");
            long start = System.nanoTime();
            run.startStream(flags.overrides);
            ScoringRun.CatchUp caughtUp = run.awaitCaughtUp(start, Duration.ofSeconds(5),
                    Duration.ofMinutes(timeoutMinutes));
            report.row("preloaded log", String.format("%,d records, caught up in %s", published.records(),
                    Rates.seconds(caughtUp.outputSettled())));
            measure(run, filings, report);
        }
        flags.publish(report);
        return 0;
    }

    /** The app's CPU counters and output ends when the measured sending began. */
    private record Snapshot(long nanos, long millis, Map<String, Long> streamCpu, long processCpu, long appCpu,
                            Map<Topic, Long> outputEnds) {
        static Snapshot of(ScoringRun run) throws Exception {
            return new Snapshot(System.nanoTime(), System.currentTimeMillis(), EndToEndLatencyBench.streamThreadCpu(run),
                    Machine.processCpuNanos(), run.child().map(ChildApp::cpuNanos).orElse(-1L),
                    EndToEndLatencyBench.outputEnds(run));
        }
    }

    /** What the sender did: events measured, how late its schedule slipped, how often the app was catching up. */
    private record Sending(long total, long warmup, long measured, long nanos, long maxBehindNanos, Snapshot atWarmupEnd,
                           long samples, long catchUpSamples) {
    }

    private void measure(ScoringRun run, LiveFilings filings, Report report) throws Exception {
        ByStageArrivals byStage = ByStageArrivals.start(run.stack().bootstrapServers(), run.byStageTopic(), LIVE_PREFIX);
        AtomicBoolean counting = new AtomicBoolean(); // the measured stretch: both readers count by kind
        ScoreMatcher matcher = ScoreMatcher.start(run, byStage, LIVE_PREFIX, counting);
        // whether read_committed readers are held back: an open transaction stops a partition's last stable offset
        StableOffsetSampler offsets = StableOffsetSampler.start(run.stack().bootstrapServers(),
                List.of(run.topics().name(Topic.ENTERPRISE_SCORES), run.byStageTopic()));
        AtomicBoolean stop = new AtomicBoolean();
        Map<String, AtomicLong> changeKinds = new java.util.concurrent.ConcurrentSkipListMap<>();
        Thread changeReader = changesByKind ? changeCounter(run, stop, counting, changeKinds) : new Thread(() -> { });
        changeReader.start();

        Sending sending = send(run, filings, matcher, counting);
        Snapshot begin = sending.atWarmupEnd();
        Map<String, Long> streamCpuByThread = new java.util.TreeMap<>();
        streamThreadCpu(run).forEach((name, cpu) -> streamCpuByThread.put(
                name.substring(name.lastIndexOf("StreamThread-")), cpu - begin.streamCpu().getOrDefault(name, 0L)));
        long streamCpu = streamCpuByThread.values().stream().mapToLong(Long::longValue).sum();
        long processCpu = Machine.processCpuNanos() - begin.processCpu();
        long appCpu = begin.appCpu() < 0 ? -1 : run.child().orElseThrow().cpuNanos() - begin.appCpu();
        long measuredNanos = System.nanoTime() - begin.nanos();
        Map<String, Long> outputGrowth = new java.util.TreeMap<>();
        outputEnds(run).forEach((topic, end) -> outputGrowth.put(topic.defaultName(),
                end - begin.outputEnds().getOrDefault(topic, 0L)));
        counting.set(false);
        long unmatched = matcher.awaitMeasured(Duration.ofSeconds(drainSeconds));
        stop.set(true);
        matcher.close();
        changeReader.join(10_000);
        offsets.close();
        byStage.close();
        long endMillis = System.currentTimeMillis();
        List<StableOffsetStalls.Stall> held = offsets.held().since(begin.millis(), endMillis);
        List<StableOffsetStalls.Stall> still = offsets.firstTopicStill().since(begin.millis(), endMillis);
        ScoreMatcher.Result m = matcher.result();
        LatencyRecorder.Summary s = m.all();
        LatencyRecorder.Summary hop1 = m.profileHop();
        LatencyRecorder.Summary hop2 = m.rankHop();
        report.row("sent", String.format("%,d events (+%,d warm-up) at %s achieved; schedule slipped at most %d ms",
                        sending.measured(), sending.warmup(), Rates.rate(Rates.perSecond(sending.total(),
                                Duration.ofNanos(sending.nanos()))),
                        TimeUnit.NANOSECONDS.toMillis(sending.maxBehindNanos())))
                .row("matched to the enterprise-scores record that published them", String.format("%,d", s.count()))
                .row("of which coalesced with another live filing of the enterprise (one score per commit)",
                        String.format("%,d", m.coalesced()))
                .row("no score within the drain time", String.format("%,d", unmatched))
                .row("**p50 / p95 / p99 / max**", String.format("**%d / %d / %d / %d ms**", s.p50Millis(),
                        s.p95Millis(), s.p99Millis(), s.maxMillis()))
                .row("mean", String.format("%.0f ms", s.meanMillis()))
                .row("profile hop: send → the SCORE committed on the by-stage topic, p50 / p95 / p99 / max",
                        String.format("%d / %d / %d / %d ms (%,d events)", hop1.p50Millis(), hop1.p95Millis(),
                                hop1.p99Millis(), hop1.maxMillis(), hop1.count()))
                .row("rank hop: by-stage → the score committed on enterprise-scores, p50 / p95 / p99 / max",
                        String.format("%d / %d / %d / %d ms", hop2.p50Millis(), hop2.p95Millis(), hop2.p99Millis(),
                                hop2.maxMillis()))
                .row("matched before their by-stage SCORE was read (not split)", String.format("%,d", m.notSplit()))
                .row("last stable offset held over " + SLOW_MILLIS + " ms with records behind it (an open transaction "
                        + "hides them from read_committed readers), sampled every 100 ms: stretches, the longest",
                        heldOffsets(held, begin.millis()))
                .row("enterprise-scores' high watermarks (summed) standing still over " + SLOW_MILLIS + " ms: "
                        + "stretches, the longest (the app published nothing meanwhile)",
                        heldOffsets(still, begin.millis()))
                .row("by the kind of the score that published the event: events, p50 / p99 / max", m.byKind().entrySet()
                        .stream().map(e -> String.format("%s %,d: %d / %d / %d ms", e.getKey(), e.getValue().count(),
                                e.getValue().p50Millis(), e.getValue().p99Millis(), e.getValue().maxMillis()))
                        .collect(java.util.stream.Collectors.joining("; ")))
                .row("stream threads' CPU while the measured events were sent", String.format(
                        "%.0f %% of one core (%s)", 100.0 * streamCpu / measuredNanos, shares(streamCpuByThread,
                                measuredNanos)))
                .row("the app's own JVM's CPU meanwhile (GC, JIT and RocksDB included)", appCpu < 0 ? "in this JVM"
                        : String.format("%.0f %% of one core", 100.0 * appCpu / measuredNanos))
                .row("this JVM's CPU meanwhile (broker, registry, producer, consumers" + (appCpu < 0 ? ", the app" : "")
                                + ", GC and JIT included)", String.format("%.0f %% of one core, of %d",
                        100.0 * processCpu / measuredNanos, Runtime.getRuntime().availableProcessors()))
                .row("enterprise-scores records received meanwhile, by explanation kind", m.scoresByKind().toString())
                .row("ranking-changes records received meanwhile, by kind (the subject's cohort and its kind; a "
                        + "change per cohort)", changesByKind ? changeKinds.toString() : "not counted")
                .row("output end offsets grew meanwhile by (records + one transaction marker per partition and commit)",
                        outputGrowth.toString())
                .row("time the app reported a backlog it was catching up (sweep-paced publication)", String.format(
                        "%.0f %%", sending.samples() == 0 ? 0.0 : 100.0 * sending.catchUpSamples() / sending.samples()))
                .row("resident set peak", Rates.mib(Machine.residentSet()[1]))
                .row("seconds of sending with an event over " + SLOW_MILLIS + " ms (of all measured seconds); the "
                        + "ten slowest: second since the first measured send, events over / max ms", m.slowSeconds());
        m.coalescedExamples().forEach(e -> report.note("coalesced: " + e));
        report.value("rate", rate).value("measuredEvents", sending.measured()).value("matched", s.count())
                .value("coalesced", m.coalesced()).value("missing", unmatched).value("p50Millis", s.p50Millis())
                .value("p95Millis", s.p95Millis()).value("p99Millis", s.p99Millis()).value("maxMillis", s.maxMillis())
                .value("meanMillis", s.meanMillis())
                .value("profileHopP50Millis", hop1.p50Millis()).value("profileHopP99Millis", hop1.p99Millis())
                .value("profileHopMaxMillis", hop1.maxMillis()).value("rankHopP50Millis", hop2.p50Millis())
                .value("rankHopP99Millis", hop2.p99Millis()).value("rankHopMaxMillis", hop2.maxMillis())
                .value("notSplit", m.notSplit())
                .value("stableOffsetHeldOver250", held.stream().filter(h -> h.millis() > SLOW_MILLIS).count())
                .value("scoresStillOver250", still.stream().filter(h -> h.millis() > SLOW_MILLIS).count())
                .value("scoresLongestStillMillis", still.stream().mapToLong(StableOffsetStalls.Stall::millis)
                        .max().orElse(0))
                .value("stableOffsetLongestHeldMillis", held.stream().mapToLong(StableOffsetStalls.Stall::millis)
                        .max().orElse(0))
                .value("streamThreadCpuShareOfOneCore", (double) streamCpu / measuredNanos)
                .value("processCpuShareOfOneCore", (double) processCpu / measuredNanos)
                .value("appJvmCpuShareOfOneCore", appCpu < 0 ? -1.0 : (double) appCpu / measuredNanos);
        streamCpuByThread.forEach((name, cpu) -> report.value("cpuShareOfOneCore." + name,
                (double) cpu / measuredNanos));
        m.scoresByKind().forEach((kind, n) -> report.value("scores." + kind, n));
        outputGrowth.forEach((topic, n) -> report.value("endOffsetGrowth." + topic, n));
        changeKinds.forEach((kind, n) -> report.value("changes." + kind, n.get()));
        m.byKind().forEach((kind, k) -> report.value("latency." + kind + ".count", k.count())
                .value("latency." + kind + ".p50Millis", k.p50Millis())
                .value("latency." + kind + ".p99Millis", k.p99Millis())
                .value("latency." + kind + ".maxMillis", k.maxMillis()));
        report.value("catchingUpShare", sending.samples() == 0 ? 0.0
                : (double) sending.catchUpSamples() / sending.samples());
        report.note("Latency = first poll return that delivers the matching committed score record − wall time just "
                + "before send; both in this JVM. With exactly-once a record becomes visible only when the app commits "
                + "its transaction, every commit.interval.ms (default 100 ms), and an event crosses two commits (profile and "
                + "rank tasks).");
    }

    /**
     * Sends the warm-up and the measured tax filings at {@link #rate} to random enterprises, telling the matcher each
     * one before it goes; at the warm-up's end takes the app's counters and starts counting.
     */
    @SuppressWarnings("unchecked")
    private Sending send(ScoringRun run, LiveFilings filings, ScoreMatcher matcher, AtomicBoolean counting)
            throws Exception {
        String input = run.topics().name(EventType.TAX_FILINGS);
        Map<String, Object> producerProps = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, run.stack().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        Serializer<String> keys = AvroSerdes.stringKey(run.stack().registryClient()).serializer();
        Serializer<SpecificRecord> values = (Serializer<SpecificRecord>) (Serializer<?>) AvroSerdes.value(
                TaxFilingEvent.class, run.stack().registryClient()).serializer();
        List<String> targets = filings.enterprises();
        Random random = new Random(flags.seed);
        long total = (long) rate * (warmupSeconds + seconds);
        long warmup = (long) rate * warmupSeconds;
        long measured = 0;
        long maxBehindNanos = 0;
        long catchUpSamples = 0;
        long samples = 0;
        Snapshot atWarmupEnd = null;
        LocalDate today = LocalDate.now(EventValidator.LEGAL_DATE_ZONE);
        System.out.printf("sending %,d tax filings at %d/s to %,d enterprises (%d s warm-up) ...%n", total, rate,
                targets.size(), warmupSeconds);
        long begin = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (long i = 0; i < total; i++) {
                long due = begin + i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                } else {
                    maxBehindNanos = Math.max(maxBehindNanos, -wait);
                }
                String code = targets.get(random.nextInt(targets.size()));
                String eventId = LIVE_PREFIX + i;
                long now = System.currentTimeMillis();
                TaxFilingEvent filing = filings.next(code, eventId, Instant.ofEpochMilli(now), today);
                boolean counted = i >= warmup;
                if (i == warmup) {
                    atWarmupEnd = Snapshot.of(run);
                    counting.set(true);
                }
                matcher.sent(eventId, now, counted);
                if (counted) {
                    measured++;
                }
                if (counted && i % (rate / 10 + 1) == 0) {
                    samples++; // ten samples a second of the app's mode: catching up means sweep-paced latency
                    catchUpSamples += run.catchingUp() ? 1 : 0;
                }
                producer.send(new ProducerRecord<>(input, null, now, keys.serialize(input, code),
                        values.serialize(input, filing)));
                if (i > 0 && i % (rate * 10L) == 0) {
                    System.out.printf("  %,d sent, %,d awaiting their score%n", i, matcher.awaiting());
                }
            }
            producer.flush();
        }
        return new Sending(total, warmup, measured, System.nanoTime() - begin, maxBehindNanos, atWarmupEnd, samples,
                catchUpSamples);
    }

    /** CPU time of the app's stream threads so far by name, in its own JVM or in this one. */
    private static Map<String, Long> streamThreadCpu(ScoringRun run) throws Exception {
        java.util.Optional<ChildApp> child = run.child();
        return child.isPresent() ? child.get().streamThreadCpuNanos() : Machine.threadCpuNanos(AppProcess.STREAM_THREAD);
    }

    private static final long SLOW_MILLIS = ScoreMatcher.SLOW_MILLIS;

    private static String heldOffsets(List<StableOffsetStalls.Stall> held, long fromMillis) {
        List<StableOffsetStalls.Stall> slow = held.stream().filter(h -> h.millis() > SLOW_MILLIS).toList();
        return slow.isEmpty() ? "none" : String.format("%d; %s", slow.size(), slow.stream()
                .sorted((a, b) -> Long.compare(b.millis(), a.millis())).limit(5)
                .map(h -> String.format("%s %d ms at +%.1f s", h.partition(), h.millis(),
                        (h.startMillis() - fromMillis) / 1000.0))
                .collect(java.util.stream.Collectors.joining(", ")));
    }

    /** Committed end offsets of the app's outputs that grow with live traffic. */
    private static Map<Topic, Long> outputEnds(ScoringRun run) throws Exception {
        Map<Topic, Long> ends = new java.util.EnumMap<>(Topic.class);
        for (Topic t : List.of(Topic.ENTERPRISE_SCORES, Topic.RANKING_CHANGES, Topic.LEADERBOARDS)) {
            ends.put(t, run.committedEnd(List.of(t)));
        }
        return ends;
    }

    /** Counts the committed ranking changes by kind while {@code counting} is set. */
    private static Thread changeCounter(ScoringRun run, AtomicBoolean stop, AtomicBoolean counting,
                                        Map<String, AtomicLong> byKind) throws Exception {
        KafkaConsumer<byte[], RankingChange> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, run.stack().bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(),
                AvroSerdes.value(RankingChange.class, run.stack().registryClient()).deserializer());
        List<TopicPartition> partitions = run.partitions(List.of(Topic.RANKING_CHANGES));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return new Thread(() -> {
            try (consumer) {
                while (!stop.get()) {
                    for (ConsumerRecord<byte[], RankingChange> r : consumer.poll(Duration.ofMillis(100))) {
                        if (counting.get()) {
                            byKind.computeIfAbsent(r.value().getKind().name(), k -> new AtomicLong()).incrementAndGet();
                        }
                    }
                }
            }
        }, "changes-reader");
    }

    private static String shares(Map<String, Long> cpuByThread, long nanos) {
        StringBuilder out = new StringBuilder();
        cpuByThread.forEach((name, cpu) -> out.append(out.isEmpty() ? "" : ", ").append(name).append(' ')
                .append(Math.round(100.0 * cpu / nanos)).append(" %"));
        return out.toString();
    }
}
