package io.innopoints.scoring.metric;

/** The unit a metric value is expressed in; {@link #label()} is what outputs and model files show. */
public enum Unit {
    TEN_THOUSAND_CNY("10k CNY"),
    PERCENT("%"),
    PERSONS("persons"),
    ITEMS("items"),
    FLAG("yes/no"),
    YEARS("years");

    private final String label;

    Unit(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Fen (0.01 CNY) to the 10k-CNY unit of the indicator tables. */
    public static double fenToTenThousandCny(long fen) {
        return fen / 1_000_000.0;
    }
}
