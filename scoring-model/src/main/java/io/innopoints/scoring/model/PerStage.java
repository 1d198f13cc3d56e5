package io.innopoints.scoring.model;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A number per life-cycle stage (indicator weights, reference values), indexed by the stage's position in the
 * model. In a model file it is either one number for every stage or a mapping {@code stageId: number} naming
 * every stage.
 */
public final class PerStage {
    private final double[] values;

    public PerStage(double[] values) {
        this.values = values.clone();
    }

    public static PerStage constant(double value, int stages) {
        double[] v = new double[stages];
        Arrays.fill(v, value);
        return new PerStage(v);
    }

    public double get(int stage) {
        return values[stage];
    }

    public int size() {
        return values.length;
    }

    /**
     * Parses {@code node} against the stage ids; {@code min} is the smallest allowed value (inclusive) and
     * {@code positive} demands values strictly above it. Reports unknown and missing stages.
     */
    public static PerStage parse(Node node, List<String> stageIds, double min, boolean positive) {
        double[] values = new double[stageIds.size()];
        if (node.isMissing()) {
            node.problem("is required");
            return new PerStage(values);
        }
        if (node.json().isNumber()) {
            double v = node.asNumber(0);
            check(node, v, min, positive);
            Arrays.fill(values, v);
            return new PerStage(values);
        }
        if (!node.isObject()) {
            node.problem("must be a number or a mapping stageId: number, got " + Node.describe(node.json()));
            return new PerStage(values);
        }
        Map<String, Node> entries = node.entries();
        boolean[] seen = new boolean[stageIds.size()];
        for (Map.Entry<String, Node> e : entries.entrySet()) {
            int stage = stageIds.indexOf(e.getKey());
            if (stage < 0) {
                e.getValue().problem("unknown stage \"" + e.getKey() + "\"; stages are " + stageIds);
                continue;
            }
            double v = e.getValue().asNumber(0);
            check(e.getValue(), v, min, positive);
            values[stage] = v;
            seen[stage] = true;
        }
        for (int i = 0; i < seen.length; i++) {
            if (!seen[i] && !stageIds.get(i).isEmpty()) {
                node.problem("missing a value for stage \"" + stageIds.get(i) + "\"");
            }
        }
        return new PerStage(values);
    }

    private static void check(Node node, double v, double min, boolean positive) {
        if (positive ? !(v > min) : !(v >= min)) {
            node.problem("must be " + (positive ? "> " : "≥ ") + format(min) + ", got " + format(v));
        }
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PerStage p && Arrays.equals(values, p.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
