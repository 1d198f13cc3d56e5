package io.innopoints.scoring.metric;

import io.innopoints.schemas.event.ContractRole;
import io.innopoints.schemas.event.TechContractEvent;
import io.innopoints.scoring.profile.FactView;
import java.time.LocalDate;

/**
 * Technology-contract turnover (10k CNY) or count (items) of the contracts where the enterprise has the configured
 * role (SELLER by default), using each contract's current state (latest event; CANCELLED contracts excluded) and
 * its registrationDate, which must be on or before the as-of day. Window: the latest fiscal year (registration
 * in that calendar year; missing when there is no effective ANNUAL filing yet), or the last {@code years} years.
 */
public final class ContractMetric implements Metric {

    private final String id;
    private final boolean turnover;
    private final ContractRole role;
    private final int years;

    /** {@code years == 0}: latest fiscal year. */
    public ContractMetric(String id, boolean turnover, ContractRole role, int years) {
        this.id = id;
        this.turnover = turnover;
        this.role = role;
        this.years = years;
    }

    @Override
    public String describe() {
        return id + "{role=" + role + ", window=" + (years == 0 ? "latest fiscal year" : years + " years") + "}";
    }

    @Override
    public Unit unit() {
        return turnover ? Unit.TEN_THOUSAND_CNY : Unit.ITEMS;
    }

    @Override
    public double value(FactView view) {
        LocalDate day = view.day();
        int fiscalYear = 0;
        if (years == 0) {
            fiscalYear = view.latestFiscalYear();
            if (fiscalYear == Integer.MIN_VALUE) {
                return Double.NaN;
            }
        }
        FenSum fen = new FenSum();
        int count = 0;
        for (TechContractEvent c : view.facts().contracts()) {
            LocalDate d = c.getRegistrationDate();
            if (c.getRole() != role || d.isAfter(day)) {
                continue;
            }
            if (years == 0 ? d.getYear() == fiscalYear : Dates.inWindow(d, day, years)) {
                fen.add(c.getAmountFen());
                count++;
            }
        }
        return turnover ? Unit.fenToTenThousandCny(fen.total()) : count;
    }

    @Override
    public LocalDate nextChange(FactView view) {
        LocalDate day = view.day();
        LocalDate best = years == 0 ? view.nextAnnualFilingDate() : null;
        for (TechContractEvent c : view.facts().contracts()) {
            if (c.getRole() == role) {
                best = Dates.windowEdgeAfter(best, c.getRegistrationDate(), day, years);
            }
        }
        return best;
    }
}
