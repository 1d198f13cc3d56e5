package io.innopoints.stream.domain;

import io.innopoints.schemas.event.CredentialEvent;
import io.innopoints.schemas.event.EnterpriseRegistration;
import io.innopoints.schemas.event.PatentEvent;
import io.innopoints.schemas.event.TaxFilingEvent;
import io.innopoints.schemas.event.TechContractEvent;
import io.innopoints.schemas.internal.EnterpriseProfile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * The stored form of an enterprise profile: one entry per fact (an accepted event, or a retracted eventId) instead
 * of the whole profile, so a commit writes only what its events changed. {@link #between} lists the entries to
 * write or delete from one profile to the next; {@link #assemble} builds the profile back from the stored entries.
 * Profiles come from {@code Profiles.fold}, which shares every unchanged event object, so unchanged entries are
 * found by identity in one merge walk per list.
 */
public final class ProfileChanges {
    private ProfileChanges() {
    }

    /** The kinds of fact, each with the one-letter tag it is stored under. */
    public enum Slot {
        REGISTRATION('R', EnterpriseRegistration.class),
        PATENT('P', PatentEvent.class),
        CONTRACT('C', TechContractEvent.class),
        TAX_FILING('T', TaxFilingEvent.class),
        CREDENTIAL('Q', CredentialEvent.class),
        /** A retracted eventId (no record: the entry itself is the fact). */
        RETRACTED('X', null);

        private final char tag;
        private final Class<? extends SpecificRecord> type;

        Slot(char tag, Class<? extends SpecificRecord> type) {
            this.tag = tag;
            this.type = type;
        }

        public char tag() {
            return tag;
        }

        /** The event class stored in this slot; null for {@link #RETRACTED}. */
        public Class<? extends SpecificRecord> type() {
            return type;
        }

        public static Slot of(char tag) {
            for (Slot s : values()) {
                if (s.tag == tag) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown profile slot '" + tag + "'");
        }
    }

    /** One stored fact to write ({@code record} set, or null for a retracted id) or to delete. */
    public record Change(Slot slot, String eventId, SpecificRecord record, boolean delete) {
    }

    /** One stored fact as read back. */
    public record Fact(Slot slot, String eventId, SpecificRecord record) {
    }

    /** The entries to write and delete so that the stored {@code before} (null: nothing stored) becomes {@code after}. */
    public static List<Change> between(EnterpriseProfile before, EnterpriseProfile after) {
        List<Change> out = new ArrayList<>();
        List<List<? extends SpecificRecord>> old = before == null ? null : lists(before);
        List<List<? extends SpecificRecord>> now = lists(after);
        Slot[] slots = Slot.values();
        for (int s = 0; s < now.size(); s++) {
            diff(slots[s], old == null ? List.of() : old.get(s), now.get(s), out);
        }
        List<String> oldIds = before == null ? List.of() : before.getRetractedEventIds();
        for (String id : after.getRetractedEventIds()) {
            if (Collections.binarySearch(oldIds, id) < 0) {
                out.add(new Change(Slot.RETRACTED, id, null, false));
            }
        }
        return out;
    }

    /** Both lists sorted by eventId (the canonical form {@code Profiles.fold} keeps). */
    private static void diff(Slot slot, List<? extends SpecificRecord> old, List<? extends SpecificRecord> now,
                             List<Change> out) {
        int i = 0;
        int j = 0;
        while (i < old.size() || j < now.size()) {
            if (j == now.size()) {
                out.add(new Change(slot, idOf(old.get(i++)), null, true));
                continue;
            }
            if (i == old.size()) {
                out.add(new Change(slot, idOf(now.get(j)), now.get(j++), false));
                continue;
            }
            SpecificRecord a = old.get(i);
            SpecificRecord b = now.get(j);
            int c = idOf(a).compareTo(idOf(b));
            if (c < 0) {
                out.add(new Change(slot, idOf(a), null, true));
                i++;
            } else if (c > 0) {
                out.add(new Change(slot, idOf(b), b, false));
                j++;
            } else {
                if (a != b && !a.equals(b)) {
                    out.add(new Change(slot, idOf(b), b, false)); // replaced by the tie-break winner
                }
                i++;
                j++;
            }
        }
    }

    /** The profile of {@code creditCode} from its stored facts (any order). */
    @SuppressWarnings("unchecked")
    public static EnterpriseProfile assemble(String creditCode, List<Fact> facts) {
        List<List<SpecificRecord>> lists = new ArrayList<>();
        for (int s = 0; s < Slot.values().length - 1; s++) {
            lists.add(new ArrayList<>());
        }
        List<String> retracted = new ArrayList<>();
        for (Fact f : facts) {
            if (f.slot() == Slot.RETRACTED) {
                retracted.add(f.eventId());
            } else {
                lists.get(f.slot().ordinal()).add(f.record());
            }
        }
        // store order is byte order; the profile's canonical order is String order (they differ beyond the BMP)
        Comparator<SpecificRecord> byId = Comparator.comparing(ProfileChanges::idOf);
        lists.forEach(l -> l.sort(byId));
        Collections.sort(retracted);
        return new EnterpriseProfile(creditCode,
                Collections.unmodifiableList((List<EnterpriseRegistration>) (List<?>) lists.get(0)),
                Collections.unmodifiableList((List<PatentEvent>) (List<?>) lists.get(1)),
                Collections.unmodifiableList((List<TechContractEvent>) (List<?>) lists.get(2)),
                Collections.unmodifiableList((List<TaxFilingEvent>) (List<?>) lists.get(3)),
                Collections.unmodifiableList((List<CredentialEvent>) (List<?>) lists.get(4)),
                Collections.unmodifiableList(retracted));
    }

    private static List<List<? extends SpecificRecord>> lists(EnterpriseProfile p) {
        return List.of(p.getRegistrations(), p.getPatents(), p.getContracts(), p.getTaxFilings(), p.getCredentials());
    }

    /** eventId is field 0 of every input event schema. */
    private static String idOf(SpecificRecord event) {
        return (String) event.get(0);
    }
}
