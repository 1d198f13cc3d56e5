package io.innopoints.stream.topology;

import io.innopoints.stream.domain.FactOrigin;
import io.innopoints.stream.domain.InternalCodec;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The evaluations a catch-up deferred, in {@value ScoringTopology#UNSCORED_STORE}: one entry per enterprise, key =
 * credit code, empty value. Its causes are not kept here: they are its facts read after its last evaluation
 * ({@link FactOrigin}), so an enterprise is owed with one write however many of its events a catch-up folds, and
 * cleared with one tombstone. (The layout before, one entry per cause, wrote and cleared 27 entries per enterprise of
 * a 20,000-enterprise catch-up: a fifth of the fold and a third of a sweep.)
 *
 * <p>Entries of the earlier layouts are still read and cleared, so a store written by an earlier version is owed in
 * full: credit code ‖ {@code |} ‖ eventId with an empty value (one per cause), and the credit code with the encoded
 * list of causes as its value ({@link InternalCodec#decodeCauses}); their causes are returned with the entry.
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
     * One enterprise's deferred evaluation: the causes entries of the earlier layouts hold (empty for this layout's
     * entry: its causes are its facts), and the keys to clear.
     */
    record Owed(String creditCode, List<String> legacyCauses, List<String> keys) {
    }

    /** Records that {@code creditCode}'s evaluation is deferred. */
    void owe(String creditCode) {
        store.put(creditCode, OWED);
    }

    /** Whether {@code creditCode} has this layout's entry (or the list layout's): one point lookup. */
    boolean owes(String creditCode) {
        return store.get(creditCode) != null;
    }

    /**
     * Whether anything at all is owed. One scan from the start: after a catch-up's sweeps the store holds nothing but
     * the tombstones of every entry cleared, which Kafka Streams' RocksDB iterators step over one by one (they set no
     * upper bound), so this costs about as much as one pass over them — ask it once, not per enterprise.
     */
    boolean any() {
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            return it.hasNext();
        }
    }

    /**
     * What is owed for {@code creditCode}, or null when nothing is. A range scan (for the earlier layouts' entries):
     * while the store holds many tombstones it may step over many of them, so callers ask only while something may
     * be owed ({@link ProfileMemory#mayOwe()}).
     */
    Owed of(String creditCode) {
        Collected entries = null;
        try (KeyValueIterator<String, byte[]> it = store.range(creditCode, creditCode + END)) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                if (!creditCode.equals(codeOf(kv.key))) {
                    continue; // a longer credit code that starts with this one
                }
                if (entries == null) {
                    entries = new Collected();
                }
                entries.add(kv);
            }
        }
        return entries == null ? null : entries.owed(creditCode);
    }

    /**
     * Clears what {@link #of} or {@link #chunk} returned. A put of null, not {@code delete}: that reads the old value
     * first.
     */
    void clear(Owed owed) {
        for (String key : owed.keys()) {
            store.put(key, null);
        }
    }

    /**
     * Reads the owed enterprises from credit code {@code from} on, up to {@code max} of them, into {@code out} (read
     * first: no store write while the iterator is open); returns the credit code to go on from, null at the end.
     */
    String chunk(String from, int max, List<Owed> out) {
        try (KeyValueIterator<String, byte[]> it = store.range(from, null)) {
            String current = null;
            Collected entries = null;
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                String code = codeOf(kv.key);
                if (!code.equals(current)) {
                    if (current != null) {
                        out.add(entries.owed(current));
                    }
                    if (out.size() == max) {
                        return code;
                    }
                    current = code;
                    entries = new Collected();
                }
                entries.add(kv);
            }
            if (current != null) {
                out.add(entries.owed(current));
            }
            return null;
        }
    }

    /** One enterprise's entries as they come in key order. */
    private static final class Collected {
        private final List<String> causes = new ArrayList<>(0);
        private final List<String> keys = new ArrayList<>(1);
        private boolean list;

        void add(KeyValue<String, byte[]> kv) {
            keys.add(kv.key);
            int at = kv.key.indexOf(SEPARATOR);
            if (at < 0) {
                if (kv.value.length > 0) {
                    causes.addAll(InternalCodec.decodeCauses(kv.value)); // the list layout's entry: sorts first
                    list = true;
                }
                return;
            }
            String cause = kv.key.substring(at + 1);
            // only after the list layout's entry can a cause come twice (one key per cause otherwise)
            if (!list || !causes.contains(cause)) {
                causes.add(cause);
            }
        }

        Owed owed(String creditCode) {
            return new Owed(creditCode, causes, keys);
        }
    }

    private static String codeOf(String key) {
        int at = key.indexOf(SEPARATOR);
        return at < 0 ? key : key.substring(0, at);
    }
}
