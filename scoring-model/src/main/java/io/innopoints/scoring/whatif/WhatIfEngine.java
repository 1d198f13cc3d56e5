package io.innopoints.scoring.whatif;

import io.innopoints.scoring.evaluate.Evaluation;
import io.innopoints.scoring.evaluate.Evaluator;
import io.innopoints.scoring.evaluate.PercentileInput;
import io.innopoints.scoring.evaluate.Points;
import io.innopoints.scoring.model.Indicator;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.scoring.rank.RankIndex;
import io.innopoints.scoring.scorer.CohortPercentile;
import io.innopoints.scoring.scorer.CohortPercentileScorer;
import io.innopoints.scoring.scorer.Scorer;
import io.innopoints.scoring.whatif.Cohorts.CohortRef;
import io.innopoints.scoring.whatif.Cohorts.Member;
import io.innopoints.scoring.whatif.Cohorts.Subject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.DoublePredicate;

/**
 * What-if scoring of one enterprise against the current state of its cohorts, with the scoring domain's own model,
 * scorers, {@link CohortPercentile} and {@link RankIndex}.
 *
 * <p>{@link #evaluate} takes indicator id → new raw value (null = missing) and recomputes each changed indicator's
 * points as the {@link Evaluator} does ({@link Evaluator#points}, rounded once to 0.01 by {@link Points}; a cohort
 * percentile by {@link Evaluation#percentileCents}); the total is the current total plus those
 * point deltas. A changed cohort-percentile indicator recomputes the enterprise's percentile in the distribution
 * with its new value, and also shifts the points of the other members of that cohort (their percentile moves when
 * the enterprise passes them): each member's total moves by its points under the new distribution minus its points
 * under the current one. Ranks are competition ranks in a {@link RankIndex} of the (shifted) totals.
 *
 * <p>{@link #minimumChange} finds, for every indicator, the smallest single raw-value change that brings the
 * enterprise to rank ≤ N in a cohort (total at least the N-th highest of the others' totals): the points the
 * indicator needs, inverted by its scorer ({@link Scorer#valueFor}) and rounded to the unit's step (a whole number for
 * whole units, else 0.01), checked against the ranking; for a cohort percentile the other members' values (a tie or
 * just above), since passing them also moves their points. It names the cheapest by relative change. The stage is
 * held fixed. Errors are {@link WhatIfException}s.
 */
public final class WhatIfEngine {
    private static final double VALUE_STEP = 0.01;
    /** Steps tried beyond the inverted value before giving up (the rounding of points needs at most one or two). */
    private static final int MAX_EXTRA_STEPS = 20;

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
        this.stage = model.stage(subject.stage()).orElseThrow(() -> new WhatIfException(
                WhatIfException.Kind.MODEL_MISMATCH, null,
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
     * or {@code reachable=false} with a reason code (CAPPED, NOT_A_RAW_VALUE, NO_PENALTY, NOT_ENOUGH) and text.
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
            Indicator ind = model.indicator(c.getKey()).orElseThrow(() -> WhatIfException.invalid(field,
                    "unknown indicator of model " + model.key() + "; known: "
                            + model.indicators().stream().map(Indicator::id).toList()));
            if (!ind.scorer().followsRawValue()) {
                throw WhatIfException.invalid(field, "the points of '" + ind.id() + "' follow the level, kind or "
                        + "grade of each credential, not one raw value; it cannot be changed here");
            }
            if (c.getValue() != null && !Double.isFinite(c.getValue())) {
                throw WhatIfException.invalid(field, "must be a finite number or null");
            }
        }
    }

    // ---------------------------------------------------------------- minimum change to top-N

    /** The cheapest single-indicator change that brings the enterprise to rank ≤ {@code topN} in {@code cohortId}. */
    public Target minimumChange(String cohortId, int topN) {
        if (topN < 1) {
            throw WhatIfException.invalid("top", topN + " is not ≥ 1");
        }
        CohortRef ref = subject.cohorts().stream().filter(c -> c.cohortId().equals(cohortId)).findFirst()
                .orElseThrow(() -> WhatIfException.invalid("cohort", "the enterprise is not ranked in cohort '"
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
            options.add(option(ind, ref.cohortId(), topN, totals.get(topN - 1), base.total));
        }
        Comparator<Option> cheapestFirst = Comparator.comparing((Option o) -> !o.reachable())
                .thenComparing(o -> o.relativeChange() == null ? Double.POSITIVE_INFINITY : Math.abs(o.relativeChange()));
        List<Option> sorted = options.stream().sorted(cheapestFirst).toList();
        Option cheapest = sorted.isEmpty() || !sorted.get(0).reachable() ? null : sorted.get(0);
        return new Target(cohortId, topN, rank, now.size(), threshold, false, cheapest, sorted);
    }

    /**
     * The smallest change of one indicator that reaches rank ≤ {@code topN}: a value of the scorer's inversion for the
     * points still missing to {@code thresholdCents} (others' totals do not move), or for a cohort percentile the
     * first of the candidate values that ranks (others' points move with the distribution).
     */
    private Option option(Indicator ind, String cohortId, int topN, long thresholdCents, long totalCents) {
        Scorer s = ind.scorer();
        double v0 = currentValue(ind);
        if (!s.followsRawValue()) {
            return unreachable(ind, v0, "NOT_A_RAW_VALUE", "points follow each credential's level, kind or grade, not one raw value");
        }
        DoublePredicate ok = v -> rankIn(cohortId, eval(Map.of(ind.id(), v))) <= topN;
        if (s.needsCohort()) {
            Double required = firstOk(percentileCandidates(ind, (CohortPercentileScorer) s, v0), ok);
            return required == null
                    ? unreachable(ind, v0, "CAPPED", "capped: even the highest value of the cohort (percentile 100) is not enough")
                    : reachable(ind, v0, required, cohortId);
        }
        if (s.penalty() && (Double.isNaN(v0) || v0 <= s.best(stage))) {
            return unreachable(ind, v0, "NO_PENALTY", "no penalty to remove");
        }
        // the points this indicator must reach so that the total reaches the threshold: the rest of the total stays
        long neededCents = thresholdCents - (totalCents - currentPoints(ind));
        double weight = ind.weight(stage);
        // toCents rounds half away from zero: weight × fraction may be up to half a cent below the goal
        double fraction = weight > 0 ? (neededCents - 0.5) / 100.0 / weight
                : neededCents <= 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        double raw = s.valueFor(fraction, v0, stage);
        Double required = Double.isNaN(raw) ? null
                : atStep(raw, Double.isNaN(v0) ? 0 : v0, s.penalty(), ind.metric().unit().whole(), ok);
        if (required == null) {
            return s.penalty()
                    ? unreachable(ind, v0, "NOT_ENOUGH", "even without this penalty the total stays below the top-" + topN)
                    : unreachable(ind, v0, "CAPPED", "capped: full marks from " + fmt(s.best(stage)) + " " + ind.unit());
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

    /**
     * The inverted value as the user would enter it: the nearest multiple of the unit's step (1 or 0.01) on the far
     * side of {@code raw} from {@code from} that passes, moved back towards {@code from} while a step less still
     * passes (rounding of points can make either necessary); {@code from} itself when the inversion is {@code from}.
     * Null when no value up to {@value #MAX_EXTRA_STEPS} steps beyond {@code raw} passes.
     */
    private static Double atStep(double raw, double from, boolean down, boolean whole, DoublePredicate ok) {
        if (raw == from && ok.test(from)) {
            return from;
        }
        double step = (whole ? 1 : VALUE_STEP) * (down ? -1 : 1);
        double v = down ? Math.floor(raw / Math.abs(step) + 1e-9) * Math.abs(step)
                : Math.ceil(raw / step - 1e-9) * step;
        v = round2(v);
        for (int i = 0; i < MAX_EXTRA_STEPS && !ok.test(v); i++) {
            v = round2(v + step);
            if (down && v < 0) {
                return null;
            }
        }
        if (!ok.test(v)) {
            return null;
        }
        while (down ? round2(v - step) <= from : round2(v - step) >= from) {
            double back = round2(v - step);
            if (!ok.test(back)) {
                break;
            }
            v = back;
        }
        return v;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
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
                    p1 = Points.toCents(Evaluator.points(ind, v1, null, stage));
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
            long delta = percentileCents(ind, weight, d1, vm) - percentileCents(ind, weight, d0, vm);
            if (delta != 0) {
                othersDelta.merge(m.creditCode(), delta, Long::sum);
            }
        }
        return Double.isNaN(v1) ? 0 : percentileCents(ind, weight, d1, v1);
    }

    /** The Evaluator's percentile points of {@code value} in a distribution of the cohort. */
    private static long percentileCents(Indicator ind, double weight, CohortPercentile distribution, double value) {
        return Evaluation.percentileCents(weight, new PercentileInput(ind.index(), ind.id(), "", value),
                (cohort, indicator, v) -> distribution.percentileOf(v));
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

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
