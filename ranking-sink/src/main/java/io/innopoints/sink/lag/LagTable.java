package io.innopoints.sink.lag;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders a {@link LagReport} as a fixed-width text table, one row per group partition (the CLI's output). */
public final class LagTable {
    private static final String[] HEADER = {"GROUP", "STATUS", "TOPIC", "PARTITION", "COMMITTED", "END(LSO)",
            "LAG", "LAG_SECONDS", "PARTITION_STATUS"};

    private LagTable() {
    }

    public static String render(LagReport report) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (GroupLag g : report.groups()) {
            if (g.latest().partitions().isEmpty()) {
                rows.add(new String[] {g.groupId(), g.status().name(), "-", "-", "-", "-", "-", "-",
                        g.latest().error() == null ? "-" : g.latest().error()});
            }
            for (PartitionLag p : g.latest().partitions()) {
                rows.add(new String[] {g.groupId(), g.status().name(), p.topic(), Integer.toString(p.partition()),
                        Long.toString(p.committedOffset()), str(p.endOffset()), str(p.lagRecords()),
                        p.lagSeconds() == null ? "?" : String.format(Locale.ROOT, "%.1f", p.lagSeconds()),
                        p.error() != null ? "ERROR " + p.error() : g.partitionStatus().get(p.key()).name()});
            }
        }
        int[] width = new int[HEADER.length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                out.append(i == r.length - 1 ? r[i] : String.format("%-" + width[i] + "s  ", r[i]));
            }
            out.append('\n');
        }
        if (report.groups().isEmpty()) {
            out.append("(no consumer groups)\n");
        }
        if (report.error() != null) {
            out.append("sampling failed: ").append(report.error()).append('\n');
        }
        return out.toString();
    }

    private static String str(Long v) {
        return v == null ? "?" : Long.toString(v);
    }
}
