package io.innopoints.scoring.profile;

import io.innopoints.schemas.event.ContractAction;
import io.innopoints.schemas.event.CredentialAction;
import io.innopoints.schemas.event.CredentialEvent;
import io.innopoints.schemas.event.EnterpriseRegistration;
import io.innopoints.schemas.event.FiscalPeriod;
import io.innopoints.schemas.event.PatentEvent;
import io.innopoints.schemas.event.TaxFilingEvent;
import io.innopoints.schemas.event.TechContractEvent;
import io.innopoints.schemas.internal.EnterpriseProfile;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The as-of-independent reading of an {@link EnterpriseProfile}, built once per evaluation: the current
 * registration, each patent's events in legal order, each contract's current state, the ANNUAL filings per fiscal
 * year in supersede order and each credential's validity interval. Everything here is a function of the set of
 * events, so it does not depend on the order they were folded in. {@link #at(LocalDate)} gives the view for a day.
 *
 * <p>Rules (from the event schemas): the current registration is the one with the latest eventTime (ties: greatest
 * eventId); a contract's state is its latest event by eventTime (ties: greatest eventId) and CANCELLED removes it;
 * a filing for (fiscalYear, period) supersedes the others with an earlier (filingDate, eventTime, eventId) once its
 * filingDate is reached; a credential is defined by its latest GRANTED event and ended by the earliest REVOKED
 * recorded after that grant.
 */
public final class ProfileFacts {
    static final Comparator<PatentEvent> PATENT_LEGAL_ORDER = Comparator.comparing(PatentEvent::getActionDate)
            .thenComparing(PatentEvent::getEventTime).thenComparing(PatentEvent::getEventId);
    /** Supersede order of one fiscal year's filings: the greatest effective one wins. */
    static final Comparator<TaxFilingEvent> FILING_ORDER = Comparator.comparing(TaxFilingEvent::getFilingDate)
            .thenComparing(TaxFilingEvent::getEventTime).thenComparing(TaxFilingEvent::getEventId);

    private final String creditCode;
    private final EnterpriseRegistration registration;
    private final List<List<PatentEvent>> patents;
    private final List<TechContractEvent> contracts;
    private final TreeMap<Integer, List<TaxFilingEvent>> annualFilings;
    private final List<CredentialState> credentials;

    private ProfileFacts(String creditCode, EnterpriseRegistration registration, List<List<PatentEvent>> patents,
                         List<TechContractEvent> contracts, TreeMap<Integer, List<TaxFilingEvent>> annualFilings,
                         List<CredentialState> credentials) {
        this.creditCode = creditCode;
        this.registration = registration;
        this.patents = patents;
        this.contracts = contracts;
        this.annualFilings = annualFilings;
        this.credentials = credentials;
    }

    public static ProfileFacts of(EnterpriseProfile profile) {
        EnterpriseRegistration registration = null;
        for (EnterpriseRegistration r : profile.getRegistrations()) {
            if (registration == null || later(r.getEventTime(), r.getEventId(), registration.getEventTime(), registration.getEventId())) {
                registration = r;
            }
        }

        Map<String, List<PatentEvent>> byPatent = new HashMap<>();
        for (PatentEvent p : profile.getPatents()) {
            byPatent.computeIfAbsent(p.getPatentNumber(), k -> new ArrayList<>()).add(p);
        }
        List<List<PatentEvent>> patents = new ArrayList<>(byPatent.size());
        for (List<PatentEvent> events : byPatent.values()) {
            events.sort(PATENT_LEGAL_ORDER);
            patents.add(List.copyOf(events));
        }

        Map<String, TechContractEvent> latestContract = new HashMap<>();
        for (TechContractEvent c : profile.getContracts()) {
            latestContract.merge(c.getContractId(), c, (a, b) ->
                    later(b.getEventTime(), b.getEventId(), a.getEventTime(), a.getEventId()) ? b : a);
        }
        List<TechContractEvent> contracts = new ArrayList<>();
        for (TechContractEvent c : latestContract.values()) {
            if (c.getAction() != ContractAction.CANCELLED) {
                contracts.add(c);
            }
        }

        TreeMap<Integer, List<TaxFilingEvent>> annual = new TreeMap<>();
        int runYear = 0;
        List<TaxFilingEvent> ofYear = null;
        for (TaxFilingEvent f : profile.getTaxFilings()) {
            if (f.getPeriod() == FiscalPeriod.ANNUAL) {
                if (ofYear == null || f.getFiscalYear() != runYear) {
                    // runs of one year are common (amendments): look the year up once per run
                    runYear = f.getFiscalYear();
                    ofYear = annual.computeIfAbsent(runYear, k -> new ArrayList<>());
                }
                ofYear.add(f);
            }
        }
        // not sorted: FactView picks a year's effective filing in one pass (amended filings pile up: a year with a
        // hundred of them was sorted at every evaluation, a twelfth of the stream threads at 2,000 filings/s live)
        annual.replaceAll((year, filings) -> List.copyOf(filings));

        Map<String, List<CredentialEvent>> byCredential = new HashMap<>();
        for (CredentialEvent c : profile.getCredentials()) {
            byCredential.computeIfAbsent(c.getCredentialId(), k -> new ArrayList<>()).add(c);
        }
        List<CredentialState> credentials = new ArrayList<>();
        for (List<CredentialEvent> events : byCredential.values()) {
            CredentialEvent grant = null;
            for (CredentialEvent e : events) {
                if (e.getAction() == CredentialAction.GRANTED
                        && (grant == null || later(e.getEventTime(), e.getEventId(), grant.getEventTime(), grant.getEventId()))) {
                    grant = e;
                }
            }
            if (grant == null) {
                continue;
            }
            LocalDate end = grant.getValidUntil();
            for (CredentialEvent e : events) {
                if (e.getAction() == CredentialAction.REVOKED
                        && later(e.getEventTime(), e.getEventId(), grant.getEventTime(), grant.getEventId())
                        && (end == null || e.getValidFrom().isBefore(end))) {
                    end = e.getValidFrom();
                }
            }
            credentials.add(new CredentialState(grant, grant.getValidFrom(), end));
        }
        return new ProfileFacts(profile.getCreditCode(), registration, List.copyOf(patents), List.copyOf(contracts),
                annual, List.copyOf(credentials));
    }

    /** (timeA, idA) after (timeB, idB): the supersede order of events recorded by the same provider. */
    static boolean later(Instant timeA, String idA, Instant timeB, String idB) {
        int c = timeA.compareTo(timeB);
        return c > 0 || c == 0 && idA.compareTo(idB) > 0;
    }

    public String creditCode() {
        return creditCode;
    }

    /** The current registration, or null when none was received. */
    public EnterpriseRegistration registration() {
        return registration;
    }

    /** Each patent's events sorted by (actionDate, eventTime, eventId). */
    public List<List<PatentEvent>> patents() {
        return patents;
    }

    /** Current, not cancelled contracts (their latest event). */
    public List<TechContractEvent> contracts() {
        return contracts;
    }

    /** ANNUAL filings per fiscal year, in no particular order ({@link #FILING_ORDER} says which one wins). */
    public TreeMap<Integer, List<TaxFilingEvent>> annualFilings() {
        return annualFilings;
    }

    public List<CredentialState> credentials() {
        return credentials;
    }

    /** The view of these facts on a Shanghai calendar day. */
    public FactView at(LocalDate day) {
        return new FactView(this, day);
    }
}
