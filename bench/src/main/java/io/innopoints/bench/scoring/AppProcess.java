package io.innopoints.bench.scoring;

import io.innopoints.bench.harness.Machine;
import io.innopoints.schemas.serde.AvroTrust;
import io.innopoints.stream.app.Restores;
import io.innopoints.schemas.topic.TopicCatalog;
import io.innopoints.stream.app.ScoringStreamApp;
import io.innopoints.stream.config.ScoringConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;

/**
 * scoring-stream alone in its own JVM, for the benchmarks ({@link ChildApp} starts it): the same
 * {@link ScoringStreamApp} as {@code ScoringStreamMain}, configured from a properties file (no environment) — or,
 * with the arguments {@code trivial <application id> <bootstrap servers> <state dir>}, the baseline
 * {@link TrivialEosAggregate}, so both sides of the ratio run alike — plus a line protocol on standard streams. Every {@value #STATUS_MS} ms it prints
 * {@code status <state> <restorations started> <restoring> <records restored> <catching up>}; on the line
 * {@code heap} it collects garbage and prints {@code heap <bytes in use>}; on {@code threads} it prints
 * {@code threads <name>=<cpu nanos>...} of its Kafka Streams stream threads; on {@code close} or the end of its input
 * (the parent died) it closes the app and exits.
 */
public final class AppProcess {
    static final long STATUS_MS = 100;
    /** Kafka Streams' stream threads ({@code <client id>-StreamThread-<n>}), not their producers' network threads. */
    static final java.util.function.Predicate<String> STREAM_THREAD = name -> name.contains("-StreamThread-")
            && !name.contains("producer");

    private AppProcess() {
    }

    public static void main(String[] args) throws Exception {
        AvroTrust.install();
        ScoringRun.RunningApp app = args[0].equals("trivial") ? trivial(args[1], args[2], Path.of(args[3]))
                : scoring(Path.of(args[0]));
        serve(app);
    }

    private static ScoringRun.RunningApp trivial(String applicationId, String bootstrap, Path stateDir) {
        KafkaStreams streams = TrivialEosAggregate.create(TopicCatalog.defaults(), applicationId, bootstrap, stateDir);
        streams.start();
        return new ScoringRun.RunningApp() {
            @Override
            public KafkaStreams.State state() {
                return streams.state();
            }

            @Override
            public Restores.Progress restores() {
                return new Restores.Progress(0, 0, 0);
            }

            @Override
            public boolean catchingUp() {
                return false;
            }

            @Override
            public void close() {
                streams.close(Duration.ofSeconds(30));
            }
        };
    }

    private static ScoringRun.RunningApp scoring(Path config) throws IOException {
        Properties file = new Properties();
        try (Reader in = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
            file.load(in);
        }
        Map<String, String> props = new HashMap<>();
        file.stringPropertyNames().forEach(k -> props.put(k, file.getProperty(k)));
        return new ScoringRun.InThisJvm(ScoringStreamApp.start(ScoringConfig.from(props, Map.of())));
    }

    private static void serve(ScoringRun.RunningApp app) {
        PrintStream out = System.out;
        Thread status = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                Restores.Progress r = app.restores();
                synchronized (out) {
                    out.printf("status %s %d %d %d %b%n", app.state(), r.started(), r.active(), r.records(),
                            app.catchingUp());
                    out.flush();
                }
                try {
                    Thread.sleep(STATUS_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-app-status");
        status.setDaemon(true);
        status.start();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = readLine(commands)) != null && !line.equals("close")) {
            if (line.equals("threads")) {
                StringBuilder reply = new StringBuilder("threads");
                Machine.threadCpuNanos(STREAM_THREAD).forEach((name, cpu) -> reply.append(' ').append(name)
                        .append('=').append(cpu));
                synchronized (out) {
                    out.println(reply);
                    out.flush();
                }
            } else if (line.equals("heap")) {
                System.gc();
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                synchronized (out) {
                    out.printf("heap %d%n", used);
                    out.flush();
                }
            }
        }
        status.interrupt();
        boolean failed = app.state() == KafkaStreams.State.ERROR;
        app.close();
        System.exit(failed ? 1 : 0);
    }

    private static String readLine(BufferedReader in) {
        try {
            return in.readLine();
        } catch (IOException e) {
            return null;
        }
    }
}
