package io.innopoints.scoring.evaluate;

import io.innopoints.schemas.event.EnterpriseRegistration;
import io.innopoints.scoring.model.Indicator;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.scoring.model.Stage;
import io.innopoints.scoring.scorer.CohortPercentileScorer;
import io.innopoints.scoring.scorer.PercentileLookup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One enterprise evaluated under one model at one as-of instant: its stage, cohorts, every indicator's raw value
 * (NaN = missing) and the points of every indicator that does not depend on the cohort. Cohort-percentile
 * indicators contribute their values ({@link #percentileInputs()}); {@link #score(PercentileLookup)} completes the
 * points. Immutable.
 */
public final class Evaluation {
    private final ScoringModel model;
    private final String creditCode;
    private final Instant asOf;
    private final EnterpriseRegistration registration;
    private final boolean ranked;
    private final Stage stage;
    private final List<Cohort> cohorts;
    private final double[] values;
    private final double[] points;
    private final List<PercentileInput> percentileInputs;
    private final Instant nextChange;

    Evaluation(ScoringModel model, String creditCode, Instant asOf, EnterpriseRegistration registration, boolean ranked,
               Stage stage, List<Cohort> cohorts, double[] values, double[] points,
               List<PercentileInput> percentileInputs, Instant nextChange) {
        this.model = model;
        this.creditCode = creditCode;
        this.asOf = asOf;
        this.registration = registration;
        this.ranked = ranked;
        this.stage = stage;
        this.cohorts = List.copyOf(cohorts);
        this.values = values;
        this.points = points;
        this.percentileInputs = List.copyOf(percentileInputs);
        this.nextChange = nextChange;
    }

    /**
     * Rebuilds an evaluation from its parts (e.g. after it crossed a repartition topic): the cohorts follow from the
     * registration and the stage; {@code points} holds NaN for cohort-percentile indicators of ranked enterprises.
     *
     * @throws IllegalArgumentException when the stage is not in the model or the arrays do not fit its indicators
     */
    public static Evaluation restore(ScoringModel model, String creditCode, Instant asOf,
                                     EnterpriseRegistration registration, boolean ranked, String stageId,
                                     double[] values, double[] points, List<PercentileInput> percentileInputs,
                                     Instant nextChange) {
        Stage stage = model.stage(stageId).orElseThrow(
                () -> new IllegalArgumentException("stage " + stageId + " is not in model " + model.key()));
        int n = model.indicators().size();
        if (values.length != n || points.length != n) {
            throw new IllegalArgumentException("expected " + n + " indicator values and points for " + model.key()
                    + ", got " + values.length + " and " + points.length);
        }
        List<Cohort> cohorts = new ArrayList<>();
        if (registration != null) {
            for (io.innopoints.scoring.model.CohortScope scope : model.scopes()) {
                cohorts.add(Cohort.of(scope, scope.valueOf(registration), stage.id()));
            }
        }
        return new Evaluation(model, creditCode, asOf, registration, ranked, stage, cohorts, values.clone(),
                points.clone(), percentileInputs, nextChange);
    }

    public ScoringModel model() {
        return model;
    }

    public String creditCode() {
        return creditCode;
    }

    public Instant asOf() {
        return asOf;
    }

    /** The current registration; empty until one arrives. */
    public Optional<EnterpriseRegistration> registration() {
        return Optional.ofNullable(registration);
    }

    /** Name from the current registration, "" without one. */
    public String name() {
        return registration == null ? "" : registration.getName();
    }

    /** Zone code from the current registration, "" without one. */
    public String zone() {
        return registration == null ? "" : registration.getZone();
    }

    /** Industry code from the current registration, "" without one. */
    public String industry() {
        return registration == null ? "" : registration.getIndustry();
    }

    /** True for ACTIVE enterprises with a registration: only these are ranked and in cohort distributions. */
    public boolean ranked() {
        return ranked;
    }

    public Stage stage() {
        return stage;
    }

    /** The enterprise's cohorts in model scope order (empty without a registration). */
    public List<Cohort> cohorts() {
        return cohorts;
    }

    /** Raw value of indicator {@code i} (model order) in its unit; NaN when missing. */
    public double value(int i) {
        return values[i];
    }

    /** Exact (unrounded) points of indicator {@code i}; NaN for cohort-percentile indicators of ranked enterprises. */
    public double points(int i) {
        return points[i];
    }

    /** Values for the cohort distributions: one per cohort-percentile indicator with a value, ranked enterprises only. */
    public List<PercentileInput> percentileInputs() {
        return percentileInputs;
    }

    /**
     * The next instant after {@link #asOf()} at which a metric or the stage may change without new events (a window
     * edge, a filing or credential date, a founding anniversary); empty when nothing changes by itself.
     */
    public Optional<Instant> nextChange() {
        return Optional.ofNullable(nextChange);
    }

    /** Completes the points with cohort percentiles and sums them up. */
    public ScoreCard score(PercentileLookup lookup) {
        List<Indicator> indicators = model.indicators();
        long[] cents = new long[indicators.size()];
        for (int i = 0; i < cents.length; i++) {
            if (!Double.isNaN(points[i])) {
                cents[i] = Points.toCents(points[i]);
            }
        }
        for (PercentileInput in : percentileInputs) {
            cents[in.indicatorIndex()] = percentileCents(indicators.get(in.indicatorIndex()).weight(stage.index()),
                    in, lookup);
        }
        return new ScoreCard(this, cents);
    }

    /** The points in hundredths of one cohort-percentile input at the indicator's stage weight. */
    public static long percentileCents(double weight, PercentileInput in, PercentileLookup lookup) {
        double percentile = lookup.percentile(in.cohortId(), in.indicatorId(), in.value());
        return Points.toCents(weight * CohortPercentileScorer.fractionOf(percentile));
    }

    /** Score for models without cohort-percentile indicators (fails if the model has some and this is ranked). */
    public ScoreCard score() {
        return score(PercentileLookup.NONE);
    }

    /** The ids of indicators whose raw value is missing. */
    public List<String> missing() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                out.add(model.indicators().get(i).id());
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Evaluation[" + creditCode + " " + stage.id() + " values=" + Arrays.toString(values) + "]";
    }
}
