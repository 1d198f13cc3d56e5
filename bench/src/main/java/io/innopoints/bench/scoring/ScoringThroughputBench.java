package io.innopoints.bench.scoring;

import io.innopoints.bench.harness.Machine;
import io.innopoints.bench.harness.Rates;
import io.innopoints.bench.harness.BenchFlags;
import io.innopoints.bench.harness.Report;
import io.innopoints.localstack.generator.GeneratorConfig;
import io.innopoints.schemas.serde.AvroTrust;
import io.innopoints.schemas.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Catch-up throughput of scoring-stream: generates N enterprises' event log, publishes all of it to the input topics
 * of an embedded broker first (generation and producer rates measured on their own), then starts scoring-stream
 * (exactly-once v2, default configuration) and measures the time until its consumer group has no lag on any topic
 * it consumes (inputs and the by-stage topic) and the output topics stopped growing. Prints a Markdown report: events/s processed, records emitted per
 * output topic, heap and resident memory.
 */
@Command(name = "ScoringThroughputBench", mixinStandardHelpOptions = true,
        description = "Catch-up throughput of scoring-stream over a generated log (embedded broker, one JVM).")
public final class ScoringThroughputBench implements Callable<Integer> {
    @Option(names = "--quiet-seconds", defaultValue = "5",
            description = "Outputs unchanged this long (with no input lag) = caught up (default: ${DEFAULT-VALUE}).")
    int quietSeconds;

    @Option(names = "--timeout-minutes", defaultValue = "30", description = "Give up after (default: ${DEFAULT-VALUE}).")
    int timeoutMinutes;

    @Option(names = "--no-generation-pass", description = "Skip timing the generator alone before publishing.")
    boolean noGenerationPass;

    @Option(names = "--no-baseline", description = "Skip the trivial exactly-once aggregate that runs first on the "
            + "same log (the denominator of the reported ratio).")
    boolean noBaseline;

    @Option(names = "--no-rescore", description = "Skip the model ACTIVATE after the catch-up (every enterprise "
            + "rescored under a new model version).")
    boolean noRescore;

    @Option(names = "--rescore-model", defaultValue = "national-2024",
            description = "Built-in model the ACTIVATE publishes, under a new version (default: ${DEFAULT-VALUE}).")
    String rescoreModel;

    @Option(names = "--no-restore", description = "Skip the restarts: without local state (restored from the "
            + "changelogs) and, with --app-jvm, after a kill -9 with the local state kept.")
    boolean noRestore;

    @Option(names = "--app-jvm", description = "Run scoring-stream alone in its own JVM (a child process with "
            + "--app-xmx of heap; the baseline likewise): its own heap after GC and resident set are reported, and a "
            + "real kill -9 restarts it.")
    boolean appJvm;

    @Option(names = "--app-xmx", defaultValue = "1g", description = "Heap of the app's own JVM (default: ${DEFAULT-VALUE}).")
    String appXmx;

    @CommandLine.Mixin
    BenchFlags flags = new BenchFlags();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        AvroTrust.install();
        System.exit(new CommandLine(new ScoringThroughputBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        GeneratorConfig log = GeneratorConfig.defaults().withEnterprises(flags.enterprises).withSeed(flags.seed);
        Report report = new Report("ScoringThroughputBench — " + String.format("%,d", flags.enterprises) + " enterprises")
                .context("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .context("machine", Machine.describe())
                .context("commit", System.getProperty("bench.commit", "unknown"))
                .context("command", Machine.benchEnvironment() + "bench/run.sh ScoringThroughputBench " + String.join(" ",
                        spec.commandLine().getParseResult().originalArgs()))
                .context("scoring-stream", "exactly-once v2, defaults" + (flags.overrides.isEmpty() ? "" : " + " + flags.overrides)
                        + "; " + flags.partitions + " partitions per topic; broker and registry in this JVM, the app "
                        + (appJvm ? "alone in its own JVM (-Xmx" + appXmx + ")" : "in this JVM too"));
        if (!noGenerationPass) {
            System.out.println("generating the log once without sending it ...");
            long start = System.nanoTime();
            long events = ScoringRun.generateOnly(log);
            Duration generation = Duration.ofNanos(System.nanoTime() - start);
            report.row("generator alone", String.format("%,d events in %s = %s", events, Rates.seconds(generation),
                    Rates.rate(Rates.perSecond(events, generation))));
        }
        try (ScoringRun run = ScoringRun.start(flags.partitions)) {
            System.out.println("publishing the log to the input topics ...");
            ScoringRun.Published published = run.publish(log, e -> { });
            report.row("published (generate + produce, acks=all)", String.format("%,d records in %s = %s (%,d malformed "
                            + "skipped)", published.records(), Rates.seconds(published.elapsed()),
                    Rates.rate(Rates.perSecond(published.records(), published.elapsed())), published.skippedMalformed()));
            ScoringRun.CatchUp baseline = null;
            if (appJvm) {
                run.appInOwnJvm(appXmx); // the baseline too, so both sides of the ratio run alike
            }
            if (!noBaseline) {
                System.out.println("baseline: the trivial exactly-once aggregate over the same log ...");
                baseline = run.runTrivialBaseline(Duration.ofSeconds(quietSeconds), Duration.ofMinutes(timeoutMinutes));
            }
            long heapBefore = Machine.heapUsed(true);

            System.out.println("starting scoring-stream ...");
            long start = System.nanoTime();
            run.startStream(flags.overrides);
            ScoringRun.CpuMeter catchUpCpu = run.cpuMeter();
            ScoringRun.CatchUp caughtUp = run.awaitCaughtUp(start, Duration.ofSeconds(quietSeconds),
                    Duration.ofMinutes(timeoutMinutes));
            ScoringRun.CpuSplit cpu = catchUpCpu.stop();
            long heapAfter = Machine.heapUsed(true);
            long[] rss = Machine.residentSet();
            ScoringRun.OutputCounts out = run.countOutputs(ScoringRun.OUTPUTS);

            cpuRow(report, "catch-up", "CatchUp", cpu);
            report.row("start → RUNNING", Rates.seconds(caughtUp.running()))
                    .row("start → lag 0 on the input topics", Rates.seconds(caughtUp.inputLagZero()))
                    .row("start → lag 0 on every consumed topic (incl. the by-stage topic)",
                            Rates.seconds(caughtUp.allLagZero()))
                    .row("start → last output growth", Rates.seconds(caughtUp.outputSettled()))
                    .row("**processed: input records / time to last output growth**", "**" + Rates.rate(
                            Rates.perSecond(published.records(), caughtUp.outputSettled())) + "**")
                    .row("input records / time to input lag 0 (profile stage only)", Rates.rate(
                            Rates.perSecond(published.records(), caughtUp.inputLagZero())));
            double rate = Rates.perSecond(published.records(), caughtUp.outputSettled());
            if (baseline != null) {
                double baseRate = Rates.perSecond(published.records(), baseline.outputSettled());
                report.row("baseline (trivial EOS count, same log and broker): input records / time to last output",
                                Rates.rate(baseRate) + " (" + Rates.seconds(baseline.outputSettled()) + ")")
                        .row("**ratio scoring-stream ÷ baseline**", String.format("**%.3f**", rate / baseRate))
                        .value("baselineEventsPerSecond", baseRate)
                        .value("baselineSecondsToLastOutput", baseline.outputSettled().toMillis() / 1e3)
                        .value("ratioToBaseline", rate / baseRate);
            }
            for (Topic t : ScoringRun.OUTPUTS) {
                report.row(t.defaultName() + " records", String.format("%,d", out.perTopic().get(t)));
            }
            report.value("enterprises", flags.enterprises).value("inputRecords", published.records())
                    .value("publishRecordsPerSecond", Rates.perSecond(published.records(), published.elapsed()))
                    .value("secondsToRunning", caughtUp.running().toMillis() / 1e3)
                    .value("secondsToInputLagZero", caughtUp.inputLagZero().toMillis() / 1e3)
                    .value("secondsToAllLagZero", caughtUp.allLagZero().toMillis() / 1e3)
                    .value("secondsToLastOutput", caughtUp.outputSettled().toMillis() / 1e3)
                    .value("eventsPerSecond", Rates.perSecond(published.records(), caughtUp.outputSettled()))
                    .value("heapAfterGcBytesBefore", heapBefore).value("heapAfterGcBytesAfter", heapAfter)
                    .value("heapPeakSampledBytes", caughtUp.peakHeapSampled()).value("rssPeakBytes", rss[1]);
            out.perTopic().forEach((t, n) -> report.value("records." + t.defaultName(), n));
            report.row("enterprises with a score", String.format("%,d", out.enterprisesScored()))
                    .row("heap used after GC: before the app → after catch-up", Rates.mib(heapBefore) + " → "
                            + Rates.mib(heapAfter) + " (whole JVM: broker + registry + app)")
                    .row("heap used, largest sample during catch-up", Rates.mib(caughtUp.peakHeapSampled()))
                    .row("resident set now / peak", Rates.mib(rss[0]) + " / " + Rates.mib(rss[1])
                            + (appJvm ? " (this JVM: broker, registry, generator)" : ""));
            if (run.child().isPresent()) {
                appMemory(run.child().get(), "after catch-up", "AfterCatchUp", report);
            }
            if (!noRescore) {
                System.out.printf("ACTIVATE of %s: rescoring %,d enterprises ...%n", rescoreModel,
                        out.enterprisesScored());
                ScoringRun.Rescore rescore = run.activate(rescoreModel, out.enterprisesScored(),
                        Duration.ofMinutes(timeoutMinutes));
                report.row("**ACTIVATE → every enterprise scored under the new model**", String.format(
                                "**%s** (%,d enterprises, %,d scores read; %s as version %s)",
                                Rates.seconds(rescore.elapsed()), rescore.enterprises(), rescore.scoresRead(),
                                rescoreModel, rescore.version()))
                        .value("secondsActivateToAllRescored", rescore.elapsed().toMillis() / 1e3);
                rescore.growth().forEach((t, n) -> report.value("rescoreGrowth." + t.defaultName(), n));
                cpuRow(report, "rescore", "Rescore", rescore.cpu());
                report.row("output end-offset growth until then (transaction markers included)", rescore.growth()
                        .entrySet().stream().map(e -> e.getKey().defaultName() + " " + String.format("%,d", e.getValue()))
                        .collect(java.util.stream.Collectors.joining(", ")));
            }
            if (run.child().isPresent() && !noRescore) {
                appMemory(run.child().get(), "after the rescore", "AfterRescore", report);
            }
            if (!noRestore && appJvm) {
                System.out.println("kill -9 of the app, restart on its local state ...");
                restart(run, ScoringRun.Stop.KILL, false, "kill -9 → restart on the local state", "KillRestart",
                        report);
                System.out.println("kill -9 of the app, local state deleted: restoring from the changelogs ...");
                restart(run, ScoringRun.Stop.KILL, true, "kill -9 → restart without local state", "KillRestartNoState",
                        report);
            } else if (!noRestore) {
                System.out.println("restart with the local state deleted: restoring from the changelogs ...");
                restart(run, ScoringRun.Stop.CLEAN, true, "restart without local state", "RestartNoState", report);
            }
            if (baseline != null) {
                // the machine's speed drifts by tens of percent within minutes here: the baseline again, app closed,
                // brackets the ratio
                run.stopStream();
                System.out.println("baseline again, after the app ...");
                ScoringRun.CatchUp after = run.runTrivialBaseline(Duration.ofSeconds(quietSeconds),
                        Duration.ofMinutes(timeoutMinutes));
                double before = Rates.perSecond(published.records(), baseline.outputSettled());
                double afterRate = Rates.perSecond(published.records(), after.outputSettled());
                double mean = (before + afterRate) / 2;
                report.row("baseline again after the app (same log, app closed)", Rates.rate(afterRate) + " ("
                                + Rates.seconds(after.outputSettled()) + ")")
                        .row("**ratio to the mean of both baselines** (to each: before / after)", String.format(
                                "**%.3f** (%.3f / %.3f)", rate / mean, rate / before, rate / afterRate))
                        .value("baselineAfterEventsPerSecond", afterRate)
                        .value("ratioToBaselineAfter", rate / afterRate)
                        .value("ratioToBaselineMean", rate / mean);
            }
            report.note("Times are measured from the call that starts the app; lag and output end offsets are sampled "
                    + "every 250 ms, so each time is late by up to that. 'Caught up' = lag 0 on every consumed topic and no "
                    + "output growth for " + quietSeconds + " s since both the last growth and lag 0 (a catch-up "
                    + "publishes its deferred evaluations after the lag is gone). Input lag 0 comes first: the rank stage then still "
                    + "works off the by-stage topic.");
        }
        flags.publish(report);
        return 0;
    }

    private static void cpuRow(Report report, String phase, String key, ScoringRun.CpuSplit cpu) {
        report.row("CPU during the " + phase + " (cores of " + Runtime.getRuntime().availableProcessors() + ")",
                        cpu.appJvmCores() < 0 ? String.format("%.2f (one JVM: broker, registry, app, clients)",
                                cpu.thisJvmCores())
                                : String.format("app's JVM %.2f, broker's JVM %.2f (registry, the bench's clients)",
                                cpu.appJvmCores(), cpu.thisJvmCores()))
                .value("cpuCores" + key + "ThisJvm", cpu.thisJvmCores())
                .value("cpuCores" + key + "AppJvm", cpu.appJvmCores());
    }

    private static void appMemory(ChildApp app, String when, String key, Report report) throws Exception {
        long heap = app.heapAfterGc();
        long[] rss = app.residentSet();
        java.nio.file.Path histogram = app.classHistogram(key);
        if (histogram != null) {
            System.out.println("  the app's live objects by class: " + histogram);
        }
        report.row("**app alone " + when + ": heap after GC / resident set now / peak**", String.format(
                        "**%s / %s** / %s", Rates.mib(heap), Rates.mib(rss[0]), Rates.mib(rss[1])))
                .value("appHeapAfterGcBytes" + key, heap).value("appRssBytes" + key, rss[0])
                .value("appRssPeakBytes" + key, rss[1]);
    }

    private void restart(ScoringRun run, ScoringRun.Stop stop, boolean deleteState, String what, String key,
                         Report report) throws Exception {
        ScoringRun.Restore r = run.restart(stop, deleteState, Duration.ofMinutes(timeoutMinutes));
        report.row("**" + what + " → RUNNING / every store restored / lag 0**", String.format(
                        "%s / **%s** / %s (%,d store restorations, %,d records)", Rates.seconds(r.running()),
                        Rates.seconds(r.restored()), Rates.seconds(r.caughtUp()), r.storePartitions(), r.records()))
                .value("seconds" + key + "ToRunning", r.running().toMillis() / 1e3)
                .value("seconds" + key + "ToRestored", r.restored().toMillis() / 1e3)
                .value("seconds" + key + "ToCaughtUp", r.caughtUp().toMillis() / 1e3)
                .value("restoredRecords" + key, r.records());
    }
}
