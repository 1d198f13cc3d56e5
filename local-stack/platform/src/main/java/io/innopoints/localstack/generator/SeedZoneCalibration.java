package io.innopoints.localstack.generator;

import io.innopoints.schemas.internal.EnterpriseProfile;
import io.innopoints.scoring.batch.BatchResult;
import io.innopoints.scoring.batch.BatchScorer;
import io.innopoints.scoring.model.Dimension;
import io.innopoints.scoring.model.Indicator;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.scoring.profile.Profiles;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The generated seed zone scored as the pilot report scored it, next to the report's figures: the valid records of a
 * generated log folded into profiles, scored by the batch reference scorer ({@link BatchScorer}, the oracle) under a
 * zone model (default {@value #DEFAULT_MODEL}) as of the end of the log's last day, and reduced to the report's
 * published numbers — zone size (enterprises with a registration in the zone; the statistics below count the
 * ranked, i.e. active, ones), indicator count, start-up share, R&amp;D intensity, the top start-up's total and
 * dimension subtotals, the top of the opportunity-growth stage. {@link Calibration} describes the population as
 * designed; this describes it as the model sees it.
 *
 * <p>R&amp;D intensity is the <b>aggregate</b> mean, Σ R&amp;D expense / Σ revenue over the zone's ranked enterprises
 * with revenue in their latest fiscal year (the model's {@code rd-expense} and {@code revenue} values); the mean of
 * the enterprises' own ratios is printed beside it for reference. The report's "auxiliary" subtotal is the sum of the
 * model's dimensions after technological innovation and growth and operations (qualifications and platforms; awards,
 * projects and activity).
 *
 * @param model  the model's id
 * @param zone   the seed zone's id
 * @param asOf   the scoring instant
 * @param rows   the report's figures with their targets, tolerances and results
 */
public record SeedZoneCalibration(String model, String zone, Instant asOf, List<Row> rows) {

    public static final String DEFAULT_MODEL = "pilot-zone-61";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /**
     * One figure of the report: {@code result} should lie within {@code target ± tolerance} (absolute, in the
     * figure's unit); {@code note} says how it was measured.
     */
    public record Row(String figure, double target, double tolerance, String toleranceText, double result, String note) {
        public boolean holds() {
            return Math.abs(result - target) <= tolerance + 1e-9;
        }
    }

    /** Generates the log of {@code config}, folds its valid records and scores them with {@code model}. */
    public static SeedZoneCalibration of(GeneratorConfig config, ScoringModel model) {
        return of(score(config, model), EnterpriseSimulator.SEED_ZONE);
    }

    /** The oracle's scores of the valid records of {@code config}'s log, as of the end of its last day (Shanghai). */
    public static BatchResult score(GeneratorConfig config, ScoringModel model) {
        Map<String, EnterpriseProfile> profiles = new HashMap<>();
        try (SampleData.GeneratedLog log = SampleData.generate(config)) {
            while (log.hasNext()) {
                GeneratedEvent e = log.next();
                if (!e.malformed()) {
                    profiles.compute(e.creditCode(), (code, p) ->
                            Profiles.fold(p == null ? Profiles.empty(code) : p, e.record()).profile());
                }
            }
        }
        Instant asOf = config.endDate().plusDays(1).atStartOfDay(SHANGHAI).toInstant();
        return BatchScorer.score(model, profiles, asOf);
    }

    /** The report's figures from an oracle result, for the enterprises ranked in {@code zone}. */
    public static SeedZoneCalibration of(BatchResult result, String zone) {
        ScoringModel model = result.model();
        int revenue = indicator(model, "revenue");
        int rd = indicator(model, "rd-expense");
        int intensity = indicator(model, "rd-intensity");
        Stats all = new Stats();
        Stats startups = new Stats();
        String startupStage = model.stages().get(0).id();
        long scored = 0;
        for (BatchResult.Row row : result.rows()) {
            var e = row.card().evaluation();
            if (!zone.equals(e.zone())) {
                continue;
            }
            scored++;
            if (!e.ranked()) {
                continue; // deregistered or suspended: scored, but neither ranked nor in a stage's statistics
            }
            boolean startup = e.stage().id().equals(startupStage);
            double rev = revenue < 0 ? Double.NaN : e.value(revenue);
            double spend = rd < 0 ? Double.NaN : e.value(rd);
            double ratio = intensity < 0 ? Double.NaN : e.value(intensity);
            all.add(startup, rev, spend, ratio);
            if (startup) {
                startups.add(true, rev, spend, ratio);
            }
        }
        List<Row> rows = new ArrayList<>();
        rows.add(exact("enterprises in the seed zone", 2_807, scored,
                "scored enterprises of " + zone + "; " + all.enterprises + " of them ranked (active)"));
        rows.add(exact("indicators (\"20+N\")", 61, model.indicators().size(), "of " + model.id() + ", bonuses and penalties included"));
        rows.add(new Row("start-up share (%)", 73, 2, "± 2 pp", 100.0 * all.startups / Math.max(1, all.enterprises),
                "ranked enterprises in stage " + startupStage + " of " + model.id()));
        rows.add(relative("mean R&D intensity, all (%)", 3.7, 0.10, all.aggregate(),
                String.format(Locale.ROOT, "aggregate Σ R&D / Σ revenue; mean of ratios %.2f", all.meanOfRatios())));
        rows.add(relative("mean R&D intensity, start-ups (%)", 24.23, 0.10, startups.aggregate(),
                String.format(Locale.ROOT, "aggregate Σ R&D / Σ revenue; mean of ratios %.2f", startups.meanOfRatios())));
        BatchResult.Row topStartup = top(result, zone, startupStage);
        rows.add(relative("top start-up: total", 116, 0.10, total(topStartup), code(topStartup)));
        rows.add(relative("top start-up: technological innovation", 37, 0.15, dimension(topStartup, 0), dimensionName(model, 0)));
        rows.add(relative("top start-up: growth and operations", 42, 0.15, dimension(topStartup, 1), dimensionName(model, 1)));
        rows.add(relative("top start-up: auxiliary", 37, 0.15, auxiliary(topStartup),
                "sum of " + String.join(" + ", model.dimensions().stream().skip(2).map(Dimension::id).toList())));
        String growthStage = model.stages().size() > 1 ? model.stages().get(1).id() : startupStage;
        BatchResult.Row topGrowth = top(result, zone, growthStage);
        rows.add(relative("top opportunity-growth: total", 165.6, 0.10, total(topGrowth), "stage " + growthStage + "; " + code(topGrowth)));
        return new SeedZoneCalibration(model.id(), zone, result.asOf(), List.copyOf(rows));
    }

    /** True when every figure lies within its tolerance. */
    public boolean holds() {
        return rows.stream().allMatch(Row::holds);
    }

    public Row row(String figure) {
        return rows.stream().filter(r -> r.figure().equals(figure)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no figure \"" + figure + "\""));
    }

    /** The report as a text table: figure, target ± tolerance, result, ok/OFF, how it was measured. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "seed zone %s under model %s as of %s%n", zone, model, asOf));
        b.append(String.format(Locale.ROOT, "%-42s %20s %10s  %-4s %s%n", "figure", "target", "result", "", "measured as"));
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "%-42s %20s %10s  %-4s %s%n", r.figure(),
                    number(r.target()) + " " + r.toleranceText(), number(r.result()), r.holds() ? "ok" : "OFF", r.note()));
        }
        return b.toString();
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "-" : v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    private static Row exact(String figure, double target, double result, String note) {
        return new Row(figure, target, 0, "exactly", result, note);
    }

    private static Row relative(String figure, double target, double share, double result, String note) {
        return new Row(figure, target, target * share, String.format(Locale.ROOT, "± %.0f %%", share * 100), result, note);
    }

    private static BatchResult.Row top(BatchResult result, String zone, String stage) {
        List<BatchResult.Row> members = result.cohorts().getOrDefault("zone:" + zone + ":" + stage, List.of());
        return members.isEmpty() ? null : members.get(0);
    }

    private static double total(BatchResult.Row row) {
        return row == null ? Double.NaN : row.card().total();
    }

    private static double dimension(BatchResult.Row row, int d) {
        return row == null || d >= row.card().evaluation().model().dimensions().size() ? Double.NaN : row.card().dimensionPoints(d);
    }

    private static double auxiliary(BatchResult.Row row) {
        if (row == null) {
            return Double.NaN;
        }
        double sum = 0;
        for (int d = 2; d < row.card().evaluation().model().dimensions().size(); d++) {
            sum += row.card().dimensionPoints(d);
        }
        return Math.round(sum * 100) / 100.0;
    }

    private static String code(BatchResult.Row row) {
        return row == null ? "nobody in the stage" : row.creditCode();
    }

    private static String dimensionName(ScoringModel model, int d) {
        return d < model.dimensions().size() ? "dimension " + model.dimensions().get(d).id() : "no such dimension";
    }

    private static int indicator(ScoringModel model, String id) {
        List<Indicator> indicators = model.indicators();
        for (int i = 0; i < indicators.size(); i++) {
            if (indicators.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** Counts and sums over a set of enterprises. */
    private static final class Stats {
        long enterprises;
        long startups;
        double revenueSum;
        double rdSum;
        double ratioSum;
        long ratios;

        void add(boolean startup, double revenue, double rd, double ratio) {
            enterprises++;
            startups += startup ? 1 : 0;
            if (revenue > 0 && !Double.isNaN(rd)) {
                revenueSum += revenue;
                rdSum += rd;
            }
            if (!Double.isNaN(ratio)) {
                ratioSum += ratio;
                ratios++;
            }
        }

        double aggregate() {
            return revenueSum == 0 ? Double.NaN : 100 * rdSum / revenueSum;
        }

        double meanOfRatios() {
            return ratios == 0 ? Double.NaN : ratioSum / ratios;
        }
    }
}
