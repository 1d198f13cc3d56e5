package io.innopoints.scoring.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.innopoints.schemas.event.CredentialLevel;
import io.innopoints.schemas.validation.Problem;
import io.innopoints.schemas.validation.Validated;
import io.innopoints.scoring.metric.ItemMetric;
import io.innopoints.scoring.metric.Metric;
import io.innopoints.scoring.metric.MetricCatalog;
import io.innopoints.scoring.scorer.BandsScorer;
import io.innopoints.scoring.scorer.BonusScorer;
import io.innopoints.scoring.scorer.CappedLinearScorer;
import io.innopoints.scoring.scorer.CohortPercentileScorer;
import io.innopoints.scoring.scorer.PenaltyScorer;
import io.innopoints.scoring.scorer.PerItemScorer;
import io.innopoints.scoring.scorer.Scorer;
import io.innopoints.scoring.scorer.TableScorer;
import io.innopoints.scoring.stage.StageRule;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** YAML text → validated {@link ScoringModel}, collecting every problem with its path (see the module README). */
final class ModelParser {
    private static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    private static final Pattern TIER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_+-]{0,15}");
    private static final List<String> SCORER_KINDS = List.of("capped-linear", "per-item", "level-table", "kind-table",
            "grade-table", "bands", "cohort-percentile", "bonus", "penalty");

    private ModelParser() {
    }

    static Validated<ScoringModel> parse(String yaml, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return Validated.invalid("$", "malformed YAML" + where + ": " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return Validated.invalid("$", "the model file is empty");
        }
        if (!root.isObject()) {
            return Validated.invalid("$", "the model must be a mapping with id, version, stages, dimensions and indicators");
        }
        List<Problem> problems = new ArrayList<>();
        Node top = new Node(root, "", problems);
        ScoringModel model = new ModelParser().read(top);
        top.rejectUnknownKeys();
        return problems.isEmpty() ? Validated.ok(model) : Validated.invalid(problems);
    }

    private ScoringModel read(Node top) {
        String id = top.text("id");
        if (id != null && !ID.matcher(id).matches()) {
            top.problem("id", "must match " + ID.pattern() + ", got \"" + id + "\"");
        }
        String version = top.text("version");
        Names names = top.has("names") ? Names.parse(top) : new Names(id, id);
        top.get("description");

        int topN = top.integer("topN", 20);
        if (topN < 1 || topN > 10_000) {
            top.problem("topN", "must be between 1 and 10000, got " + topN);
        }

        List<CohortScope> scopes = scopes(top);
        List<Tier> tiers = tiers(top);
        List<Stage> stages = stages(top);
        List<String> stageIds = stages.stream().map(Stage::id).toList();
        List<Dimension> dimensions = dimensions(top);
        List<Indicator> indicators = indicators(top, stageIds, dimensions, scopes);
        return new ScoringModel(id, version, names, dimensions, indicators, stages, scopes, topN, tiers);
    }

    private static List<CohortScope> scopes(Node top) {
        if (!top.has("cohortScopes")) {
            return List.of(CohortScope.ZONE, CohortScope.NATION);
        }
        List<CohortScope> scopes = new ArrayList<>();
        List<Node> items = top.list("cohortScopes", true);
        for (Node item : items) {
            String s = item.asText();
            if (s == null) {
                continue;
            }
            CohortScope scope = CohortScope.byId(s);
            if (scope == null) {
                item.problem("unknown cohort scope \"" + s + "\"; known: zone, nation, industry");
            } else if (scopes.contains(scope)) {
                item.problem("duplicate cohort scope \"" + s + "\"");
            } else {
                scopes.add(scope);
            }
        }
        if (items.isEmpty()) {
            top.problem("cohortScopes", "must name at least one scope");
        }
        return scopes;
    }

    private static List<Tier> tiers(Node top) {
        if (!top.has("tiers")) {
            return List.of(new Tier("A", 10, 1000), new Tier("B", 20, 3000), new Tier("C", 30, 6000),
                    new Tier("D", 40, 10_000));
        }
        List<Tier> tiers = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        BigDecimal cumulative = BigDecimal.ZERO;
        List<Node> items = top.list("tiers", true);
        for (Node item : items) {
            String tid = item.text("id");
            if (tid != null && !TIER_ID.matcher(tid).matches()) {
                item.problem("id", "must match " + TIER_ID.pattern() + ", got \"" + tid + "\"");
            } else if (tid != null && !ids.add(tid)) {
                item.problem("id", "duplicate tier id \"" + tid + "\"");
            }
            double share = item.requiredNumber("share");
            if (!(share > 0 && share <= 100)) {
                if (!Double.isNaN(share)) {
                    item.problem("share", "must be a percentage > 0 and ≤ 100, got " + PerStage.format(share));
                }
            } else {
                cumulative = cumulative.add(BigDecimal.valueOf(share));
            }
            item.rejectUnknownKeys();
            long basisPoints = cumulative.movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact();
            tiers.add(new Tier(tid, share, basisPoints));
        }
        if (items.isEmpty()) {
            top.problem("tiers", "must list at least one tier");
        } else if (cumulative.compareTo(BigDecimal.valueOf(100)) != 0) {
            top.problem("tiers", "shares must add up to 100, got " + cumulative.stripTrailingZeros().toPlainString());
        }
        return tiers;
    }

    private static List<Stage> stages(Node top) {
        List<Stage> stages = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<Node> items = top.list("stages", true);
        for (Node item : items) {
            String sid = id(item, ids, "stage");
            Names names = Names.parse(item);
            StageRule rule = rule(item);
            item.rejectUnknownKeys();
            stages.add(new Stage(stages.size(), sid == null ? "" : sid, names, rule));
        }
        if (items.isEmpty() && top.has("stages")) {
            top.problem("stages", "must list at least one stage");
        }
        return stages;
    }

    private static StageRule rule(Node stage) {
        if (!stage.has("when")) {
            return new StageRule(List.of());
        }
        Node when = stage.get("when");
        List<Node> alternatives = when.json().isArray() ? stage.list("when", false) : List.of(when);
        List<StageRule.Conditions> out = new ArrayList<>();
        for (Node alt : alternatives) {
            if (!alt.isObject()) {
                alt.problem("must be a mapping of bounds (minYears, maxYears, minRevenue, maxRevenue, minEmployees, maxEmployees)");
                continue;
            }
            double minYears = bound(alt, "minYears");
            double maxYears = bound(alt, "maxYears");
            double minRevenue = bound(alt, "minRevenue");
            double maxRevenue = bound(alt, "maxRevenue");
            double minEmployees = bound(alt, "minEmployees");
            double maxEmployees = bound(alt, "maxEmployees");
            alt.rejectUnknownKeys();
            order(alt, "Years", minYears, maxYears);
            order(alt, "Revenue", minRevenue, maxRevenue);
            order(alt, "Employees", minEmployees, maxEmployees);
            out.add(new StageRule.Conditions(minYears, maxYears, minRevenue, maxRevenue, minEmployees, maxEmployees));
        }
        return new StageRule(out);
    }

    private static double bound(Node alt, String key) {
        if (!alt.has(key)) {
            return Double.NaN;
        }
        double v = alt.get(key).asNumber(Double.NaN);
        if (v < 0) {
            alt.problem(key, "must be ≥ 0, got " + PerStage.format(v));
        }
        return v;
    }

    private static void order(Node alt, String what, double min, double max) {
        if (!Double.isNaN(min) && !Double.isNaN(max) && !(min < max)) {
            alt.problem("max" + what, "must be greater than min" + what + " (" + PerStage.format(min) + ")");
        }
    }

    private static List<Dimension> dimensions(Node top) {
        List<Dimension> dimensions = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<Node> items = top.list("dimensions", true);
        for (Node item : items) {
            String did = id(item, ids, "dimension");
            Names names = Names.parse(item);
            item.rejectUnknownKeys();
            dimensions.add(new Dimension(dimensions.size(), did, names));
        }
        if (items.isEmpty() && top.has("dimensions")) {
            top.problem("dimensions", "must list at least one dimension");
        }
        return dimensions;
    }

    private static List<Indicator> indicators(Node top, List<String> stageIds, List<Dimension> dimensions,
                                              List<CohortScope> scopes) {
        Map<String, Dimension> byId = new LinkedHashMap<>();
        for (Dimension d : dimensions) {
            if (d.id() != null) {
                byId.putIfAbsent(d.id(), d);
            }
        }
        List<Indicator> indicators = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<Node> items = top.list("indicators", true);
        // bonuses and penalties are indicators too; their own sections only fix the scorer kind
        List<Node> all = new ArrayList<>(items);
        List<Node> bonuses = top.list("bonuses", false);
        List<Node> penalties = top.list("penalties", false);
        all.addAll(bonuses);
        all.addAll(penalties);
        for (int k = 0; k < all.size(); k++) {
            Node item = all.get(k);
            String requiredKind = k < items.size() ? null : k < items.size() + bonuses.size() ? "bonus" : "penalty";
            String iid = id(item, ids, "indicator");
            Names names = Names.parse(item);
            String dimensionId = item.text("dimension");
            Dimension dimension = dimensionId == null ? null : byId.get(dimensionId);
            if (dimensionId != null && dimension == null) {
                item.problem("dimension", "unknown dimension \"" + dimensionId + "\"; dimensions are " + byId.keySet());
            }
            Metric metric = MetricCatalog.create(item.get("metric"));
            String unit = item.text("unit", null);
            if (metric != null && unit != null && !unit.equals(metric.unit().label())) {
                item.problem("unit", "metric " + metric.describe() + " is in \"" + metric.unit().label()
                        + "\", not \"" + unit + "\"");
            }
            Scorer scorer;
            if (requiredKind != null && !item.has("scorer")) {
                scorer = requiredKind.equals("bonus") ? new BonusScorer(1) : new PenaltyScorer(1);
            } else {
                scorer = scorer(item.get("scorer"), metric, stageIds, scopes);
                if (requiredKind != null && scorer != null && !scorer.kind().equals(requiredKind)) {
                    item.problem("scorer.kind", "must be " + requiredKind + " in "
                            + (requiredKind.equals("bonus") ? "bonuses" : "penalties") + ", got \"" + scorer.kind() + "\"");
                    scorer = null;
                }
            }
            PerStage weights = PerStage.parse(item.get("weights"), stageIds, 0, false);
            item.get("note");
            item.rejectUnknownKeys();
            if (iid != null && dimension != null && metric != null && scorer != null) {
                indicators.add(new Indicator(indicators.size(), iid, names, dimension, metric,
                        unit == null ? metric.unit().label() : unit, scorer, weights));
            }
        }
        if (items.isEmpty() && top.has("indicators")) {
            top.problem("indicators", "must list at least one indicator");
        }
        for (Dimension d : dimensions) {
            if (d.id() != null && indicators.stream().noneMatch(i -> i.dimension().id().equals(d.id()))
                    && top.problems().isEmpty()) {
                top.problem("dimensions[" + d.index() + "]", "dimension \"" + d.id() + "\" has no indicators");
            }
        }
        return indicators;
    }

    private static String id(Node item, Set<String> seen, String what) {
        if (!item.isObject()) {
            item.problem("must be a mapping, got " + Node.describe(item.json()));
            return null;
        }
        String id = item.text("id");
        if (id == null) {
            return null;
        }
        if (!ID.matcher(id).matches()) {
            item.problem("id", "must match " + ID.pattern() + ", got \"" + id + "\"");
        } else if (!seen.add(id)) {
            item.problem("id", "duplicate " + what + " id \"" + id + "\"");
        }
        return id;
    }

    private static Scorer scorer(Node spec, Metric metric, List<String> stageIds, List<CohortScope> scopes) {
        if (spec.isMissing()) {
            spec.problem("is required");
            return null;
        }
        if (!spec.isObject()) {
            spec.problem("must be a mapping with kind and parameters, got " + Node.describe(spec.json()));
            return null;
        }
        String kind = spec.text("kind");
        if (kind == null) {
            return null;
        }
        int before = spec.problems().size();
        Scorer scorer = switch (kind) {
            case "capped-linear" -> {
                PerStage ref = PerStage.parse(spec.get("ref"), stageIds, 0, true);
                String negative = spec.text("negative", "zero");
                if (!negative.equals("zero") && !negative.equals("linear")) {
                    spec.problem("negative", "must be zero or linear, got \"" + negative + "\"");
                }
                yield new CappedLinearScorer(ref, negative.equals("linear"));
            }
            case "per-item" -> {
                PerStage max = PerStage.parse(spec.get("maxItems"), stageIds, 1, false);
                for (int s = 0; s < max.size(); s++) {
                    if (max.get(s) != Math.rint(max.get(s))) {
                        spec.problem("maxItems", "must be whole numbers");
                        break;
                    }
                }
                yield new PerItemScorer(max);
            }
            case "level-table", "kind-table", "grade-table" -> table(spec, kind, metric);
            case "bands" -> bands(spec);
            case "cohort-percentile" -> {
                String scope = spec.text("scope", scopes.isEmpty() ? "zone" : scopes.get(0).id());
                CohortScope s = CohortScope.byId(scope);
                if (s == null || !scopes.contains(s)) {
                    spec.problem("scope", "must be one of the model's cohort scopes "
                            + scopes.stream().map(CohortScope::id).toList() + ", got \"" + scope + "\"");
                }
                yield new CohortPercentileScorer(scope);
            }
            case "bonus" -> new BonusScorer(positive(spec, "ref", 1));
            case "penalty" -> new PenaltyScorer(positive(spec, "ref", 1));
            default -> {
                spec.problem("kind", "unknown scorer kind \"" + kind + "\"; known: " + SCORER_KINDS);
                yield null;
            }
        };
        if (scorer != null) {
            spec.rejectUnknownKeys();
        }
        return spec.problems().size() == before ? scorer : null;
    }

    private static double positive(Node spec, String key, double fallback) {
        double v = spec.number(key, fallback);
        if (!(v > 0)) {
            spec.problem(key, "must be > 0, got " + PerStage.format(v));
        }
        return v;
    }

    private static Scorer table(Node spec, String kind, Metric metric) {
        TableScorer.Key key = switch (kind) {
            case "level-table" -> TableScorer.Key.LEVEL;
            case "kind-table" -> TableScorer.Key.KIND;
            default -> TableScorer.Key.GRADE;
        };
        Map<String, Double> table = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : spec.entries("points", true).entrySet()) {
            double f = e.getValue().asNumber(0);
            if (!(f >= 0 && f <= 1)) {
                e.getValue().problem("must be a fraction of the weight between 0 and 1, got " + PerStage.format(f));
            }
            if (key == TableScorer.Key.LEVEL) {
                e.getValue().asEnumName(CredentialLevel.class, e.getKey());
            }
            table.put(e.getKey(), f);
        }
        String combine = spec.text("combine", "sum");
        if (!combine.equals("sum") && !combine.equals("max")) {
            spec.problem("combine", "must be sum or max, got \"" + combine + "\"");
        }
        if (metric != null && !(metric instanceof ItemMetric)) {
            spec.problem("kind", kind + " needs a credential metric (credential-count, credential-valid, "
                    + "credential-amount, equity-financing), not " + metric.describe());
            return null;
        }
        return metric == null ? null : new TableScorer(kind, key, table, combine.equals("sum"), (ItemMetric) metric);
    }

    private static Scorer bands(Node spec) {
        List<BandsScorer.Band> bands = new ArrayList<>();
        double previous = Double.NEGATIVE_INFINITY;
        List<Node> items = spec.list("bands", true);
        for (Node item : items) {
            double from = item.requiredNumber("from");
            double fraction = item.requiredNumber("fraction");
            item.rejectUnknownKeys();
            if (!(fraction >= 0 && fraction <= 1) && !Double.isNaN(fraction)) {
                item.problem("fraction", "must be between 0 and 1, got " + PerStage.format(fraction));
            }
            if (!(from > previous) && !Double.isNaN(from)) {
                item.problem("from", "bands must be sorted by strictly increasing from");
            }
            previous = from;
            bands.add(new BandsScorer.Band(from, fraction));
        }
        if (items.isEmpty() && spec.has("bands")) {
            spec.problem("bands", "must list at least one band");
        }
        return new BandsScorer(bands);
    }
}
