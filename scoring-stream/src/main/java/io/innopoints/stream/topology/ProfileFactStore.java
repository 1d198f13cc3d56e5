package io.innopoints.stream.topology;

import io.innopoints.schemas.internal.EnterpriseProfile;
import io.innopoints.scoring.profile.FactFold;
import io.innopoints.scoring.profile.FactFold.Kind;
import io.innopoints.scoring.profile.FactFold.Write;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The enterprise profiles of one task as facts ({@link FactFold}) in {@value ScoringTopology#PROFILE_STORE}: key =
 * credit code ‖ {@code |} ‖ tag ‖ eventId, where the tag is the event's kind ({@code R P C T Q}) or {@code X} for a
 * retracted eventId; value = the event as received (the Confluent wire format, with its producer's schema id; stores
 * written before 2026-12-07 hold events re-encoded under subject {@code <application.id>-profile-fact-<kind>-value},
 * which read the same way), empty for a retracted id. Folding an event reads and writes
 * single facts (point lookups) and a commit writes each changed fact once; a profile is assembled for evaluation
 * with one prefix scan.
 *
 * <p>The facts of the most recently evaluated enterprises stay decoded ({@link #RECENT} per task): decoding a profile's
 * every fact on every evaluation was the largest single cost of live scoring (15 % of the stream threads at 2,000
 * filings/s). Writes go through to the store at once and update the decoded copy, so the store stays the truth; the
 * copies are the task's ({@link ProfileMemory}), shared by every processor of the task that writes facts, and live
 * and die with the task (a restore or a rebalance starts with none).
 */
final class ProfileFactStore {
    private static final StringSerializer PREFIX = new StringSerializer();
    private static final byte[] RETRACTED = new byte[0];
    private static final char RETRACTED_TAG = 'X';
    private static final String TAGS = "RPCTQ"; // by Kind ordinal
    private final KeyValueStore<String, byte[]> store;
    private final Map<Kind, Serde<SpecificRecord>> serdes = new EnumMap<>(Kind.class);
    private final Map<Kind, String> subjects = new EnumMap<>(Kind.class);
    /** Decoded facts by credit code, least recently used first (shared by the task's processors). */
    private final Map<String, Decoded> recent;

    /** Enterprises whose facts a task keeps decoded (all of a zone's; the busiest of a nation's). */
    static final int RECENT = 2_000;

    /**
     * A store over {@code recent}, the task's decoded copies ({@link #recentCopies}): every processor of the task
     * that writes facts must write through the same copies, or another's would go stale.
     */
    @SuppressWarnings("unchecked")
    ProfileFactStore(KeyValueStore<String, byte[]> store, ScoringSerdes serdes, String applicationId,
                     Map<String, Decoded> recent) {
        this.store = store;
        this.recent = recent;
        for (Kind kind : Kind.values()) {
            this.serdes.put(kind, (Serde<SpecificRecord>) serdes.value(kind.type()));
            this.subjects.put(kind, applicationId + "-profile-fact-" + kind.name().toLowerCase());
        }
    }

    /** An empty set of decoded copies that keeps the {@code capacity} most recently loaded enterprises. */
    static Map<String, Decoded> recentCopies(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Decoded> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The facts of one enterprise, read one at a time. */
    FactFold.Facts facts(String creditCode) {
        return new FactFold.Facts() {
            @Override
            public SpecificRecord event(Kind kind, String eventId) {
                byte[] bytes = store.get(key(creditCode, TAGS.charAt(kind.ordinal()), eventId));
                return bytes == null ? null : decode(kind, bytes);
            }

            @Override
            public boolean retracted(String eventId) {
                return store.get(key(creditCode, RETRACTED_TAG, eventId)) != null;
            }
        };
    }

    /**
     * Writes what folding the enterprise's events changed (the last write per fact). An event is stored as it was
     * received ({@code received}: its bytes): the Confluent wire format with its producer's schema id, which the
     * store's deserializer resolves like the input's (re-encoding it was 5 % of the stream threads' time during a
     * catch-up).
     */
    void apply(String creditCode, Collection<Write> writes, Function<SpecificRecord, byte[]> received) {
        Decoded decoded = recent.get(creditCode);
        for (Write w : writes) {
            if (w instanceof Write.Put put) {
                Kind kind = put.kind();
                String eventId = (String) put.event().get(0);
                byte[] bytes = received.apply(put.event());
                if (bytes == null) {
                    throw new IllegalStateException("no received bytes for event " + eventId + " of " + creditCode);
                }
                store.put(key(creditCode, TAGS.charAt(kind.ordinal()), eventId), bytes);
                if (decoded != null) {
                    decoded.put(kind, eventId, put.event());
                }
            } else if (w instanceof Write.Delete delete) {
                // a put of null: a delete without reading the old value first
                store.put(key(creditCode, TAGS.charAt(delete.kind().ordinal()), delete.eventId()), null);
                if (decoded != null) {
                    decoded.remove(delete.kind(), delete.eventId());
                }
            } else if (w instanceof Write.Retract retract) {
                store.put(key(creditCode, RETRACTED_TAG, retract.eventId()), RETRACTED);
                if (decoded != null) {
                    decoded.retracted().add(retract.eventId());
                }
            }
        }
    }

    /** The enterprise's profile, or null when no fact of it is stored. */
    EnterpriseProfile load(String creditCode) {
        Decoded decoded = recent.get(creditCode);
        if (decoded == null) {
            decoded = new Decoded();
            int at = creditCode.length() + 1;
            try (KeyValueIterator<String, byte[]> it = store.prefixScan(creditCode + "|", PREFIX)) {
                while (it.hasNext()) {
                    KeyValue<String, byte[]> kv = it.next();
                    char tag = kv.key.charAt(at);
                    String eventId = kv.key.substring(at + 1);
                    if (tag == RETRACTED_TAG) {
                        decoded.retracted().add(eventId);
                    } else {
                        Kind kind = kindOf(tag);
                        decoded.put(kind, eventId, decode(kind, kv.value));
                    }
                }
            }
            if (decoded.isEmpty()) {
                return null;
            }
            recent.put(creditCode, decoded);
        }
        return decoded.isEmpty() ? null : FactFold.assembleSorted(creditCode, decoded::eventsOf, decoded.retracted());
    }

    /**
     * One enterprise's facts, decoded: per kind its events in eventId order — the order
     * {@link FactFold#assembleSorted} takes them in, in arrays, so assembling a profile copies each kind's events in
     * one go (from a tree map, walking its nodes was a seventh of the stream threads at 2,000 filings/s live) — and
     * the retracted eventIds.
     */
    static final class Decoded {
        private final Map<Kind, List<SpecificRecord>> byKind = new EnumMap<>(Kind.class);
        private final NavigableSet<String> retracted = new TreeSet<>();

        void put(Kind kind, String eventId, SpecificRecord event) {
            List<SpecificRecord> events = byKind.computeIfAbsent(kind, k -> new ArrayList<>());
            int at = indexOf(events, eventId);
            if (at >= 0) {
                events.set(at, event);
            } else {
                events.add(-at - 1, event);
            }
        }

        void remove(Kind kind, String eventId) {
            List<SpecificRecord> events = byKind.get(kind);
            int at = events == null ? -1 : indexOf(events, eventId);
            if (at >= 0) {
                events.remove(at);
            }
        }

        List<SpecificRecord> eventsOf(Kind kind) {
            return byKind.get(kind);
        }

        NavigableSet<String> retracted() {
            return retracted;
        }

        boolean isEmpty() {
            return retracted.isEmpty() && byKind.values().stream().allMatch(List::isEmpty);
        }

        /** Binary search by eventId (field 0 of every event): its index, or -(insertion point) - 1. */
        private static int indexOf(List<SpecificRecord> events, String eventId) {
            return Collections.binarySearch(new AbstractList<String>() {
                @Override
                public String get(int i) {
                    return (String) events.get(i).get(0);
                }

                @Override
                public int size() {
                    return events.size();
                }
            }, eventId);
        }
    }

    private SpecificRecord decode(Kind kind, byte[] bytes) {
        return serdes.get(kind).deserializer().deserialize(subjects.get(kind), bytes);
    }

    private static Kind kindOf(char tag) {
        int i = TAGS.indexOf(tag);
        if (i < 0) {
            throw new IllegalStateException("unknown fact tag '" + tag + "' in " + ScoringTopology.PROFILE_STORE);
        }
        return Kind.values()[i];
    }

    private static String key(String creditCode, char tag, String eventId) {
        return creditCode + "|" + tag + eventId;
    }
}
