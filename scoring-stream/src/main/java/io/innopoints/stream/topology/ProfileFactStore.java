package io.innopoints.stream.topology;

import io.innopoints.schemas.internal.EnterpriseProfile;
import io.innopoints.scoring.profile.FactFold;
import io.innopoints.scoring.profile.FactFold.Kind;
import io.innopoints.scoring.profile.FactFold.Write;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The enterprise profiles of one task as facts ({@link FactFold}) in {@value ScoringTopology#PROFILE_STORE}: key =
 * credit code ‖ {@code |} ‖ tag ‖ eventId, where the tag is the event's kind ({@code R P C T Q}) or {@code X} for a
 * retracted eventId; value = the event in the Confluent wire format (subject
 * {@code <application.id>-profile-fact-<kind>-value}), empty for a retracted id. Folding an event reads and writes
 * single facts (point lookups) and a commit writes each changed fact once; a profile is assembled for evaluation
 * with one prefix scan.
 */
final class ProfileFactStore {
    private static final StringSerializer PREFIX = new StringSerializer();
    private static final byte[] RETRACTED = new byte[0];
    private static final char RETRACTED_TAG = 'X';
    private static final String TAGS = "RPCTQ"; // by Kind ordinal
    private final KeyValueStore<String, byte[]> store;
    private final Map<Kind, Serde<SpecificRecord>> serdes = new EnumMap<>(Kind.class);
    private final Map<Kind, String> subjects = new EnumMap<>(Kind.class);

    @SuppressWarnings("unchecked")
    ProfileFactStore(KeyValueStore<String, byte[]> store, ScoringSerdes serdes, String applicationId) {
        this.store = store;
        for (Kind kind : Kind.values()) {
            this.serdes.put(kind, (Serde<SpecificRecord>) serdes.value(kind.type()));
            this.subjects.put(kind, applicationId + "-profile-fact-" + kind.name().toLowerCase());
        }
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

    /** Writes what folding the enterprise's events changed (the last write per fact). */
    void apply(String creditCode, Collection<Write> writes) {
        for (Write w : writes) {
            if (w instanceof Write.Put put) {
                Kind kind = put.kind();
                store.put(key(creditCode, TAGS.charAt(kind.ordinal()), (String) put.event().get(0)),
                        serdes.get(kind).serializer().serialize(subjects.get(kind), put.event()));
            } else if (w instanceof Write.Delete delete) {
                store.delete(key(creditCode, TAGS.charAt(delete.kind().ordinal()), delete.eventId()));
            } else if (w instanceof Write.Retract retract) {
                store.put(key(creditCode, RETRACTED_TAG, retract.eventId()), RETRACTED);
            }
        }
    }

    /** The enterprise's profile, or null when no fact of it is stored. */
    EnterpriseProfile load(String creditCode) {
        List<SpecificRecord> events = new ArrayList<>();
        List<String> retracted = new ArrayList<>();
        int at = creditCode.length() + 1;
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(creditCode + "|", PREFIX)) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                char tag = kv.key.charAt(at);
                if (tag == RETRACTED_TAG) {
                    retracted.add(kv.key.substring(at + 1));
                } else {
                    events.add(decode(kindOf(tag), kv.value));
                }
            }
        }
        return events.isEmpty() && retracted.isEmpty() ? null
                : FactFold.assemble(creditCode, events, retracted);
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
