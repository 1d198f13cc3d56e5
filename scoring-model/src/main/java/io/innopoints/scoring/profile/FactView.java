package io.innopoints.scoring.profile;

import io.innopoints.schemas.event.TaxFilingEvent;
import io.innopoints.scoring.metric.Dates;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * {@link ProfileFacts} as seen on one Shanghai calendar day (the as-of day): which ANNUAL filing is effective for
 * a fiscal year, and the latest fiscal year — the latest year whose ANNUAL filing has filingDate on or before the
 * day. Cheap to create; caches what several metrics ask for. Not thread-safe (one per evaluation).
 */
public final class FactView {
    private final ProfileFacts facts;
    private final LocalDate day;
    private boolean latestComputed;
    private int latestYear;
    private TaxFilingEvent latestFiling;
    private boolean nextFilingComputed;
    private LocalDate nextFiling;

    FactView(ProfileFacts facts, LocalDate day) {
        this.facts = facts;
        this.day = day;
    }

    public ProfileFacts facts() {
        return facts;
    }

    public LocalDate day() {
        return day;
    }

    /** The effective ANNUAL filing for {@code year} on this day, or null. */
    public TaxFilingEvent annual(int year) {
        List<TaxFilingEvent> filings = facts.annualFilings().get(year);
        return filings == null ? null : effective(filings);
    }

    /** The greatest filing in {@link ProfileFacts#FILING_ORDER} among those filed by the day, or null. */
    private TaxFilingEvent effective(List<TaxFilingEvent> filings) {
        TaxFilingEvent winner = null;
        for (TaxFilingEvent f : filings) {
            if (!f.getFilingDate().isAfter(day)
                    && (winner == null || ProfileFacts.FILING_ORDER.compare(f, winner) > 0)) {
                winner = f;
            }
        }
        return winner;
    }

    /** The effective filing of the latest fiscal year, or null when no ANNUAL filing is effective yet. */
    public TaxFilingEvent latestAnnual() {
        computeLatest();
        return latestFiling;
    }

    /** The latest fiscal year, or {@link Integer#MIN_VALUE} when none. */
    public int latestFiscalYear() {
        computeLatest();
        return latestYear;
    }

    private void computeLatest() {
        if (latestComputed) {
            return;
        }
        latestComputed = true;
        latestYear = Integer.MIN_VALUE;
        for (Map.Entry<Integer, List<TaxFilingEvent>> e : facts.annualFilings().descendingMap().entrySet()) {
            TaxFilingEvent f = effective(e.getValue());
            if (f != null) {
                latestYear = e.getKey();
                latestFiling = f;
                return;
            }
        }
    }

    /** The first day after this one on which an ANNUAL filing takes effect, or null. */
    public LocalDate nextAnnualFilingDate() {
        if (!nextFilingComputed) {
            nextFilingComputed = true;
            for (List<TaxFilingEvent> filings : facts.annualFilings().values()) {
                for (TaxFilingEvent f : filings) {
                    nextFiling = Dates.earliestAfter(nextFiling, f.getFilingDate(), day);
                }
            }
        }
        return nextFiling;
    }
}
