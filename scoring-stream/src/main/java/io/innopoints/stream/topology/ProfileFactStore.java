package io.innopoints.stream.topology;

import io.innopoints.schemas.internal.EnterpriseProfile;
import io.innopoints.stream.domain.EnterpriseState;
import io.innopoints.stream.domain.FactOrigin;
import io.innopoints.scoring.profile.FactFold;
import io.innopoints.scoring.profile.FactFold.Kind;
import io.innopoints.scoring.profile.FactFold.Write;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
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
 * retracted eventId; value = the fact's origin ({@link FactOrigin}: byte {@value #ORIGIN}, the kind of the event that
 * wrote it, its input offset as 8 bytes) followed by the event as received (the Confluent wire format, with its
 * producer's schema id) or, for a retracted id, the retraction's eventId in UTF-8. Values written before 2026-12-07
 * have no origin: an event as received or re-encoded under subject
 * {@code <application.id>-profile-fact-<kind>-value} (both start with the wire format's zero byte), or an empty
 * retraction; they read the same way and never count as read after an evaluation. Folding an event reads and writes
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
    /** The first byte of a value with its origin (the wire format's first byte is 0). */
    static final byte ORIGIN = 1;
    /** Bytes of the origin header before a fact's payload. */
    static final int HEADER = 10;
    private static final char RETRACTED_TAG = 'X';
    private static final String TAGS = "RPCTQ"; // by Kind ordinal
    private final KeyValueStore<String, byte[]> store;
    private final Map<Kind, Serde<SpecificRecord>> serdes = new EnumMap<>(Kind.class);
    private final Map<Kind, String> subjects = new EnumMap<>(Kind.class);
    /** Decoded facts by credit code ({@link RecentCache}, shared by the task's processors). */
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

    /** An empty set of decoded copies of at most {@code capacity} enterprises, those loaded again kept first. */
    static Map<String, Decoded> recentCopies(int capacity) {
        return RecentCache.of(capacity);
    }

    /** The facts of one enterprise, read one at a time. */
    FactFold.Facts facts(String creditCode) {
        return new FactFold.Facts() {
            @Override
            public SpecificRecord event(Kind kind, String eventId) {
                byte[] bytes = store.get(key(creditCode, TAGS.charAt(kind.ordinal()), eventId));
                return bytes == null ? null : decode(kind, payload(bytes));
            }

            @Override
            public boolean retracted(String eventId) {
                return store.get(key(creditCode, RETRACTED_TAG, eventId)) != null;
            }
        };
    }

    /**
     * Writes what folding the enterprise's events changed (the last write per fact), each with its origin
     * ({@code origin}: the event that made it and where it was read). An event is stored as it was received
     * ({@code received}: its bytes): the Confluent wire format with its producer's schema id, which the store's
     * deserializer resolves like the input's (re-encoding it was 5 % of the stream threads' time during a catch-up).
     */
    void apply(String creditCode, Collection<Write> writes, Function<SpecificRecord, byte[]> received,
               Function<Write, FactOrigin> origin) {
        Decoded decoded = recent.get(creditCode);
        for (Write w : writes) {
            if (w instanceof Write.Put put) {
                Kind kind = put.kind();
                String eventId = (String) put.event().get(0);
                byte[] bytes = received.apply(put.event());
                if (bytes == null) {
                    throw new IllegalStateException("no received bytes for event " + eventId + " of " + creditCode);
                }
                FactOrigin from = origin.apply(w);
                store.put(key(creditCode, TAGS.charAt(kind.ordinal()), eventId), withOrigin(from, bytes));
                if (decoded != null) {
                    decoded.put(kind, eventId, put.event(), from);
                }
            } else if (w instanceof Write.Delete delete) {
                // a put of null: a delete without reading the old value first
                store.put(key(creditCode, TAGS.charAt(delete.kind().ordinal()), delete.eventId()), null);
                if (decoded != null) {
                    decoded.remove(delete.kind(), delete.eventId());
                }
            } else if (w instanceof Write.Retract retract) {
                FactOrigin from = origin.apply(w);
                store.put(key(creditCode, RETRACTED_TAG, retract.eventId()),
                        withOrigin(from, from.eventId().getBytes(StandardCharsets.UTF_8)));
                if (decoded != null) {
                    decoded.retract(retract.eventId(), from);
                }
            }
        }
    }

    /** The enterprise's profile, or null when no fact of it is stored. */
    EnterpriseProfile load(String creditCode) {
        Decoded decoded = decoded(creditCode);
        return decoded == null ? null
                : FactFold.assembleSorted(creditCode, decoded::eventsOf, decoded.retracted());
    }

    /**
     * Per fact kind, the highest input offset among the enterprise's facts (-1 where none has an origin): what an
     * evaluation of its profile as stored has seen.
     */
    long[] through(String creditCode) {
        Decoded decoded = decoded(creditCode);
        return decoded == null ? FactOrigin.none() : decoded.through();
    }

    /**
     * The causes of the enterprise's facts read after {@code through} (an evaluation's
     * {@link EnterpriseState#scoredThrough()}; null: every fact with an origin): eventIds in order, each once.
     */
    List<String> causesAfter(String creditCode, long[] through) {
        Decoded decoded = decoded(creditCode);
        if (decoded == null) {
            return List.of();
        }
        TreeSet<String> causes = new TreeSet<>();
        for (FactOrigin o : decoded.origins()) {
            if (o.after(through)) {
                causes.add(o.eventId());
            }
        }
        return List.copyOf(causes);
    }

    /** The enterprise's facts decoded (kept among the recent ones), or null when none is stored. */
    private Decoded decoded(String creditCode) {
        Decoded decoded = recent.get(creditCode);
        if (decoded == null) {
            decoded = new Decoded();
            int at = creditCode.length() + 1;
            try (KeyValueIterator<String, byte[]> it = store.prefixScan(creditCode + "|", PREFIX)) {
                while (it.hasNext()) {
                    KeyValue<String, byte[]> kv = it.next();
                    char tag = kv.key.charAt(at);
                    String eventId = kv.key.substring(at + 1);
                    FactOrigin origin = originOf(kv.value, tag, eventId);
                    if (tag == RETRACTED_TAG) {
                        decoded.retract(eventId, origin);
                    } else {
                        Kind kind = kindOf(tag);
                        decoded.put(kind, eventId, decode(kind, payload(kv.value)), origin);
                    }
                }
            }
            if (decoded.isEmpty()) {
                return null;
            }
            recent.put(creditCode, decoded);
        }
        return decoded.isEmpty() ? null : decoded;
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
        /** The origins of the facts that have one, by tag ‖ eventId. */
        private final Map<String, FactOrigin> origins = new HashMap<>();
        /**
         * Per kind the highest offset among {@link #origins}, kept as they change; null when a removal may have
         * lowered it (recomputed on the next {@link #through()}). Walking every origin at every evaluation was 14 %
         * of the stream threads live (2,000 filings/s, ~100 filings per enterprise by the end).
         */
        private long[] through = FactOrigin.none();

        void put(Kind kind, String eventId, SpecificRecord event, FactOrigin origin) {
            List<SpecificRecord> events = byKind.computeIfAbsent(kind, k -> new ArrayList<>());
            int at = indexOf(events, eventId);
            if (at >= 0) {
                events.set(at, event);
            } else {
                events.add(-at - 1, event);
            }
            origin(TAGS.charAt(kind.ordinal()) + eventId, origin);
        }

        void remove(Kind kind, String eventId) {
            List<SpecificRecord> events = byKind.get(kind);
            int at = events == null ? -1 : indexOf(events, eventId);
            if (at >= 0) {
                events.remove(at);
            }
            origin(TAGS.charAt(kind.ordinal()) + eventId, null);
        }

        void retract(String eventId, FactOrigin origin) {
            retracted.add(eventId);
            origin(RETRACTED_TAG + eventId, origin);
        }

        Collection<FactOrigin> origins() {
            return origins.values();
        }

        /** Per fact kind, the highest input offset among these facts' origins (-1 where none has one); a copy. */
        long[] through() {
            if (through == null) {
                through = FactOrigin.none();
                for (FactOrigin o : origins.values()) {
                    raise(o);
                }
            }
            return through.clone();
        }

        private void origin(String fact, FactOrigin origin) {
            FactOrigin replaced = origin == null ? origins.remove(fact) : origins.put(fact, origin);
            if (through != null && replaced != null && replaced.offset() >= through[replaced.kind().ordinal()]) {
                through = null; // the highest may be gone
            }
            if (through != null && origin != null) {
                raise(origin);
            }
        }

        private void raise(FactOrigin o) {
            through[o.kind().ordinal()] = Math.max(through[o.kind().ordinal()], o.offset());
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

    /** A value: the origin's header, then {@code payload}. */
    private static byte[] withOrigin(FactOrigin origin, byte[] payload) {
        ByteBuffer value = ByteBuffer.allocate(HEADER + payload.length);
        value.put(ORIGIN).put((byte) origin.kind().ordinal()).putLong(origin.offset()).put(payload);
        return value.array();
    }

    /** What follows a value's origin: the event as received, or the retraction's eventId. */
    private static byte[] payload(byte[] value) {
        return value.length > 0 && value[0] == ORIGIN ? Arrays.copyOfRange(value, HEADER, value.length) : value;
    }

    /** A stored fact's origin, null for a value written before origins were. */
    private static FactOrigin originOf(byte[] value, char tag, String eventId) {
        if (value.length == 0 || value[0] != ORIGIN) {
            return null;
        }
        ByteBuffer header = ByteBuffer.wrap(value);
        header.get();
        Kind kind = Kind.values()[header.get()];
        long offset = header.getLong();
        String cause = tag == RETRACTED_TAG
                ? new String(value, HEADER, value.length - HEADER, StandardCharsets.UTF_8) : eventId;
        return new FactOrigin(cause, kind, offset);
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
