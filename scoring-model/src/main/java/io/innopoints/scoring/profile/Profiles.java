package io.innopoints.scoring.profile;

import io.innopoints.schemas.event.CredentialEvent;
import io.innopoints.schemas.event.EnterpriseRegistration;
import io.innopoints.schemas.event.PatentEvent;
import io.innopoints.schemas.event.TaxFilingEvent;
import io.innopoints.schemas.event.TechContractEvent;
import io.innopoints.schemas.internal.EnterpriseProfile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Folds input events into an {@link EnterpriseProfile}: {@code fold(profile, event) -> (profile', outcome)}.
 * The profile is treated as a persistent value: inputs are never mutated, unchanged lists are shared, and each
 * list is kept sorted by eventId (retractedEventIds sorted too), so any order of the same events yields an equal
 * profile. {@code fold} relies on that canonical form (binary search), so a profile must come from {@link #empty},
 * {@code fold} or {@link #normalize}.
 *
 * <p>Rules: an event whose eventId is already present for its type is a duplicate (if the content differs, the
 * greater record in Avro's order is kept, so the result still does not depend on arrival order); a retraction
 * ({@code retractsEventId} set) removes its target from any list and records the target id, which blocks the
 * target if it arrives later; retraction events are not stored and cannot themselves be retracted. Superseding
 * (amended filings, contract updates, latest registration) is not decided here: the profile keeps every event and
 * {@link ProfileFacts} applies the schema's supersede rules, which depend on the as-of day.
 */
public final class Profiles {
    private Profiles() {
    }

    public static EnterpriseProfile empty(String creditCode) {
        return new EnterpriseProfile(creditCode, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /**
     * Folds one event of the five input types into the profile.
     *
     * @throws IllegalArgumentException when the event is of another type or for another enterprise
     */
    public static FoldResult fold(EnterpriseProfile profile, SpecificRecord event) {
        if (event instanceof EnterpriseRegistration e) {
            return fold(profile, e.getCreditCode(), e.getEventId(), e.getRetractsEventId(), e, 0, EnterpriseRegistration::getEventId);
        } else if (event instanceof PatentEvent e) {
            return fold(profile, e.getCreditCode(), e.getEventId(), e.getRetractsEventId(), e, 1, PatentEvent::getEventId);
        } else if (event instanceof TechContractEvent e) {
            return fold(profile, e.getCreditCode(), e.getEventId(), e.getRetractsEventId(), e, 2, TechContractEvent::getEventId);
        } else if (event instanceof TaxFilingEvent e) {
            return fold(profile, e.getCreditCode(), e.getEventId(), e.getRetractsEventId(), e, 3, TaxFilingEvent::getEventId);
        } else if (event instanceof CredentialEvent e) {
            return fold(profile, e.getCreditCode(), e.getEventId(), e.getRetractsEventId(), e, 4, CredentialEvent::getEventId);
        }
        throw new IllegalArgumentException("not an input event: " + (event == null ? "null" : event.getClass().getName()));
    }

    /**
     * Brings any profile (e.g. one written by an older version, or assembled by hand) into the canonical form
     * {@link #fold} maintains: lists sorted by eventId, one event per eventId, retracted events removed,
     * retracted ids sorted and unique. A profile produced by {@link #fold} is returned equal.
     */
    public static EnterpriseProfile normalize(EnterpriseProfile profile) {
        List<String> retracted = new ArrayList<>(new TreeSet<>(profile.getRetractedEventIds()));
        EnterpriseProfile p = new EnterpriseProfile(profile.getCreditCode(), List.of(), List.of(), List.of(), List.of(),
                List.of(), Collections.unmodifiableList(retracted));
        for (List<? extends SpecificRecord> list : lists(profile)) {
            for (SpecificRecord e : list) {
                p = fold(p, e).profile();
            }
        }
        return p;
    }

    /** Folds events in order (a convenience for tests and the batch scorer). */
    public static EnterpriseProfile foldAll(EnterpriseProfile profile, Iterable<? extends SpecificRecord> events) {
        EnterpriseProfile p = profile;
        for (SpecificRecord e : events) {
            p = fold(p, e).profile();
        }
        return p;
    }

    private static <E extends SpecificRecord> FoldResult fold(EnterpriseProfile profile, String creditCode,
                                                              String eventId, String retracts, E event, int slot,
                                                              Function<E, String> idOf) {
        if (!profile.getCreditCode().equals(creditCode)) {
            throw new IllegalArgumentException("event " + eventId + " is for " + creditCode + ", not "
                    + profile.getCreditCode());
        }
        List<String> retracted = profile.getRetractedEventIds();
        if (retracts != null) {
            int at = Collections.binarySearch(retracted, retracts);
            if (at >= 0) {
                return new FoldResult(profile, FoldResult.Outcome.RETRACTION_DUPLICATE);
            }
            List<String> newRetracted = insertAt(retracted, -at - 1, retracts);
            boolean removed = false;
            List<List<? extends SpecificRecord>> lists = lists(profile);
            for (int s = 0; s < lists.size(); s++) {
                List<? extends SpecificRecord> list = lists.get(s);
                int i = indexOfId(list, retracts);
                if (i >= 0) {
                    lists.set(s, removeAt(list, i));
                    removed = true;
                }
            }
            return new FoldResult(build(profile, lists, newRetracted),
                    removed ? FoldResult.Outcome.RETRACTED : FoldResult.Outcome.RETRACTION_RECORDED);
        }
        if (Collections.binarySearch(retracted, eventId) >= 0) {
            return new FoldResult(profile, FoldResult.Outcome.BLOCKED);
        }
        List<List<? extends SpecificRecord>> lists = lists(profile);
        @SuppressWarnings("unchecked")
        List<E> list = (List<E>) lists.get(slot);
        int lo = 0;
        int hi = list.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int c = idOf.apply(list.get(mid)).compareTo(eventId);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid;
            } else {
                E existing = list.get(mid);
                if (existing.equals(event) || compare(existing, event) >= 0) {
                    return new FoldResult(profile, FoldResult.Outcome.DUPLICATE);
                }
                List<E> replaced = new ArrayList<>(list);
                replaced.set(mid, event);
                lists.set(slot, Collections.unmodifiableList(replaced));
                return new FoldResult(build(profile, lists, retracted), FoldResult.Outcome.REPLACED);
            }
        }
        lists.set(slot, insertAt(list, lo, event));
        return new FoldResult(build(profile, lists, retracted), FoldResult.Outcome.ADDED);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(SpecificRecord a, SpecificRecord b) {
        return ((Comparable) a).compareTo((SpecificRecordBase) b);
    }

    private static List<List<? extends SpecificRecord>> lists(EnterpriseProfile p) {
        List<List<? extends SpecificRecord>> lists = new ArrayList<>(5);
        lists.add(p.getRegistrations());
        lists.add(p.getPatents());
        lists.add(p.getContracts());
        lists.add(p.getTaxFilings());
        lists.add(p.getCredentials());
        return lists;
    }

    @SuppressWarnings("unchecked")
    private static EnterpriseProfile build(EnterpriseProfile p, List<List<? extends SpecificRecord>> lists,
                                           List<String> retracted) {
        return new EnterpriseProfile(p.getCreditCode(),
                (List<EnterpriseRegistration>) lists.get(0), (List<PatentEvent>) lists.get(1),
                (List<TechContractEvent>) lists.get(2), (List<TaxFilingEvent>) lists.get(3),
                (List<CredentialEvent>) lists.get(4), retracted);
    }

    private static int indexOfId(List<? extends SpecificRecord> list, String eventId) {
        // eventId is field 0 of every input event schema
        int lo = 0;
        int hi = list.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int c = ((String) list.get(mid).get(0)).compareTo(eventId);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private static <T> List<T> insertAt(List<T> list, int index, T item) {
        List<T> out = new ArrayList<>(list.size() + 1);
        out.addAll(list.subList(0, index));
        out.add(item);
        out.addAll(list.subList(index, list.size()));
        return Collections.unmodifiableList(out);
    }

    private static <T> List<T> removeAt(List<? extends T> list, int index) {
        List<T> out = new ArrayList<>(list.size() - 1);
        out.addAll(list.subList(0, index));
        out.addAll(list.subList(index + 1, list.size()));
        return Collections.unmodifiableList(out);
    }
}
