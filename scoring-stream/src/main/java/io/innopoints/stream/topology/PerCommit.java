package io.innopoints.stream.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Once per key per commit, with Kafka Streams' own record cache: a stream of touches (key = what was touched,
 * value = what the downstream processor looks up in its {@link PendingStore}) becomes a cached in-memory table,
 * which forwards each key's latest touch once when the task commits (its cache is flushed before the transaction
 * ends, so whatever the downstream processor publishes is part of the same commit) — or earlier, when the cache
 * ({@code statestore.cache.max.bytes}) is full and evicts it. No changelog: the pending work it points to is
 * re-created by reprocessing after a crash. The store under the cache keeps nothing ({@link ForgetfulStore}).
 *
 * <p>A table with many keys (one per enterprise) must {@link #forget} each touch it handed over: the record cache
 * keeps a flushed entry as a clean one, and clean entries of one table are only ever evicted by puts into the same
 * table. Filled up with them (a few MB: tens of thousands of enterprises), the thread's cache made every put into
 * another table on the thread — the rank stage's touched stages — evict that table's only, dirty entry at once, so
 * the rank stage ranked message by message instead of once per commit (JFR, national ACTIVATE: the cache's
 * evictions 39 % of the stream threads).
 */
final class PerCommit {
    private PerCommit() {
    }

    /**
     * Drops a handed-over touch from the table's record cache: a put of null caches a tombstone, which the next flush
     * neither forwards nor writes (the store below has nothing to delete) and then removes. Not {@code delete}: that
     * also looks the old value up, for nothing. Call it from the processor the touch was handed to, with the table's
     * store connected to it.
     */
    static <K> void forget(KeyValueStore<K, ?> table, K key) {
        table.put(key, null);
    }

    static <K> KStream<K, String> of(KStream<K, String> touches, String name, Serde<K> keySerde) {
        return touches
                .toTable(Named.as(name), Materialized.<K, String>as(ForgetfulStore.supplier(name))
                        .withKeySerde(keySerde).withValueSerde(Serdes.String())
                        .withCachingEnabled().withLoggingDisabled())
                .toStream(Named.as(name + "-flushed"));
    }
}
