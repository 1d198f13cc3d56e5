package io.innopoints.bench.scoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stretches during which a partition's last stable offset stood still while records were behind it (high watermark
 * above it): a read_committed reader sees nothing of that partition meanwhile, whoever committed those records. Fed
 * with samples of both offsets ({@link #observe}); a stretch ends at the first sample where the stable offset moved
 * or caught up, so its length is known to the sampling interval.
 */
final class StableOffsetStalls {
    /** One stretch: the partition, its first held sample (wall-clock ms) and how long it lasted. */
    record Stall(String partition, long startMillis, long millis) {
    }

    /** Per partition held now: {stable offset, first held sample}. */
    private final Map<String, long[]> open = new HashMap<>();
    private final List<Stall> ended = new ArrayList<>();

    synchronized void observe(String partition, long nowMillis, long highWatermark, long stableOffset) {
        long[] held = open.get(partition);
        boolean behind = highWatermark > stableOffset;
        if (held != null && (!behind || held[0] != stableOffset)) {
            ended.add(new Stall(partition, held[1], nowMillis - held[1]));
            open.remove(partition);
            held = null;
        }
        if (behind && held == null) {
            open.put(partition, new long[] {stableOffset, nowMillis});
        }
    }

    /**
     * For a sum of offsets that should keep growing (a topic's high watermarks): a stretch lasts while it stands
     * still, whatever its stable offsets do.
     */
    void observeGrowth(String name, long nowMillis, long offset) {
        observe(name, nowMillis, Long.MAX_VALUE, offset);
    }

    /** Every stretch that began at or after {@code fromMillis}, those still open counted up to {@code nowMillis}. */
    synchronized List<Stall> since(long fromMillis, long nowMillis) {
        List<Stall> all = new ArrayList<>(ended);
        open.forEach((partition, held) -> all.add(new Stall(partition, held[1], nowMillis - held[1])));
        return all.stream().filter(s -> s.startMillis() >= fromMillis).toList();
    }
}
