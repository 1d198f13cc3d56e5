package io.innopoints.scoring.evaluate;

/**
 * The rounding rule of every published number: indicator points are rounded to 0.01 (half away from zero) once,
 * when an indicator is scored; dimension subtotals and totals are exact sums of those hundredths, so the published
 * total always equals the sum of the published subtotals, and equal totals compare equal.
 */
public final class Points {
    private Points() {
    }

    /** Points in hundredths, rounded half away from zero (a 1e-9 guard absorbs binary noise such as 0.285 × 100). */
    public static long toCents(double points) {
        if (Double.isNaN(points)) {
            throw new IllegalArgumentException("points must be a number");
        }
        long cents = Math.round(Math.abs(points) * 100.0 + 1e-9);
        return points < 0 ? -cents : cents;
    }

    public static double fromCents(long cents) {
        return cents / 100.0;
    }

    /** A value rounded to 2 decimals the same way, for display of raw metric values. */
    public static double round2(double value) {
        return Double.isNaN(value) ? value : fromCents(toCents(value));
    }
}
