package io.innopoints.stream.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;

/**
 * Once per key per commit, with Kafka Streams' own record cache: a stream of touches (key = what was touched,
 * value = what the downstream processor looks up in its {@link PendingStore}) becomes a cached in-memory table,
 * which forwards each key's latest touch once when the task commits (its cache is flushed before the transaction
 * ends, so whatever the downstream processor publishes is part of the same commit) — or earlier, when the cache
 * ({@code statestore.cache.max.bytes}) is full and evicts it. No changelog: the pending work it points to is
 * re-created by reprocessing after a crash. The store under the cache keeps nothing ({@link ForgetfulStore}).
 */
final class PerCommit {
    private PerCommit() {
    }

    static <K> KStream<K, String> of(KStream<K, String> touches, String name, Serde<K> keySerde) {
        return touches
                .toTable(Named.as(name), Materialized.<K, String>as(ForgetfulStore.supplier(name))
                        .withKeySerde(keySerde).withValueSerde(Serdes.String())
                        .withCachingEnabled().withLoggingDisabled())
                .toStream(Named.as(name + "-flushed"));
    }
}
