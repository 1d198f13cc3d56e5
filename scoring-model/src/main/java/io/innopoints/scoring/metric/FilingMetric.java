package io.innopoints.scoring.metric;

import io.innopoints.schemas.event.TaxFilingEvent;
import io.innopoints.scoring.profile.FactView;
import java.time.LocalDate;

/**
 * Metrics read from the ANNUAL tax filing of the latest fiscal year (the latest year whose ANNUAL filing has
 * filingDate on or before the as-of day; for a year, the effective filing with the latest (filingDate, eventTime,
 * eventId) wins). Kinds: a field's value; its growth in percent over the prior fiscal year's effective filing
 * (missing when there is no prior filing or the prior value is not positive); and two ratios in percent. Growth
 * and ratios divide the filed integers exactly ({@link Percent}), so proportional filings give equal values.
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
            Long exact = exact(f);
            if (exact == null) {
                return Double.NaN;
            }
            return unit == Unit.TEN_THOUSAND_CNY ? Unit.fenToTenThousandCny(exact) : exact;
        }

        /** The field as filed, in fen or persons; null when the filing does not carry it. */
        Long exact(TaxFilingEvent f) {
            return switch (this) {
                case REVENUE -> f.getRevenueFen();
                case RD_EXPENSE -> f.getRdExpenseFen();
                case TAXES_PAID -> f.getTaxesPaidFen();
                case NET_PROFIT -> f.getNetProfitFen();
                case EMPLOYEES -> (long) f.getEmployees();
                case RD_STAFF -> (long) f.getRdStaff();
                case HIGH_LEVEL_TALENT -> f.getHighLevelTalent() == null ? null : f.getHighLevelTalent().longValue();
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
        return switch (kind) {
            case VALUE -> field.read(latest);
            case RATIO -> percent(field.exact(latest), denominator.exact(latest));
            case GROWTH -> {
                TaxFilingEvent prior = view.annual(view.latestFiscalYear() - 1);
                yield prior == null ? Double.NaN : growth(field.exact(latest), field.exact(prior));
            }
        };
    }

    /** {@code part / whole × 100} from the filed integers, NaN when either is absent or the whole is not positive. */
    private static double percent(Long part, Long whole) {
        return part == null || whole == null || whole <= 0 ? Double.NaN : Percent.of(part, whole);
    }

    /**
     * {@code (latest − prior) / prior × 100} from the filed integers, NaN when either is absent or the prior is not
     * positive. Amounts are validated to ±10^15 fen ({@code EventValidator.MAX_AMOUNT_FEN}), so the difference
     * fits in a long; subtractExact makes a violation an error instead of a wrong value.
     */
    private static double growth(Long latest, Long prior) {
        return latest == null || prior == null ? Double.NaN : percent(Math.subtractExact(latest, prior), prior);
    }

    @Override
    public LocalDate nextChange(FactView view) {
        return view.nextAnnualFilingDate();
    }
}
