package io.innopoints.bench.harness;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the run happened on, read from {@code /proc} where available (Linux): CPU model and cores, memory, load
 * average, JVM and its max heap; and this process's memory: heap used (after a GC when asked) and resident set.
 */
public final class Machine {
    private Machine() {
    }

    /**
     * The benchmark's environment variables that change what is measured (heap, JVM flags such as a flight
     * recording), as they would be typed before the command; empty when none is set.
     */
    public static String benchEnvironment() {
        StringBuilder out = new StringBuilder();
        for (String name : new String[] {"BENCH_XMX", "BENCH_JAVA_OPTS", "BENCH_APP_JAVA_OPTS"}) {
            String value = System.getenv(name);
            if (value != null && !value.isBlank()) {
                out.append(name).append("='").append(value).append("' ");
            }
        }
        return out.toString();
    }

    /** One line, e.g. {@code 2 cores (Intel Xeon …), 23 GiB RAM, load 1.52 0.80 0.40, Java 17.0.9, -Xmx 2048 MiB}. */
    public static String describe() {
        String cpu = procLine("/proc/cpuinfo", "model name").map(l -> l.substring(l.indexOf(':') + 1).trim())
                .orElse("unknown CPU");
        String mem = procLine("/proc/meminfo", "MemTotal").map(l -> kib(l) / (1024 * 1024) + " GiB RAM")
                .orElse("unknown RAM");
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + mem + ", load average "
                + loadAverage() + ", Java " + System.getProperty("java.version") + ", -Xmx "
                + Rates.mib(Runtime.getRuntime().maxMemory());
    }

    /** The 1/5/15-minute load averages, or {@code n/a}. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    /** Heap in use now; with {@code gc} after a full collection request (what is live, roughly). */
    public static long heapUsed(boolean gc) {
        if (gc) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Resident set size now and its peak ({@code VmRSS}, {@code VmHWM}) in bytes; -1 when unknown. */
    public static long[] residentSet() {
        return residentSet("self");
    }

    /** The same of another process. */
    public static long[] residentSet(long pid) {
        return residentSet(Long.toString(pid));
    }

    private static long[] residentSet(String process) {
        String status = "/proc/" + process + "/status";
        return new long[] {procLine(status, "VmRSS").map(l -> kib(l) * 1024).orElse(-1L),
                procLine(status, "VmHWM").map(l -> kib(l) * 1024).orElse(-1L)};
    }

    private static Optional<String> procLine(String file, String prefix) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            return lines.stream().filter(l -> l.startsWith(prefix)).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    /**
     * CPU time consumed so far by the live threads whose name contains {@code nameFragment} (e.g. Kafka Streams'
     * "-StreamThread-"), in nanoseconds; threads that ended are not counted, so sample while they run.
     */
    public static long threadCpuNanos(String nameFragment) {
        return threadCpuNanos(name -> name.contains(nameFragment)).values().stream().mapToLong(Long::longValue).sum();
    }

    /** CPU time of each live thread whose name matches, by name. */
    public static java.util.Map<String, Long> threadCpuNanos(java.util.function.Predicate<String> names) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && names.test(info.getThreadName())) {
                out.merge(info.getThreadName(), Math.max(0, threads.getThreadCpuTime(info.getThreadId())), Long::sum);
            }
        }
        return out;
    }

    /** CPU time (user + system) of another process from {@code /proc/<pid>/stat}, or -1 when unknown. */
    public static long processCpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // fields after the command (which may hold spaces) in parentheses: state is field 3, utime 14, stime 15
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** USER_HZ of Linux's /proc accounting (100 on every common configuration). */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    /** CPU time of this whole JVM (all threads, GC and JIT included), or -1 where the JVM does not tell. */
    public static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }
}
