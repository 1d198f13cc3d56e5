package io.innopoints.stream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentCacheTest {
    @Test
    void shouldKeepWhatIsReadAgainWhileOneOffReadsStreamThrough() {
        // Given a cache of 100 and 100 enterprises read again and again
        Map<String, Integer> cache = RecentCache.of(100);
        int hotHits = 0;

        // When each of them is read once per 1,000 reads, the other 900 on keys read once each (a nation's live
        // events on random enterprises)
        for (int i = 0; i < 100_000; i++) {
            boolean hot = i % 10 == 0;
            String key = hot ? "hot-" + (i / 10) % 100 : "once-" + i;
            if (cache.get(key) == null) {
                cache.put(key, i);
            } else if (hot && i >= 50_000) {
                hotHits++;
            }
        }

        // Then the cache stayed bounded and, in the second half, served over half of the repeated reads (an LRU map of
        // 100 evicted every entry 100 reads after its last use, long before it was read again: none)
        assertThat(cache.size()).isLessThanOrEqualTo(110);
        assertThat(hotHits).isGreaterThan(5_000 / 2);
    }
}
