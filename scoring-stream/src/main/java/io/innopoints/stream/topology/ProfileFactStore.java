package io.innopoints.stream.topology;

import io.innopoints.schemas.internal.EnterpriseProfile;
import io.innopoints.stream.domain.ProfileChanges;
import io.innopoints.stream.domain.ProfileChanges.Change;
import io.innopoints.stream.domain.ProfileChanges.Fact;
import io.innopoints.stream.domain.ProfileChanges.Slot;
import java.util.ArrayList;
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
 * The enterprise profiles of one task over {@value ScoringTopology#PROFILE_STORE}, one entry per fact
 * ({@link ProfileChanges}): key = credit code ‖ {@code |} ‖ slot tag ‖ eventId, value = the event in the
 * Confluent wire format (subject {@code <application.id>-profile-fact-<slot>-value}), empty for a retracted id.
 * A commit writes only the facts its events added, replaced or removed — never the whole profile again — and a
 * profile is read back with one prefix scan.
 */
final class ProfileFactStore {
    private static final StringSerializer PREFIX = new StringSerializer();
    private static final byte[] RETRACTED = new byte[0];
    private final KeyValueStore<String, byte[]> store;
    private final Map<Slot, Serde<SpecificRecord>> serdes = new EnumMap<>(Slot.class);
    private final Map<Slot, String> subjects = new EnumMap<>(Slot.class);

    @SuppressWarnings("unchecked")
    ProfileFactStore(KeyValueStore<String, byte[]> store, ScoringSerdes serdes, String applicationId) {
        this.store = store;
        for (Slot slot : Slot.values()) {
            if (slot.type() != null) {
                this.serdes.put(slot, (Serde<SpecificRecord>) serdes.value(slot.type()));
                this.subjects.put(slot, applicationId + "-profile-fact-" + slot.name().toLowerCase());
            }
        }
    }

    /** The stored profile, or null when nothing is stored for the enterprise. */
    EnterpriseProfile load(String creditCode) {
        List<Fact> facts = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(creditCode + "|", PREFIX)) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                Slot slot = Slot.of(kv.key.charAt(creditCode.length() + 1));
                String eventId = kv.key.substring(creditCode.length() + 2);
                SpecificRecord record = slot == Slot.RETRACTED ? null
                        : serdes.get(slot).deserializer().deserialize(subjects.get(slot), kv.value);
                facts.add(new Fact(slot, eventId, record));
            }
        }
        return facts.isEmpty() ? null : ProfileChanges.assemble(creditCode, facts);
    }

    /** Writes what changed from {@code before} (the stored profile, null when none) to {@code after}. */
    void write(EnterpriseProfile before, EnterpriseProfile after) {
        String code = after.getCreditCode();
        for (Change c : ProfileChanges.between(before, after)) {
            String key = code + "|" + c.slot().tag() + c.eventId();
            if (c.delete()) {
                store.delete(key);
            } else if (c.slot() == Slot.RETRACTED) {
                store.put(key, RETRACTED);
            } else {
                store.put(key, serdes.get(c.slot()).serializer().serialize(subjects.get(c.slot()), c.record()));
            }
        }
    }
}
