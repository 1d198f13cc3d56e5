package io.innopoints.bench.scoring;

import io.innopoints.bench.harness.Machine;
import io.innopoints.stream.app.Restores;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.streams.KafkaStreams;

/**
 * scoring-stream in a child JVM ({@link AppProcess}) seen from the benchmark: its last reported state and
 * restorations, its heap after a collection, its resident set, and a real {@code kill -9}.
 */
final class ChildApp implements ScoringRun.RunningApp {
    /** A JVM flag that selects a collector (the JVM refuses two): one in BENCH_APP_JAVA_OPTS replaces the default. */
    private static final Pattern GC_SELECTION = Pattern.compile("^-XX:\\+Use\\w+GC$");

    private final Process process;
    private final SynchronousQueue<Long> heapReplies = new SynchronousQueue<>();
    private final SynchronousQueue<Map<String, Long>> threadReplies = new SynchronousQueue<>();
    private volatile String[] status = {"status", "CREATED", "0", "0", "0", "false"};
    private volatile boolean exited;

    private ChildApp(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readStatus, "bench-child-app-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@link AppProcess} with this JVM's class path, {@code xmx} of heap and {@code config} written to
     * {@code dir}; its log goes to {@code log} (the parent's log file name with {@code .app} before the suffix).
     */
    static ChildApp start(Map<String, String> config, String xmx, Path dir) throws IOException {
        Properties p = new Properties();
        p.putAll(config);
        Path file = dir.resolve("app.properties");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "scoring-stream in its own JVM (bench)");
        }
        return start(List.of(file.toString()), xmx, "app");
    }

    /** Starts the baseline ({@link TrivialEosAggregate}) in its own JVM the same way. */
    static ChildApp startTrivial(String applicationId, String bootstrapServers, Path stateDir, String xmx)
            throws IOException {
        return start(List.of("trivial", applicationId, bootstrapServers, stateDir.toString()), xmx, "trivial");
    }

    private static ChildApp start(List<String> args, String xmx, String logName) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + xmx, "-Dlogback.configurationFile=bench-logback.xml",
                "-Dbench.log=" + besideLog(logName + ".log"),
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=" + System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES",
                        "io.innopoints,java.lang,java.util,java.math,java.time")));
        // e.g. a flight recording of the app alone; {child} names the child ("app", "trivial"), so the baseline's
        // JVM after the app does not overwrite the app's recording
        String extra = System.getenv("BENCH_APP_JAVA_OPTS");
        List<String> extras = extra == null || extra.isBlank() ? List.of()
                : List.of(extra.trim().replace("{child}", logName).split("\\s+"));
        if (extras.stream().noneMatch(GC_SELECTION.asPredicate())) {
            command.add("-XX:+UseParallelGC"); // as the scoring-stream image runs it (jib jvmFlags)
        }
        command.addAll(extras);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), AppProcess.class.getName()));
        command.addAll(args);
        return new ChildApp(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    /** A file next to the benchmark's log: its name with {@code .<suffix>} in place of {@code .log}. */
    private static String besideLog(String suffix) {
        return System.getProperty("bench.log", "bench.log").replaceFirst("(\\.log)?$", "." + suffix);
    }

    private void readStatus() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] parts = line.split(" ");
                if (parts[0].equals("status") && parts.length == 6) {
                    status = parts;
                } else if (parts[0].equals("threads")) {
                    Map<String, Long> cpu = new java.util.TreeMap<>();
                    for (int i = 1; i < parts.length; i++) {
                        int eq = parts[i].lastIndexOf('=');
                        cpu.put(parts[i].substring(0, eq), Long.parseLong(parts[i].substring(eq + 1)));
                    }
                    threadReplies.put(cpu);
                } else if (parts[0].equals("heap") && parts.length == 2) {
                    heapReplies.put(Long.parseLong(parts[1]));
                }
            }
        } catch (IOException | InterruptedException e) {
            // the process ended
        } finally {
            exited = true;
        }
    }

    @Override
    public KafkaStreams.State state() {
        return exited ? KafkaStreams.State.NOT_RUNNING : KafkaStreams.State.valueOf(status[1]);
    }

    @Override
    public Restores.Progress restores() {
        String[] s = status;
        return new Restores.Progress(Integer.parseInt(s[2]), Integer.parseInt(s[3]), Long.parseLong(s[4]));
    }

    @Override
    public boolean catchingUp() {
        return Boolean.parseBoolean(status[5]);
    }

    /** The child's heap in use after a full collection it ran on request. */
    long heapAfterGc() throws IOException, InterruptedException {
        command("heap");
        Long bytes = heapReplies.poll(2, TimeUnit.MINUTES);
        if (bytes == null) {
            throw new IllegalStateException("the app process did not report its heap");
        }
        return bytes;
    }

    /**
     * Writes the child's live-object class histogram ({@code jcmd <pid> GC.class_histogram}, a full collection
     * first) next to the benchmark's log, named with {@code label}; returns the file, or null when jcmd failed.
     */
    Path classHistogram(String label) throws IOException, InterruptedException {
        Path file = Path.of(besideLog(label + ".histogram.txt"));
        boolean written = jcmd(ProcessBuilder.Redirect.to(file.toFile()), Duration.ofMinutes(5), "GC.class_histogram");
        if (written && System.getenv("BENCH_APP_HEAP_DUMP") != null) {
            heapDump(label);
        }
        return written ? file : null;
    }

    /**
     * With {@code BENCH_APP_HEAP_DUMP} set, also a heap dump of the live objects ({@code jcmd <pid> GC.heap_dump})
     * beside the histogram: what holds them, not only what they are (~1 GB at 500,000 enterprises; see
     * {@code bench/tools/heap-referrers.py}).
     */
    private void heapDump(String label) throws IOException, InterruptedException {
        Path file = Path.of(besideLog(label + ".hprof"));
        boolean written = jcmd(ProcessBuilder.Redirect.DISCARD, Duration.ofMinutes(10), "GC.heap_dump",
                file.toAbsolutePath().toString());
        System.out.println(written ? "  the app's heap dump: " + file : "  the app's heap dump failed (jcmd)");
    }

    /** Runs {@code jcmd <child pid> args…}; whether it ended in time and succeeded. */
    private boolean jcmd(ProcessBuilder.Redirect output, Duration timeout, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd")
                .toString(), Long.toString(process.pid())));
        command.addAll(List.of(args));
        Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
        return jcmd.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) && jcmd.exitValue() == 0;
    }

    /** CPU time of the child's stream threads so far, by thread name. */
    Map<String, Long> streamThreadCpuNanos() throws IOException, InterruptedException {
        command("threads");
        Map<String, Long> cpu = threadReplies.poll(1, TimeUnit.MINUTES);
        if (cpu == null) {
            throw new IllegalStateException("the app process did not report its threads");
        }
        return cpu;
    }

    /** The child's resident set now and its peak ({@code VmRSS}, {@code VmHWM}) in bytes. */
    long[] residentSet() {
        return Machine.residentSet(process.pid());
    }

    /** CPU time the app's JVM used so far (all its threads), or -1 when unknown. */
    long cpuNanos() {
        return Machine.processCpuNanos(process.pid());
    }

    /** {@code kill -9}: no close, no commit, no checkpoint; returns once the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                command("close");
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    process.destroyForcibly().waitFor();
                }
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }

    private void command(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }
}
