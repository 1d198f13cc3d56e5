package io.innopoints.stream.topology;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Map;

/**
 * A task's bounded cache of decoded state (members, profiles' facts) that admits by frequency: Caffeine's
 * W-TinyLFU keeps what is read again and lets one-off reads pass through a small window. The caches were LRU maps:
 * at national scale live events hit random enterprises, each read evicted another entry after a few seconds, and
 * those entries — old enough to have been promoted — kept G1 marking its old generation most of the time (23
 * concurrent cycles a minute at 2,000 filings/s on 500,000 enterprises, `-Xmx1g`). Maintenance runs on the calling
 * (stream) thread; a task's cache is used by its thread only.
 */
final class RecentCache {
    private RecentCache() {
    }

    /** A map view of a cache holding at most {@code capacity} entries. */
    static <K, V> Map<K, V> of(int capacity) {
        return Caffeine.newBuilder().maximumSize(capacity).executor(Runnable::run).<K, V>build().asMap();
    }
}
