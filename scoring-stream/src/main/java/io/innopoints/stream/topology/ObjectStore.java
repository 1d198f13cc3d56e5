package io.innopoints.stream.topology;

import java.util.Collections;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * A task's plain Java objects that its processors share, registered as a state store so Kafka Streams hands the same
 * instance to every processor of the task connected to it and re-initialises it with the task: never serialized,
 * never logged, emptied at every (re-)initialisation ({@link #clear}). What it holds must be rebuilt by reprocessing
 * or re-read from the task's durable stores.
 */
abstract class ObjectStore implements StateStore {
    private final String name;
    private boolean open;

    ObjectStore(String name) {
        this.name = name;
    }

    /** Drops everything held (at init and close). */
    abstract void clear();

    /** The builder the topology registers (no logging, no caching: there is nothing to restore). */
    static <S extends ObjectStore> StoreBuilder<S> builder(String name, Supplier<S> build) {
        return new StoreBuilder<>() {
            @Override
            public StoreBuilder<S> withCachingEnabled() {
                throw new UnsupportedOperationException(name + " holds objects; it has no cache");
            }

            @Override
            public StoreBuilder<S> withCachingDisabled() {
                return this;
            }

            @Override
            public StoreBuilder<S> withLoggingEnabled(Map<String, String> config) {
                throw new UnsupportedOperationException(name + " holds objects; it has no changelog");
            }

            @Override
            public StoreBuilder<S> withLoggingDisabled() {
                return this;
            }

            @Override
            public S build() {
                return build.get();
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

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final void init(StateStoreContext context, StateStore root) {
        clear();
        context.register(root, (key, value) -> {
            throw new IllegalStateException(name + " has no changelog to restore from");
        });
        open = true;
    }

    @Override
    public final void flush() {
        // nothing durable: the processors write the durable stores themselves
    }

    @Override
    public final void close() {
        clear();
        open = false;
    }

    @Override
    public final Position getPosition() {
        return Position.emptyPosition();
    }

    @Override
    public final boolean persistent() {
        return false;
    }

    @Override
    public final boolean isOpen() {
        return open;
    }
}
