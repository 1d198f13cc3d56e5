package io.innopoints.scoring.profile;

import io.innopoints.schemas.event.CredentialEvent;
import io.innopoints.schemas.event.EnterpriseRegistration;
import io.innopoints.schemas.event.PatentEvent;
import io.innopoints.schemas.event.TaxFilingEvent;
import io.innopoints.schemas.event.TechContractEvent;
import io.innopoints.schemas.internal.EnterpriseProfile;
import io.innopoints.schemas.topic.EventHeader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * {@link Profiles#fold}'s rules over a store of facts instead of a whole profile: an enterprise's facts are its
 * accepted events (one per type and eventId) and its retracted eventIds, each looked up on its own
 * ({@link Facts}), so folding one event reads two or three facts and writes one or two — however long the
 * enterprise's history — instead of reading and rewriting the profile. {@link #assemble} builds the
 * {@link EnterpriseProfile} from the facts for evaluation. {@code FactFoldProperties} checks that both folds reach
 * the same profile and outcomes for any log.
 */
public final class FactFold {
    private FactFold() {
    }

    /** {@link Kind#values()} once (each call copies the array). */
    private static final Kind[] KINDS = Kind.values();

    /** The kinds of event a profile keeps, in the profile's field order. */
    public enum Kind {
        REGISTRATION(EnterpriseRegistration.class),
        PATENT(PatentEvent.class),
        CONTRACT(TechContractEvent.class),
        TAX_FILING(TaxFilingEvent.class),
        CREDENTIAL(CredentialEvent.class);

        private final Class<? extends SpecificRecord> type;

        Kind(Class<? extends SpecificRecord> type) {
            this.type = type;
        }

        public Class<? extends SpecificRecord> type() {
            return type;
        }

        /** The kind of an input event. */
        public static Kind of(SpecificRecord event) {
            for (Kind k : KINDS) {
                if (k.type.isInstance(event)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("not an input event: "
                    + (event == null ? "null" : event.getClass().getName()));
        }
    }

    /** One enterprise's stored facts. */
    public interface Facts {
        /** The accepted event of this kind and eventId, or null. */
        SpecificRecord event(Kind kind, String eventId);

        /** Whether a retraction of this eventId was folded. */
        boolean retracted(String eventId);
    }

    /** A change to an enterprise's facts. */
    public sealed interface Write {
        /** Store (or replace) an accepted event. */
        record Put(Kind kind, SpecificRecord event) implements Write {
        }

        /** Remove the accepted event of this kind and eventId (it was retracted). */
        record Delete(Kind kind, String eventId) implements Write {
        }

        /** Record that this eventId is retracted (it stays blocked should it arrive later). */
        record Retract(String eventId) implements Write {
        }
    }

    /** What one event did, and the writes that make the facts reflect it (none when nothing changed). */
    public record Result(FoldResult.Outcome outcome, List<Write> writes) {
        public boolean changed() {
            return outcome.changed();
        }
    }

    /**
     * Folds one input event of enterprise {@code creditCode} against its facts.
     *
     * @throws IllegalArgumentException when the event is of another type or for another enterprise
     */
    public static Result fold(String creditCode, Facts facts, SpecificRecord event) {
        Kind kind = Kind.of(event);
        EventHeader header = EventHeader.of(event);
        String eventId = header.eventId();
        if (!creditCode.equals(header.creditCode())) {
            throw new IllegalArgumentException("event " + eventId + " is for " + header.creditCode() + ", not "
                    + creditCode);
        }
        String retracts = header.retractsEventId();
        if (retracts != null) {
            if (facts.retracted(retracts)) {
                return new Result(FoldResult.Outcome.RETRACTION_DUPLICATE, List.of());
            }
            List<Write> writes = new ArrayList<>();
            writes.add(new Write.Retract(retracts));
            for (Kind k : Kind.values()) {
                if (facts.event(k, retracts) != null) {
                    writes.add(new Write.Delete(k, retracts));
                }
            }
            return new Result(writes.size() > 1 ? FoldResult.Outcome.RETRACTED
                    : FoldResult.Outcome.RETRACTION_RECORDED, writes);
        }
        if (facts.retracted(eventId)) {
            return new Result(FoldResult.Outcome.BLOCKED, List.of());
        }
        SpecificRecord existing = facts.event(kind, eventId);
        if (existing == null) {
            return new Result(FoldResult.Outcome.ADDED, List.of(new Write.Put(kind, event)));
        }
        if (existing.equals(event) || compare(existing, event) >= 0) {
            return new Result(FoldResult.Outcome.DUPLICATE, List.of());
        }
        // the greater record in Avro's order wins, as in Profiles.fold: the result does not depend on arrival order
        return new Result(FoldResult.Outcome.REPLACED, List.of(new Write.Put(kind, event)));
    }

    /** The profile of {@code creditCode} from its accepted events and retracted eventIds (any order). */
    public static EnterpriseProfile assemble(String creditCode, Collection<? extends SpecificRecord> events,
                                             Collection<String> retracted) {
        Map<Kind, List<SpecificRecord>> byKind = new EnumMap<>(Kind.class);
        for (Kind k : KINDS) {
            byKind.put(k, new ArrayList<>());
        }
        for (SpecificRecord e : events) {
            byKind.get(Kind.of(e)).add(e);
        }
        Comparator<SpecificRecord> byId = Comparator.comparing(EventHeader::eventId);
        byKind.values().forEach(l -> l.sort(byId));
        return assembleSorted(creditCode, byKind::get, new TreeSet<>(retracted));
    }

    /**
     * The profile {@link #assemble} makes, from events already grouped by kind and in eventId order within each,
     * without sorting them again: for a store that keeps its facts in that order (sorting what was sorted cost a
     * tenth of the stream threads at 2,000 filings/s live, profiles growing by a filing per event).
     *
     * @param eventsOf a kind's events in eventId order; null or empty when there are none
     */
    @SuppressWarnings("unchecked")
    public static EnterpriseProfile assembleSorted(String creditCode,
                                                   Function<Kind, ? extends Collection<? extends SpecificRecord>> eventsOf,
                                                   SortedSet<String> retracted) {
        List<List<? extends SpecificRecord>> lists = new ArrayList<>(KINDS.length);
        for (Kind k : KINDS) {
            Collection<? extends SpecificRecord> of = eventsOf.apply(k);
            lists.add(of == null ? List.of() : List.copyOf(of));
        }
        return new EnterpriseProfile(creditCode,
                (List<EnterpriseRegistration>) lists.get(Kind.REGISTRATION.ordinal()),
                (List<PatentEvent>) lists.get(Kind.PATENT.ordinal()),
                (List<TechContractEvent>) lists.get(Kind.CONTRACT.ordinal()),
                (List<TaxFilingEvent>) lists.get(Kind.TAX_FILING.ordinal()),
                (List<CredentialEvent>) lists.get(Kind.CREDENTIAL.ordinal()),
                List.copyOf(retracted));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(SpecificRecord a, SpecificRecord b) {
        return ((Comparable) a).compareTo((SpecificRecordBase) b);
    }

    /** eventId is field 0 of every input event schema. */
}
