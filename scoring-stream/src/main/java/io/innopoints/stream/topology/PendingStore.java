package io.innopoints.stream.topology;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
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
final class PendingStore<K, V> implements StateStore {
    private final String name;
    private final Map<K, V> pending = new LinkedHashMap<>();
    private boolean open;

    private PendingStore(String name) {
        this.name = name;
    }

    /** The builder the topology registers (no logging, no caching: there is nothing to restore). */
    static <K, V> StoreBuilder<PendingStore<K, V>> builder(String name) {
        return new StoreBuilder<>() {
            @Override
            public StoreBuilder<PendingStore<K, V>> withCachingEnabled() {
                throw new UnsupportedOperationException(name + " holds objects; it has no cache");
            }

            @Override
            public StoreBuilder<PendingStore<K, V>> withCachingDisabled() {
                return this;
            }

            @Override
            public StoreBuilder<PendingStore<K, V>> withLoggingEnabled(Map<String, String> config) {
                throw new UnsupportedOperationException(name + " is rebuilt by reprocessing; it has no changelog");
            }

            @Override
            public StoreBuilder<PendingStore<K, V>> withLoggingDisabled() {
                return this;
            }

            @Override
            public PendingStore<K, V> build() {
                return new PendingStore<>(name);
            }

            @Override
            public Map<String, String> logConfig() {
                return Collections.emptyMap();
            }

            @Override
            public boolean loggingEnabled() {
                return false;
            }

            @Override
            public String name() {
                return name;
            }
        };
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
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        pending.clear();
        context.register(root, (key, value) -> {
            throw new IllegalStateException(name + " has no changelog to restore from");
        });
        open = true;
    }

    @Override
    public void flush() {
        // nothing durable: the work is published (and the durable stores written) at the commit by its processor
    }

    @Override
    public void close() {
        pending.clear();
        open = false;
    }

    @Override
    public Position getPosition() {
        return Position.emptyPosition();
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }
}
