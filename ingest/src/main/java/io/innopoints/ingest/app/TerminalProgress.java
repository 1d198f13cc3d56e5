package io.innopoints.ingest.app;

import io.innopoints.ingest.bulk.ProgressListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The bulk loader's progress bar (me.tongfei:progressbar) on stderr: position = MiB of the file read, with the
 * library's speed and ETA, and records/s plus rejected count as the extra message.
 */
final class TerminalProgress implements ProgressListener {
    private final String task;
    private ProgressBar bar;
    private long startNanos;
    private long resumed;

    TerminalProgress(String task) {
        this.task = task;
    }

    @Override
    public void start(long totalBytes, long resumedRecords) {
        startNanos = System.nanoTime();
        resumed = resumedRecords;
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(1, totalBytes / 1024))
                .setUnit(" KiB", 1).setStyle(ProgressBarStyle.ASCII).showSpeed().setUpdateIntervalMillis(500)
                .continuousUpdate().build();
    }

    @Override
    public void update(long bytesRead, long records, long rejected) {
        if (bar == null) {
            return;
        }
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        bar.stepTo(bytesRead / 1024);
        bar.setExtraMessage(String.format(" %,d rec %,.0f/s %,d rej", records, (records - resumed) / seconds, rejected));
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
