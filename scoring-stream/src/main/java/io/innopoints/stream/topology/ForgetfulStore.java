package io.innopoints.stream.topology;

import java.util.Collections;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The store behind a {@link PerCommit} table: keeps nothing. Only the table's record cache matters — it holds each
 * key's latest touch until the commit and forwards it once — so the store under it, which an in-memory store would
 * fill with every key ever touched (564,000 entries, about 85 MB of heap at 500,000 enterprises), forgets every
 * write: a read finds nothing, so each flush forwards the touch as new.
 */
final class ForgetfulStore implements KeyValueStore<Bytes, byte[]> {
    private final String name;
    private boolean open;

    private ForgetfulStore(String name) {
        this.name = name;
    }

    /** A supplier for {@code Materialized.as(...)} (no changelog, no segments, no metrics scope of its own). */
    static KeyValueBytesStoreSupplier supplier(String name) {
        return new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                return new ForgetfulStore(name);
            }

            @Override
            public String metricsScope() {
                return "forgetful";
            }
        };
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        context.register(root, (key, value) -> { }); // never logged, nothing to restore
        open = true;
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public Position getPosition() {
        return Position.emptyPosition();
    }

    @Override
    public void put(Bytes key, byte[] value) {
        // forgotten: the cache above already forwarded it
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        return null;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        // forgotten
    }

    @Override
    public byte[] delete(Bytes key) {
        return null;
    }

    @Override
    public byte[] get(Bytes key) {
        return null;
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return empty();
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return empty();
    }

    @Override
    public long approximateNumEntries() {
        return 0;
    }

    private static KeyValueIterator<Bytes, byte[]> empty() {
        return new KeyValueIterator<>() {
            private final java.util.Iterator<KeyValue<Bytes, byte[]>> none = Collections.emptyIterator();

            @Override
            public void close() {
            }

            @Override
            public Bytes peekNextKey() {
                throw new java.util.NoSuchElementException();
            }

            @Override
            public boolean hasNext() {
                return none.hasNext();
            }

            @Override
            public KeyValue<Bytes, byte[]> next() {
                return none.next();
            }
        };
    }
}
