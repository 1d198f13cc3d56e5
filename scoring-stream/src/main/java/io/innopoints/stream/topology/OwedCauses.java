package io.innopoints.stream.topology;

import io.innopoints.stream.domain.InternalCodec;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The evaluations a catch-up deferred, in {@value ScoringTopology#UNSCORED_STORE}: one entry per cause, key = credit
 * code ‖ {@code |} ‖ eventId, empty value. Deferring an event is one small write — no read, no rewrite of a growing
 * list: the earlier layout (credit code → every cause so far) read, merged and rewrote an enterprise's list at each
 * commit that touched it, a quarter of the stream threads while catching up, and its changelog took the square of
 * an enterprise's events in bytes. Causes come back in eventId order.
 *
 * <p>An entry keyed by the bare credit code is that earlier layout (value = the encoded list,
 * {@link InternalCodec#decodeCauses}); it is still read, so a store written by an earlier version is owed in full,
 * and cleared like the rest.
 */
final class OwedCauses {
    private static final byte[] OWED = new byte[0];
    private static final char SEPARATOR = '|';
    /** Sorts after every eventId character: the end of one enterprise's range. */
    private static final String END = "|\uffff";
    private final KeyValueStore<String, byte[]> store;

    OwedCauses(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    /**
     * One enterprise's deferred evaluation: its causes (the earlier layout's list first, then eventId order), and
     * whether an entry of the earlier layout holds some of them.
     */
    record Owed(String creditCode, List<String> causes, boolean legacy) {
    }

    /** Records that {@code creditCode}'s evaluation with these causes is deferred. */
    void defer(String creditCode, List<String> causes) {
        for (String cause : causes) {
            store.put(creditCode + SEPARATOR + cause, OWED);
        }
    }

    /**
     * Whether anything at all is owed. One scan from the start: after a catch-up's sweeps the store holds nothing but
     * the tombstones of every cause cleared, which Kafka Streams' RocksDB iterators step over one by one (they set no
     * upper bound), so this costs about as much as one pass over them — ask it once, not per enterprise.
     */
    boolean any() {
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            return it.hasNext();
        }
    }

    /**
     * What is owed for {@code creditCode}, or null when nothing is. A range scan: while the store holds many
     * tombstones (a catch-up's cleared causes, until RocksDB compacts them) it may step over many of them, so callers
     * ask only while something may be owed ({@link ProfileMemory#mayOwe()}).
     */
    Owed of(String creditCode) {
        Collected causes = null;
        try (KeyValueIterator<String, byte[]> it = store.range(creditCode, creditCode + END)) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                if (!creditCode.equals(codeOf(kv.key))) {
                    continue; // a longer credit code that starts with this one
                }
                if (causes == null) {
                    causes = new Collected();
                }
                causes.add(kv);
            }
        }
        return causes == null ? null : new Owed(creditCode, causes.list, causes.legacy);
    }

    /**
     * Clears what {@link #of} or {@link #chunk} returned. A put of null, not {@code delete}: that reads the old value
     * first (a RocksDB get per cause, most of a sweep's cost of clearing).
     */
    void clear(Owed owed) {
        if (owed.legacy()) {
            store.put(owed.creditCode(), null);
        }
        for (String cause : owed.causes()) {
            store.put(owed.creditCode() + SEPARATOR + cause, null);
        }
    }

    /**
     * Reads the owed enterprises from credit code {@code from} on, up to {@code max} of them, into {@code out} (read
     * first: no store write while the iterator is open); returns the credit code to go on from, null at the end.
     */
    String chunk(String from, int max, List<Owed> out) {
        try (KeyValueIterator<String, byte[]> it = store.range(from, null)) {
            String current = null;
            Collected causes = null;
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                String code = codeOf(kv.key);
                if (!code.equals(current)) {
                    if (current != null) {
                        out.add(new Owed(current, causes.list, causes.legacy));
                    }
                    if (out.size() == max) {
                        return code;
                    }
                    current = code;
                    causes = new Collected();
                }
                causes.add(kv);
            }
            if (current != null) {
                out.add(new Owed(current, causes.list, causes.legacy));
            }
            return null;
        }
    }

    /** One enterprise's causes as its entries come in key order. */
    private static final class Collected {
        private final List<String> list = new ArrayList<>();
        private boolean legacy;

        void add(KeyValue<String, byte[]> kv) {
            int at = kv.key.indexOf(SEPARATOR);
            if (at < 0) {
                list.addAll(InternalCodec.decodeCauses(kv.value)); // the earlier layout's entry: sorts first
                legacy = true;
                return;
            }
            String cause = kv.key.substring(at + 1);
            // only after an earlier layout's list can a cause come twice (one key per cause otherwise)
            if (!legacy || !list.contains(cause)) {
                list.add(cause);
            }
        }
    }

    private static String codeOf(String key) {
        int at = key.indexOf(SEPARATOR);
        return at < 0 ? key : key.substring(0, at);
    }
}
