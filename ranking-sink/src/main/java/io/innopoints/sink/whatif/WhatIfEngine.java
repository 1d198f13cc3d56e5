package io.innopoints.sink.whatif;

import io.innopoints.scoring.evaluate.Points;
import io.innopoints.scoring.model.Indicator;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.scoring.rank.RankIndex;
import io.innopoints.scoring.scorer.BandsScorer;
import io.innopoints.scoring.scorer.BonusScorer;
import io.innopoints.scoring.scorer.CappedLinearScorer;
import io.innopoints.scoring.scorer.CohortPercentile;
import io.innopoints.scoring.scorer.CohortPercentileScorer;
import io.innopoints.scoring.scorer.PenaltyScorer;
import io.innopoints.scoring.scorer.PerItemScorer;
import io.innopoints.scoring.scorer.Scorer;
import io.innopoints.scoring.scorer.TableScorer;
import io.innopoints.sink.whatif.Cohorts.CohortRef;
import io.innopoints.sink.whatif.Cohorts.Member;
import io.innopoints.sink.whatif.Cohorts.Subject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoublePredicate;

/**
 * What-if scoring of one enterprise against the current state of its cohorts, with the scoring domain's own model,
 * scorers, {@link CohortPercentile} and {@link RankIndex}.
 *
 * <p>{@link #evaluate} takes indicator id → new raw value (null = missing) and recomputes each changed indicator's
 * points ({@code weight(stage) × scorer fraction}, rounded once to 0.01); the total is the current total plus those
 * point deltas. A changed cohort-percentile indicator recomputes the enterprise's percentile in the distribution
 * with its new value, and also shifts the points of the other members of that cohort (their percentile moves when
 * the enterprise passes them): each member's total moves by its points under the new distribution minus its points
 * under the current one. Ranks are competition ranks in a {@link RankIndex} of the (shifted) totals.
 *
 * <p>{@link #minimumChange} finds, for every indicator, the smallest single raw-value change that brings the
 * enterprise to rank ≤ N in a cohort (total at least the N-th highest of the others' totals), searching the
 * scorer's monotone range (binary search for linear scorers, the band edges, whole items, the other members'
 * values for percentiles), and names the cheapest by relative change. The stage is held fixed.
 */
public final class WhatIfEngine {
    private static final double VALUE_STEP = 0.01;

    private final ScoringModel model;
    private final Subject subject;
    private final int stage;
    private final Map<String, List<Member>> others = new HashMap<>();
    private final Map<String, long[]> sortedTotals = new HashMap<>();

    /**
     * @param cohortMembers per cohort id of the subject, the cohort's ranked members (the subject, if listed, is
     *                      ignored: its own current state comes from {@code subject})
     */
    public WhatIfEngine(ScoringModel model, Subject subject, Map<String, List<Member>> cohortMembers) {
        this.model = model;
        this.subject = subject;
        this.stage = model.stage(subject.stage()).orElseThrow(() -> new WhatIfException(409, null,
                "stage '" + subject.stage() + "' of the enterprise is not a stage of model " + model.key())).index();
        for (CohortRef ref : subject.cohorts()) {
            others.put(ref.cohortId(), cohortMembers.getOrDefault(ref.cohortId(), List.of()).stream()
                    .filter(m -> !m.creditCode().equals(subject.creditCode())).toList());
        }
    }

    // ---------------------------------------------------------------- results

    /** One indicator before and after. Values null when missing. */
    public record IndicatorOutcome(String indicatorId, String dimensionId, String unit, String scorer, boolean changed,
                                   Double value, Double newValue, double points, double newPoints, double delta) {
    }

    public record DimensionOutcome(String dimensionId, double points, double newPoints) {
    }

    /** The enterprise's place in one cohort now (live rank) and in the scenario. */
    public record RankOutcome(String cohortId, String scope, int cohortSize, int rank, int newRank, String tier,
                              String newTier) {
    }

    /** The scenario: totals, every indicator and dimension, ranks, and how many other members' totals shifted. */
    public record Scenario(double total, double newTotal, List<DimensionOutcome> dimensions,
                           List<IndicatorOutcome> indicators, List<RankOutcome> ranks, int shiftedMembers) {
    }

    /**
     * The smallest change of one indicator that reaches the top-N: required raw value, the change and the change
     * relative to the current value (null when the current value is 0 or missing), the resulting total and rank;
     * or {@code reachable=false} with a reason code (CAPPED, NOT_A_RAW_VALUE, NO_PENALTY, NOT_ENOUGH, UNSUPPORTED) and text.
     */
    public record Option(String indicatorId, String scorer, String unit, boolean reachable, Double value,
                         Double requiredValue, Double change, Double relativeChange, Double newTotal, Integer newRank,
                         String reasonCode, String reason) {
    }

    /**
     * Minimum change to reach rank ≤ {@code topN} in {@code cohortId}: the threshold (the N-th highest total of the
     * other members, null when there are fewer than N others), whether the enterprise is already there, the cheapest
     * reachable option and every indicator's option (cheapest first, unreachable last).
     */
    public record Target(String cohortId, int topN, int rank, int cohortSize, Double thresholdTotal,
                         boolean alreadyInTop, Option cheapest, List<Option> options) {
    }

    // ---------------------------------------------------------------- what-if

    /** The scenario for {@code changes} (indicator id → new raw value, null = missing). */
    public Scenario evaluate(Map<String, Double> changes) {
        validate(changes);
        Eval e = eval(changes);
        List<IndicatorOutcome> indicators = new ArrayList<>();
        for (Indicator ind : model.indicators()) {
            long p0 = currentPoints(ind);
            long p1 = e.points.get(ind.id());
            boolean changed = changes.containsKey(ind.id());
            double v0 = currentValue(ind);
            double v1 = changed ? toValue(changes.get(ind.id())) : v0;
            indicators.add(new IndicatorOutcome(ind.id(), ind.dimension().id(), ind.unit(), ind.scorer().kind(), changed,
                    boxed(v0), boxed(v1), Points.fromCents(p0), Points.fromCents(p1), Points.fromCents(p1 - p0)));
        }
        List<DimensionOutcome> dimensions = model.dimensions().stream().map(d -> new DimensionOutcome(d.id(),
                Points.fromCents(subject.dimensionCents().getOrDefault(d.id(), 0L)),
                Points.fromCents(e.dimensions.getOrDefault(d.id(), 0L)))).toList();
        Eval base = eval(Map.of());
        List<RankOutcome> ranks = new ArrayList<>();
        for (CohortRef ref : subject.cohorts()) {
            RankIndex now = index(ref.cohortId(), base);
            RankIndex then = index(ref.cohortId(), e);
            int r0 = now.rank(subject.creditCode()).orElseThrow();
            int r1 = then.rank(subject.creditCode()).orElseThrow();
            ranks.add(new RankOutcome(ref.cohortId(), ref.scope(), now.size(), r0, r1, model.tierOf(r0, now.size()),
                    model.tierOf(r1, then.size())));
        }
        return new Scenario(Points.fromCents(subject.totalCents()), Points.fromCents(e.total), dimensions, indicators,
                ranks, e.othersDelta.size());
    }

    /** Rejects unknown indicators and indicators whose points do not follow one raw value, naming the field. */
    public void validate(Map<String, Double> changes) {
        for (Map.Entry<String, Double> c : changes.entrySet()) {
            String field = "changes." + c.getKey();
            Indicator ind = model.indicator(c.getKey()).orElseThrow(() -> WhatIfException.badField(field,
                    "unknown indicator of model " + model.key() + "; known: "
                            + model.indicators().stream().map(Indicator::id).toList()));
            if (ind.scorer() instanceof TableScorer) {
                throw WhatIfException.badField(field, "the points of '" + ind.id() + "' follow the level, kind or "
                        + "grade of each credential, not one raw value; it cannot be changed here");
            }
            if (c.getValue() != null && !Double.isFinite(c.getValue())) {
                throw WhatIfException.badField(field, "must be a finite number or null");
            }
        }
    }

    // ---------------------------------------------------------------- minimum change to top-N

    /** The cheapest single-indicator change that brings the enterprise to rank ≤ {@code topN} in {@code cohortId}. */
    public Target minimumChange(String cohortId, int topN) {
        if (topN < 1) {
            throw WhatIfException.badField("top", topN + " is not ≥ 1");
        }
        CohortRef ref = subject.cohorts().stream().filter(c -> c.cohortId().equals(cohortId)).findFirst()
                .orElseThrow(() -> WhatIfException.badField("cohort", "the enterprise is not ranked in cohort '"
                        + cohortId + "'; its cohorts: " + subject.cohorts().stream().map(CohortRef::cohortId).toList()));
        Eval base = eval(Map.of());
        RankIndex now = index(ref.cohortId(), base);
        int rank = now.rank(subject.creditCode()).orElseThrow();
        List<Long> totals = others.get(ref.cohortId()).stream().map(Member::totalCents)
                .sorted(Comparator.reverseOrder()).toList();
        Double threshold = totals.size() >= topN ? Points.fromCents(totals.get(topN - 1)) : null;
        if (rank <= topN) {
            return new Target(cohortId, topN, rank, now.size(), threshold, true, null, List.of());
        }
        List<Option> options = new ArrayList<>();
        for (Indicator ind : model.indicators()) {
            options.add(option(ind, ref.cohortId(), topN));
        }
        Comparator<Option> cheapestFirst = Comparator.comparing((Option o) -> !o.reachable())
                .thenComparing(o -> o.relativeChange() == null ? Double.POSITIVE_INFINITY : Math.abs(o.relativeChange()));
        List<Option> sorted = options.stream().sorted(cheapestFirst).toList();
        Option cheapest = sorted.isEmpty() || !sorted.get(0).reachable() ? null : sorted.get(0);
        return new Target(cohortId, topN, rank, now.size(), threshold, false, cheapest, sorted);
    }

    private Option option(Indicator ind, String cohortId, int topN) {
        Scorer s = ind.scorer();
        double v0 = currentValue(ind);
        DoublePredicate ok = v -> rankIn(cohortId, eval(Map.of(ind.id(), v))) <= topN;
        boolean whole = whole(ind.unit());
        double start = Double.isNaN(v0) ? 0 : v0;
        Double required;
        String capped;
        if (s instanceof TableScorer) {
            return unreachable(ind, v0, "NOT_A_RAW_VALUE", "points follow each credential's level, kind or grade, not one raw value");
        } else if (s instanceof PenaltyScorer) {
            if (Double.isNaN(v0) || v0 <= 0) {
                return unreachable(ind, v0, "NO_PENALTY", "no penalty to remove");
            }
            if (!ok.test(0)) {
                return unreachable(ind, v0, "NOT_ENOUGH", "even without this penalty the total stays below the top-" + topN);
            }
            return reachable(ind, v0, searchDown(0, v0, whole, ok), cohortId);
        } else if (s instanceof CappedLinearScorer c) {
            capped = "capped: full marks at " + fmt(ref(c)) + " " + ind.unit();
            required = searchUp(start, ref(c), whole, ok);
        } else if (s instanceof BonusScorer b) {
            capped = "capped: full marks at " + fmt(b.ref()) + " " + ind.unit();
            required = searchUp(Math.max(start, 0), b.ref(), whole, ok);
        } else if (s instanceof PerItemScorer p) {
            double cap = p.maxItems().get(stage);
            capped = "capped at " + fmt(cap) + " " + ind.unit();
            required = firstOk(range(Math.floor(Math.max(start, 0)) + 1, cap), ok);
        } else if (s instanceof BandsScorer b) {
            capped = "capped: the highest band starts at " + fmt(b.bands().get(b.bands().size() - 1).from());
            required = firstOk(b.bands().stream().map(BandsScorer.Band::from)
                    .filter(f -> Double.isNaN(v0) || f > v0).toList(), ok);
        } else if (s instanceof CohortPercentileScorer p) {
            capped = "capped: even the highest value of the cohort (percentile 100) is not enough";
            required = firstOk(percentileCandidates(ind, p, v0), ok);
        } else {
            return unreachable(ind, v0, "UNSUPPORTED", "scorer " + s.kind() + " is not supported by what-if");
        }
        if (required == null) {
            return unreachable(ind, v0, "CAPPED", capped);
        }
        return reachable(ind, v0, required, cohortId);
    }

    private Option reachable(Indicator ind, double v0, double required, String cohortId) {
        Eval e = eval(Map.of(ind.id(), required));
        int newRank = index(cohortId, e).rank(subject.creditCode()).orElseThrow();
        double base = Double.isNaN(v0) ? 0 : v0;
        double change = required - base;
        Double relative = Double.isNaN(v0) || v0 == 0 ? null : change / Math.abs(v0);
        return new Option(ind.id(), ind.scorer().kind(), ind.unit(), true, boxed(v0), required, change, relative,
                Points.fromCents(e.total), newRank, null, null);
    }

    private static Option unreachable(Indicator ind, double v0, String code, String reason) {
        return new Option(ind.id(), ind.scorer().kind(), ind.unit(), false, boxed(v0), null, null, null, null, null,
                code, reason);
    }

    private double ref(CappedLinearScorer c) {
        return c.ref().get(stage);
    }

    /** Smallest value in [lo, hi] passing a monotone test, rounded up to a whole number or 0.01; null when hi fails. */
    private static Double searchUp(double lo, double hi, boolean whole, DoublePredicate ok) {
        if (lo >= hi || !ok.test(hi)) {
            return lo >= hi && ok.test(lo) ? lo : null;
        }
        if (ok.test(lo)) {
            return lo;
        }
        double a = lo;
        double b = hi;
        for (int i = 0; i < 200 && b - a > 1e-9 * Math.max(1, Math.abs(b)); i++) {
            double mid = a + (b - a) / 2;
            if (ok.test(mid)) {
                b = mid;
            } else {
                a = mid;
            }
        }
        // report a whole number or a multiple of 0.01: the smallest such value that still passes
        double step = whole ? 1 : VALUE_STEP;
        double rounded = Math.round(Math.ceil(b / step) * step * 100) / 100.0;
        while (rounded - step >= lo && ok.test(Math.round((rounded - step) * 100) / 100.0)) {
            rounded = Math.round((rounded - step) * 100) / 100.0;
        }
        return rounded <= hi && ok.test(rounded) ? rounded : (ok.test(b) ? b : hi);
    }

    /** Largest value in [lo, hi] passing a test that holds at lo and fails at hi, rounded down. */
    private static Double searchDown(double lo, double hi, boolean whole, DoublePredicate ok) {
        double a = lo;
        double b = hi;
        for (int i = 0; i < 200 && b - a > 1e-9 * Math.max(1, Math.abs(b)); i++) {
            double mid = a + (b - a) / 2;
            if (ok.test(mid)) {
                a = mid;
            } else {
                b = mid;
            }
        }
        double step = whole ? 1 : VALUE_STEP;
        double rounded = Math.round(Math.floor(a / step) * step * 100) / 100.0;
        while (rounded + step <= hi && ok.test(Math.round((rounded + step) * 100) / 100.0)) {
            rounded = Math.round((rounded + step) * 100) / 100.0;
        }
        return rounded >= lo && ok.test(rounded) ? rounded : a;
    }

    /** The first candidate passing a test that is monotone over the ascending candidates (binary search). */
    private static Double firstOk(List<Double> candidates, DoublePredicate ok) {
        int lo = 0;
        int hi = candidates.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ok.test(candidates.get(mid))) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo < candidates.size() ? candidates.get(lo) : null;
    }

    private static List<Double> range(double from, double to) {
        List<Double> out = new ArrayList<>();
        for (double v = from; v <= to; v++) {
            out.add(v);
        }
        return out;
    }

    /**
     * Values at which a percentile can change: each other member's value above the current one (a tie) and a step
     * just above it (strictly above, below the next value).
     */
    private List<Double> percentileCandidates(Indicator ind, CohortPercentileScorer p, double v0) {
        CohortRef ref = cohortOfScope(p);
        if (ref == null) {
            return List.of();
        }
        TreeSet<Double> values = new TreeSet<>();
        for (Member m : others.get(ref.cohortId())) {
            double v = m.value(ind.id());
            if (!Double.isNaN(v)) {
                values.add(v);
            }
        }
        List<Double> out = new ArrayList<>();
        if (!Double.isNaN(v0)) {
            // the current value itself: the stored points may predate the cohort's current distribution
            out.add(v0);
        }
        if (values.isEmpty()) {
            if (Double.isNaN(v0)) {
                out.add(0.0);
            }
            return out;
        }
        for (double u : values) {
            if (!Double.isNaN(v0) && u < v0) {
                continue;
            }
            if (Double.isNaN(v0) || u > v0) {
                out.add(u);
            }
            // just above u: breaks a tie with u upwards (also a tie at the current value)
            Double next = values.higher(u);
            double above = u + VALUE_STEP;
            out.add(next == null || above < next ? Math.round(above * 100) / 100.0 : u + (next - u) / 2);
        }
        return out;
    }

    // ---------------------------------------------------------------- evaluation core

    /** Points of every indicator, dimension subtotals, total, and the total shifts of other members. */
    private record Eval(Map<String, Long> points, Map<String, Long> dimensions, long total,
                        Map<String, Long> othersDelta) {
    }

    private Eval eval(Map<String, Double> changes) {
        Map<String, Long> points = new LinkedHashMap<>();
        Map<String, Long> dimensions = new HashMap<>(subject.dimensionCents());
        Map<String, Long> othersDelta = new HashMap<>();
        long total = subject.totalCents();
        for (Indicator ind : model.indicators()) {
            long p0 = currentPoints(ind);
            long p1 = p0;
            if (changes.containsKey(ind.id())) {
                double v1 = toValue(changes.get(ind.id()));
                if (ind.scorer() instanceof CohortPercentileScorer cps) {
                    p1 = percentilePoints(ind, cps, v1, othersDelta);
                } else {
                    p1 = Points.toCents(ind.weight(stage) * ind.scorer().fraction(v1, null, stage));
                }
            }
            points.put(ind.id(), p1);
            if (p1 != p0) {
                total += p1 - p0;
                dimensions.merge(ind.dimension().id(), p1 - p0, Long::sum);
            }
        }
        othersDelta.values().removeIf(d -> d == 0);
        return new Eval(points, dimensions, total, othersDelta);
    }

    /**
     * The enterprise's points for a new value of a percentile indicator, adding to {@code othersDelta} how the other
     * members' points move between the current distribution and the one with the new value.
     */
    private long percentilePoints(Indicator ind, CohortPercentileScorer scorer, double v1,
                                  Map<String, Long> othersDelta) {
        CohortRef ref = cohortOfScope(scorer);
        if (ref == null) {
            return 0; // not ranked in that scope: no distribution, as the stream scores it
        }
        List<Member> members = others.get(ref.cohortId());
        double v0 = currentValue(ind);
        double[] before = new double[members.size() + 1];
        double[] after = new double[members.size() + 1];
        for (int i = 0; i < members.size(); i++) {
            before[i] = members.get(i).value(ind.id());
            after[i] = before[i];
        }
        before[members.size()] = v0;
        after[members.size()] = v1;
        CohortPercentile d0 = CohortPercentile.of(before);
        CohortPercentile d1 = CohortPercentile.of(after);
        double weight = ind.weight(stage);
        for (Member m : members) {
            double vm = m.value(ind.id());
            if (Double.isNaN(vm)) {
                continue;
            }
            long delta = percentileCents(weight, d1, vm) - percentileCents(weight, d0, vm);
            if (delta != 0) {
                othersDelta.merge(m.creditCode(), delta, Long::sum);
            }
        }
        return Double.isNaN(v1) ? 0 : percentileCents(weight, d1, v1);
    }

    private static long percentileCents(double weight, CohortPercentile distribution, double value) {
        return Points.toCents(weight * CohortPercentileScorer.fractionOf(distribution.percentileOf(value)));
    }

    private CohortRef cohortOfScope(CohortPercentileScorer scorer) {
        String scope = scorer.scope() == null ? model.scopes().get(0).id() : scorer.scope();
        return subject.cohorts().stream().filter(c -> c.scope().equals(scope)).findFirst().orElse(null);
    }

    /**
     * The competition rank of the subject in a cohort without building an index (the search evaluates many values):
     * 1 + others above, from the others' current totals sorted once, corrected for the few members whose totals a
     * percentile change shifted. Agrees with {@link RankIndex} (cross-checked by the properties test).
     */
    private int rankIn(String cohortId, Eval e) {
        long[] sorted = sortedTotals.computeIfAbsent(cohortId, id -> others.get(id).stream()
                .mapToLong(Member::totalCents).sorted().toArray());
        int above = sorted.length - upperBound(sorted, e.total);
        if (!e.othersDelta.isEmpty()) {
            for (Member m : others.get(cohortId)) {
                Long d = e.othersDelta.get(m.creditCode());
                if (d != null) {
                    boolean was = m.totalCents() > e.total;
                    boolean is = m.totalCents() + d > e.total;
                    above += (is ? 1 : 0) - (was ? 1 : 0);
                }
            }
        }
        return above + 1;
    }

    /** Index of the first element strictly greater than {@code key}. */
    private static int upperBound(long[] sorted, long key) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private RankIndex index(String cohortId, Eval e) {
        RankIndex index = new RankIndex();
        for (Member m : others.get(cohortId)) {
            index.put(m.creditCode(), m.totalCents() + e.othersDelta.getOrDefault(m.creditCode(), 0L));
        }
        index.put(subject.creditCode(), e.total);
        return index;
    }

    private long currentPoints(Indicator ind) {
        return subject.pointsCents().getOrDefault(ind.id(), 0L);
    }

    private double currentValue(Indicator ind) {
        Double v = subject.values().get(ind.id());
        return v == null ? Double.NaN : v;
    }

    private static double toValue(Double v) {
        return v == null ? Double.NaN : v;
    }

    private static Double boxed(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static final Set<String> WHOLE_UNITS = Set.of("items", "persons", "yes/no", "years");

    private static boolean whole(String unit) {
        return WHOLE_UNITS.contains(unit);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
