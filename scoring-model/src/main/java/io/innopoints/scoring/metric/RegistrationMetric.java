package io.innopoints.scoring.metric;

import io.innopoints.schemas.event.EnterpriseRegistration;
import io.innopoints.scoring.profile.FactView;
import java.time.LocalDate;

/**
 * Metrics of the current registration: completed years since foundedDate on the as-of day (missing before
 * founding or without a registration), and registered capital (10k CNY, missing when not given).
 */
public final class RegistrationMetric implements Metric {

    public enum Kind { YEARS_SINCE_FOUNDING, REGISTERED_CAPITAL }

    private final String id;
    private final Kind kind;

    public RegistrationMetric(String id, Kind kind) {
        this.id = id;
        this.kind = kind;
    }

    @Override
    public String describe() {
        return id;
    }

    @Override
    public Unit unit() {
        return kind == Kind.YEARS_SINCE_FOUNDING ? Unit.YEARS : Unit.TEN_THOUSAND_CNY;
    }

    @Override
    public double value(FactView view) {
        EnterpriseRegistration r = view.facts().registration();
        if (r == null) {
            return Double.NaN;
        }
        if (kind == Kind.REGISTERED_CAPITAL) {
            return r.getRegisteredCapitalFen() == null ? Double.NaN : Unit.fenToTenThousandCny(r.getRegisteredCapitalFen());
        }
        return yearsSinceFounding(r.getFoundedDate(), view.day());
    }

    /**
     * Completed years from {@code founded} to {@code day}: the largest k with {@code founded.plusYears(k) <= day}
     * (an enterprise founded on 29 February has its anniversary on 28 February in common years); NaN before founding.
     */
    public static double yearsSinceFounding(LocalDate founded, LocalDate day) {
        return founded.isAfter(day) ? Double.NaN : completedYears(founded, day);
    }

    static int completedYears(LocalDate founded, LocalDate day) {
        int k = day.getYear() - founded.getYear();
        while (k > 0 && founded.plusYears(k).isAfter(day)) {
            k--;
        }
        return k;
    }

    @Override
    public LocalDate nextChange(FactView view) {
        EnterpriseRegistration r = view.facts().registration();
        if (r == null || kind == Kind.REGISTERED_CAPITAL) {
            return null;
        }
        LocalDate founded = r.getFoundedDate();
        if (founded.isAfter(view.day())) {
            return founded;
        }
        return founded.plusYears(completedYears(founded, view.day()) + 1L);
    }
}
