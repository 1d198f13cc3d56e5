package io.innopoints.scoring.stage;

import java.util.List;

/**
 * When an enterprise is in a stage: any of the alternatives holds (an empty list always holds). Each alternative
 * is a conjunction of bounds on years since founding, latest-fiscal-year revenue (10k CNY) and employees;
 * minimums are inclusive, maximums exclusive, absent bounds are unconstrained. Missing revenue, employees or
 * founding date count as 0 (a new enterprise without filings is the smallest).
 */
public record StageRule(List<Conditions> alternatives) {

    public StageRule {
        alternatives = List.copyOf(alternatives);
    }

    /** One conjunction of bounds; NaN = unbounded. */
    public record Conditions(double minYears, double maxYears, double minRevenue, double maxRevenue,
                             double minEmployees, double maxEmployees) {

        boolean holds(double years, double revenue, double employees) {
            return within(years, minYears, maxYears) && within(revenue, minRevenue, maxRevenue)
                    && within(employees, minEmployees, maxEmployees);
        }

        private static boolean within(double v, double min, double max) {
            return (Double.isNaN(min) || v >= min) && (Double.isNaN(max) || v < max);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            bound(sb, "years ≥ ", minYears);
            bound(sb, "years < ", maxYears);
            bound(sb, "revenue ≥ ", minRevenue);
            bound(sb, "revenue < ", maxRevenue);
            bound(sb, "employees ≥ ", minEmployees);
            bound(sb, "employees < ", maxEmployees);
            return sb.length() == 0 ? "always" : sb.toString();
        }

        private static void bound(StringBuilder sb, String what, double v) {
            if (!Double.isNaN(v)) {
                sb.append(sb.length() == 0 ? "" : " and ").append(what)
                        .append(v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v));
            }
        }
    }

    @Override
    public String toString() {
        return alternatives.isEmpty() ? "always"
                : String.join(" or ", alternatives.stream().map(c -> "(" + c + ")").toList());
    }

    /** True when the rule holds; NaN inputs are read as 0. */
    public boolean matches(double years, double revenue, double employees) {
        if (alternatives.isEmpty()) {
            return true;
        }
        double y = Double.isNaN(years) ? 0 : years;
        double r = Double.isNaN(revenue) ? 0 : revenue;
        double e = Double.isNaN(employees) ? 0 : employees;
        for (Conditions c : alternatives) {
            if (c.holds(y, r, e)) {
                return true;
            }
        }
        return false;
    }
}
