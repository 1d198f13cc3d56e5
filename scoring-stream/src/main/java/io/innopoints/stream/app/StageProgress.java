package io.innopoints.stream.app;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far this instance's rank tasks got on the by-stage topic: the partitions whose rank task runs here and the
 * offset each last took, reported by the stream threads ({@code RankIntakeProcessor}), read by the lag sampler.
 *
 * <p>The consumers' {@code records-lag} gauge cannot tell this: Kafka Streams stops fetching a partition whose task
 * has a full input buffer, so the gauge keeps its value of the last fetch — small — while a burst (a model rescore
 * of 500,000 enterprises) piles up behind it. Measured here instead as the partition's end offset minus what the
 * rank task took.
 */
final class StageProgress {
    /** The end offsets of by-stage partitions (read-committed); throws when they cannot be read. */
    @FunctionalInterface
    interface EndOffsets {
        Map<Integer, Long> of(Set<Integer> partitions);
    }

    private static final long NONE_TAKEN = -1;
    /**
     * Offsets past a partition's last record that are no messages: the commit markers of the transactions that wrote
     * to it (one per producer, i.e. per stream thread writing there, and one per aborted transaction). A rank task
     * that took everything is 0 behind; backlogs this small are the consumers' gauges' to see.
     */
    static final long MARKER_SLACK = 100;
    private final Map<Integer, Long> taken = new ConcurrentHashMap<>();

    void assigned(int partition) {
        taken.put(partition, NONE_TAKEN);
    }

    void taken(int partition, long offset) {
        taken.put(partition, offset);
    }

    void released(int partition) {
        taken.remove(partition);
    }

    /**
     * Stage messages on this instance's by-stage partitions that its rank tasks have not taken yet (a partition
     * whose task has taken nothing since it started counts 0: until then the consumer's gauge covers it).
     *
     * @throws RuntimeException when the end offsets cannot be read
     */
    long behind(EndOffsets ends) {
        if (taken.isEmpty()) {
            return 0;
        }
        Map<Integer, Long> snapshot = Map.copyOf(taken);
        Map<Integer, Long> end = ends.of(snapshot.keySet());
        long behind = 0;
        for (Map.Entry<Integer, Long> e : snapshot.entrySet()) {
            Long last = end.get(e.getKey());
            if (last != null && e.getValue() != NONE_TAKEN) {
                // the end offset is the next to be written
                behind += Math.max(0, last - e.getValue() - 1 - MARKER_SLACK);
            }
        }
        return behind;
    }
}
