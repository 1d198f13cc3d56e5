package io.innopoints.bench.scoring;

import io.innopoints.schemas.event.FiscalPeriod;
import io.innopoints.schemas.event.TaxFilingEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * The live events of the latency benchmark: for an enterprise whose latest annual filing is known, the next annual
 * filing (the following fiscal year, capped at the current one), filed today, with every amount of the known filing
 * grown by 10%, 25% and 40% in turn. Consecutive filings for the same enterprise supersede each other (same fiscal
 * year and period, later eventTime) and cycle through three growth rates, so each one moves the enterprise's
 * growth-rate points and therefore publishes a new score — the record whose causes the benchmark matches. With two
 * rates, two filings of an enterprise that one commit folded together restored what was last published: nothing
 * new was published, and both waited for the enterprise's next filing (seconds-long stragglers in the tail, a
 * benchmark artifact; scoring-stream publishes a score only when something visible changed).
 */
final class LiveFilings {
    static final double[] GROWTH = {1.10, 1.25, 1.40};

    private final Map<String, TaxFilingEvent> latestAnnual = new HashMap<>();
    private final Map<String, Integer> sent = new HashMap<>();

    /** Remembers {@code filing} as the enterprise's latest annual filing when it is one and not older than the known. */
    void observe(TaxFilingEvent filing) {
        if (filing.getPeriod() != FiscalPeriod.ANNUAL || filing.getRetractsEventId() != null) {
            return;
        }
        latestAnnual.merge(filing.getCreditCode(), filing,
                (known, next) -> next.getFiscalYear() >= known.getFiscalYear() ? next : known);
    }

    /** Credit codes of enterprises with a known annual filing (the only ones the benchmark sends events for). */
    java.util.List<String> enterprises() {
        return latestAnnual.keySet().stream().sorted().toList();
    }

    /** The next live filing for {@code creditCode}, recorded at {@code now} and filed on {@code today}. */
    TaxFilingEvent next(String creditCode, String eventId, Instant now, LocalDate today) {
        TaxFilingEvent base = latestAnnual.get(creditCode);
        if (base == null) {
            throw new IllegalArgumentException("creditCode: no annual filing known for " + creditCode);
        }
        int n = sent.merge(creditCode, 1, Integer::sum) - 1;
        double f = GROWTH[n % GROWTH.length];
        int employees = (int) Math.round(base.getEmployees() * f);
        Integer talent = base.getHighLevelTalent() == null ? null
                : Math.min(employees, (int) Math.round(base.getHighLevelTalent() * f));
        return TaxFilingEvent.newBuilder()
                .setEventId(eventId)
                .setEventTime(now)
                .setProvider(base.getProvider())
                .setCreditCode(creditCode)
                .setRetractsEventId(null)
                .setFiscalYear(Math.min(base.getFiscalYear() + 1, today.getYear()))
                .setPeriod(FiscalPeriod.ANNUAL)
                .setFilingDate(today)
                .setRevenueFen(Math.round(base.getRevenueFen() * f))
                .setRdExpenseFen(Math.round(base.getRdExpenseFen() * f))
                .setTaxesPaidFen(Math.round(base.getTaxesPaidFen() * f))
                .setNetProfitFen(Math.round(base.getNetProfitFen() * f))
                .setEmployees(employees)
                .setRdStaff(Math.min(employees, (int) Math.round(base.getRdStaff() * f)))
                .setHighLevelTalent(talent)
                .build();
    }
}
