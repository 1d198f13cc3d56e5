package io.innopoints.scoring.metric;

import io.innopoints.schemas.event.TaxFilingEvent;
import io.innopoints.scoring.profile.FactView;
import java.time.LocalDate;

/**
 * Metrics read from the ANNUAL tax filing of the latest fiscal year (the latest year whose ANNUAL filing has
 * filingDate on or before the as-of day; for a year, the effective filing with the latest (filingDate, eventTime,
 * eventId) wins). Kinds: a field's value; its growth in percent over the prior fiscal year's effective filing
 * (missing when there is no prior filing or the prior value is not positive); and two ratios in percent.
 */
public final class FilingMetric implements Metric {

    /** Filing fields. */
    public enum Field {
        REVENUE(Unit.TEN_THOUSAND_CNY), RD_EXPENSE(Unit.TEN_THOUSAND_CNY), TAXES_PAID(Unit.TEN_THOUSAND_CNY),
        NET_PROFIT(Unit.TEN_THOUSAND_CNY), EMPLOYEES(Unit.PERSONS), RD_STAFF(Unit.PERSONS),
        HIGH_LEVEL_TALENT(Unit.PERSONS);

        final Unit unit;

        Field(Unit unit) {
            this.unit = unit;
        }

        /** The field in its unit, NaN when the filing does not carry it. */
        double read(TaxFilingEvent f) {
            return switch (this) {
                case REVENUE -> Unit.fenToTenThousandCny(f.getRevenueFen());
                case RD_EXPENSE -> Unit.fenToTenThousandCny(f.getRdExpenseFen());
                case TAXES_PAID -> Unit.fenToTenThousandCny(f.getTaxesPaidFen());
                case NET_PROFIT -> Unit.fenToTenThousandCny(f.getNetProfitFen());
                case EMPLOYEES -> f.getEmployees();
                case RD_STAFF -> f.getRdStaff();
                case HIGH_LEVEL_TALENT -> f.getHighLevelTalent() == null ? Double.NaN : f.getHighLevelTalent();
            };
        }
    }

    /** What is computed from the field(s). */
    public enum Kind { VALUE, GROWTH, RATIO }

    private final String id;
    private final Kind kind;
    private final Field field;
    private final Field denominator;

    private FilingMetric(String id, Kind kind, Field field, Field denominator) {
        this.id = id;
        this.kind = kind;
        this.field = field;
        this.denominator = denominator;
    }

    public static FilingMetric value(String id, Field field) {
        return new FilingMetric(id, Kind.VALUE, field, null);
    }

    public static FilingMetric growth(String id, Field field) {
        return new FilingMetric(id, Kind.GROWTH, field, null);
    }

    /** {@code field / denominator × 100}, missing when the denominator is not positive. */
    public static FilingMetric ratio(String id, Field field, Field denominator) {
        return new FilingMetric(id, Kind.RATIO, field, denominator);
    }

    @Override
    public String describe() {
        return id;
    }

    @Override
    public Unit unit() {
        return kind == Kind.VALUE ? field.unit : Unit.PERCENT;
    }

    @Override
    public double value(FactView view) {
        TaxFilingEvent latest = view.latestAnnual();
        if (latest == null) {
            return Double.NaN;
        }
        double current = field.read(latest);
        switch (kind) {
            case VALUE:
                return current;
            case RATIO: {
                double base = denominator.read(latest);
                return base > 0 ? current / base * 100.0 : Double.NaN;
            }
            default: {
                TaxFilingEvent prior = view.annual(view.latestFiscalYear() - 1);
                if (prior == null) {
                    return Double.NaN;
                }
                double previous = field.read(prior);
                return previous > 0 ? (current - previous) / previous * 100.0 : Double.NaN;
            }
        }
    }

    @Override
    public LocalDate nextChange(FactView view) {
        return view.nextAnnualFilingDate();
    }
}
