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
 * grown by 10 %, then 11 %, 12 %, … (one point more per filing of the enterprise). Consecutive filings for the same
 * enterprise supersede each other (same fiscal year and period, later eventTime) and no two of them carry the same
 * amounts, so whatever filings of an enterprise one commit folds together, its indicator values change and a new
 * score is published — the record whose causes the benchmark matches. Growth rates that cycle did repeat: with
 * three, the filings an enterprise received within a commit or two sometimes restored what was last published,
 * nothing new was published, and their causes waited for the enterprise's next filing — 1–3.5 s stragglers at the
 * top of the tail (every score over 1.2 s in a run carried four filings, the newest under 0.7 s old), a benchmark
 * artifact: scoring-stream publishes a score only when something visible changed.
 */
final class LiveFilings {
    /** The first live filing's growth over the known one; each later filing of the enterprise one point more. */
    static final double FIRST_GROWTH = 1.10;
    static final double GROWTH_STEP = 0.01;

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
        double f = FIRST_GROWTH + GROWTH_STEP * n;
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
