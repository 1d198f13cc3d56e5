package io.innopoints.stream.topology;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Work of one task that waits for the task's next commit, as plain Java objects (never serialized, never logged):
 * what an intake processor folded since the last commit, taken by the processor that publishes it when Kafka
 * Streams flushes its record cache at the commit ({@link PerCommit}). Losing it is harmless: under exactly-once an
 * uncommitted input is processed again after a crash, and the store starts empty on every (re-)initialisation.
 *
 * @param <K> what the work is grouped by (credit code, stage)
 * @param <V> the pending work
 */
final class PendingStore<K, V> extends ObjectStore {
    private final Map<K, V> pending = new LinkedHashMap<>();

    private PendingStore(String name) {
        super(name);
    }

    /** The builder the topology registers. */
    static <K, V> StoreBuilder<PendingStore<K, V>> builder(String name) {
        return ObjectStore.builder(name, () -> new PendingStore<>(name));
    }

    /** The pending work of {@code key}, created by {@code create} when there is none. */
    V computeIfAbsent(K key, Function<K, V> create) {
        return pending.computeIfAbsent(key, create);
    }

    V get(K key) {
        return pending.get(key);
    }

    void put(K key, V value) {
        pending.put(key, value);
    }

    /** Removes and returns the pending work of {@code key}, null when there is none. */
    V take(K key) {
        return pending.remove(key);
    }

    boolean contains(K key) {
        return pending.containsKey(key);
    }

    @Override
    void clear() {
        pending.clear();
    }
}
