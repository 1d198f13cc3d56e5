package io.innopoints.scoring.metric;

/**
 * The unit a metric value is expressed in; {@link #label()} is what outputs and model files show, {@link #whole()}
 * whether its values are counted in whole numbers (items, persons, a yes/no flag, whole years).
 */
public enum Unit {
    TEN_THOUSAND_CNY("10k CNY", false),
    PERCENT("%", false),
    PERSONS("persons", true),
    ITEMS("items", true),
    FLAG("yes/no", true),
    YEARS("years", true);

    private final String label;
    private final boolean whole;

    Unit(String label, boolean whole) {
        this.label = label;
        this.whole = whole;
    }

    public String label() {
        return label;
    }

    public boolean whole() {
        return whole;
    }

    /** Fen (0.01 CNY) to the 10k-CNY unit of the indicator tables. */
    public static double fenToTenThousandCny(long fen) {
        return fen / 1_000_000.0;
    }
}
