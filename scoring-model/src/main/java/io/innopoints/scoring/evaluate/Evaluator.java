package io.innopoints.scoring.evaluate;

import io.innopoints.schemas.event.EnterpriseRegistration;
import io.innopoints.schemas.event.EnterpriseStatus;
import io.innopoints.schemas.internal.EnterpriseProfile;
import io.innopoints.scoring.metric.Dates;
import io.innopoints.scoring.metric.Metric;
import io.innopoints.scoring.metric.MetricCatalog;
import io.innopoints.scoring.model.CohortScope;
import io.innopoints.scoring.model.Indicator;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.scoring.model.Stage;
import io.innopoints.scoring.profile.FactView;
import io.innopoints.scoring.profile.ProfileFacts;
import io.innopoints.scoring.scorer.CohortPercentileScorer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates an enterprise profile under a model at an as-of instant (its Shanghai calendar day): stage by the
 * first matching stage rule (the last stage when none matches), cohorts from the registration, each indicator's
 * metric value and — except for cohort-percentile indicators of ranked enterprises — its points
 * (stage weight × scorer fraction), plus the next instant at which anything may change by itself.
 * Stateless; the model holds the pre-built metrics and scorers, so no parsing happens here.
 */
public final class Evaluator {
    private static final Metric YEARS = MetricCatalog.byId("years-since-founding");
    private static final Metric REVENUE = MetricCatalog.byId("revenue");
    private static final Metric EMPLOYEES = MetricCatalog.byId("employees");

    private Evaluator() {
    }

    public static Evaluation evaluate(ScoringModel model, EnterpriseProfile profile, Instant asOf) {
        return evaluate(model, ProfileFacts.of(profile), asOf);
    }

    public static Evaluation evaluate(ScoringModel model, ProfileFacts facts, Instant asOf) {
        LocalDate day = Dates.dayOf(asOf);
        FactView view = facts.at(day);
        EnterpriseRegistration registration = facts.registration();
        boolean ranked = registration != null && registration.getStatus() == EnterpriseStatus.ACTIVE;

        Stage stage = stageOf(model, view);
        LocalDate next = null;
        next = Dates.earliestAfter(next, YEARS.nextChange(view), day);
        next = Dates.earliestAfter(next, REVENUE.nextChange(view), day);

        List<Cohort> cohorts = new ArrayList<>();
        if (registration != null) {
            for (CohortScope scope : model.scopes()) {
                cohorts.add(Cohort.of(scope, scope.valueOf(registration), stage.id()));
            }
        }

        List<Indicator> indicators = model.indicators();
        double[] values = new double[indicators.size()];
        double[] points = new double[indicators.size()];
        List<PercentileInput> percentileInputs = new ArrayList<>();
        for (Indicator indicator : indicators) {
            int i = indicator.index();
            // + 0.0 turns -0.0 into 0.0 so every comparison (sorting, Double.compare) sees one zero
            double value = indicator.metric().value(view) + 0.0;
            values[i] = value;
            next = Dates.earliestAfter(next, indicator.metric().nextChange(view), day);
            if (indicator.scorer() instanceof CohortPercentileScorer percentile) {
                if (ranked && !Double.isNaN(value)) {
                    CohortScope scope = CohortScope.byId(percentile.scope());
                    String cohortId = scope.cohortId(scope.valueOf(registration), stage.id());
                    percentileInputs.add(new PercentileInput(i, indicator.id(), cohortId, value));
                    points[i] = Double.NaN;
                } else {
                    points[i] = 0;
                }
            } else {
                points[i] = points(indicator, value, view, stage.index());
            }
        }
        return new Evaluation(model, facts.creditCode(), asOf, registration, ranked, stage, cohorts, values, points,
                percentileInputs, next == null ? null : Dates.startOf(next));
    }

    /**
     * An indicator's unrounded points for a raw value in a stage: stage weight × scorer fraction. Not for
     * cohort-percentile indicators ({@link Evaluation#percentileCents}); {@code view} is read by table scorers only.
     */
    public static double points(Indicator indicator, double value, FactView view, int stage) {
        return indicator.weight(stage) * indicator.scorer().fraction(value, view, stage);
    }

    /** The first stage whose rule holds on the view's day; the last stage when none does. */
    public static Stage stageOf(ScoringModel model, FactView view) {
        double years = YEARS.value(view);
        double revenue = REVENUE.value(view);
        double employees = EMPLOYEES.value(view);
        for (Stage s : model.stages()) {
            if (s.rule().matches(years, revenue, employees)) {
                return s;
            }
        }
        return model.stages().get(model.stages().size() - 1);
    }

    /** The next instant after {@code asOf} at which the evaluation may change by itself. */
    public static Optional<Instant> nextChange(ScoringModel model, EnterpriseProfile profile, Instant asOf) {
        return evaluate(model, profile, asOf).nextChange();
    }
}
