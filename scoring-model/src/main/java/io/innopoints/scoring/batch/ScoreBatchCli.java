package io.innopoints.scoring.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.innopoints.schemas.score.CohortRank;
import io.innopoints.scoring.evaluate.Evaluation;
import io.innopoints.scoring.evaluate.Points;
import io.innopoints.scoring.evaluate.ScoreCard;
import io.innopoints.scoring.metric.Dates;
import io.innopoints.scoring.model.CohortScope;
import io.innopoints.scoring.model.Dimension;
import io.innopoints.scoring.model.Indicator;
import io.innopoints.scoring.model.ModelValidationException;
import io.innopoints.scoring.model.ScoringModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code score-batch}: the oracle as a command. Reads an event log directory ({@link EventLog}), scores every
 * enterprise under a model at an as-of instant ({@link BatchScorer}), prints the top-N of every cohort and writes
 * all results as CSV or JSON. Exit codes: 0 done, 1 bad model/input, 2 bad options.
 */
@Command(name = "score-batch", mixinStandardHelpOptions = true, sortOptions = false,
        version = "score-batch (InnoPoints scoring-model 0.1.0)",
        description = "Scores every enterprise of an event log under a scoring model at an as-of time (the reference oracle).")
public final class ScoreBatchCli implements Callable<Integer> {

    @Option(names = "--events", paramLabel = "DIR",
            description = "Event log directory with <type>.jsonl files (registrations, patents, tech-contracts, tax-filings, credentials).")
    Path events;

    @Option(names = "--model", defaultValue = "national-2024", paramLabel = "FILE|ID",
            description = "Model YAML file or built-in id (national-2024, zone-20n, pilot-zone-61). Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--as-of", paramLabel = "TIME", description = "As-of instant (2024-06-30T12:00:00Z) or date "
            + "(2024-06-30 = start of that day in Asia/Shanghai). Default: now.")
    String asOf;

    @Option(names = "--out", paramLabel = "FILE", description = "Write every enterprise's result to FILE.csv or FILE.json.")
    Path out;

    @Option(names = "--top", paramLabel = "N", description = "Entries printed per cohort. Default: the model's topN.")
    Integer top;

    @Option(names = "--scope", paramLabel = "SCOPE", description = "Print only cohorts of this scope (zone, nation, industry).")
    String scope;

    @Option(names = "--validate-at", description = "Validate events as the pipeline would at this instant "
            + "(ISO-8601, e.g. 2026-07-01T00:00:00Z): event times more than 5 minutes later are rejected as future. "
            + "Default: now, as ingest and scoring-stream do at processing time.")
    Instant validateAt;

    @Option(names = "--check", description = "Only validate the model and print its indicators and weights.")
    boolean check;

    @Option(names = "--show-rejected", defaultValue = "20", paramLabel = "N",
            description = "Rejected lines listed (all are counted). Default: ${DEFAULT-VALUE}.")
    int showRejected;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // generated Avro classes are only instantiated from trusted packages (Avro 1.12)
        if (System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES") == null) {
            System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "io.innopoints,java.lang,java.util,java.math,java.time");
        }
        System.exit(new CommandLine(new ScoreBatchCli()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outText = spec.commandLine().getOut();
        Instant at;
        try {
            at = parseAsOf(asOf);
        } catch (IllegalArgumentException e) {
            err.println("--as-of: " + e.getMessage());
            return 2;
        }
        if (out != null && !(out.toString().endsWith(".csv") || out.toString().endsWith(".json"))) {
            err.println("--out: the file name must end in .csv or .json, got " + out);
            return 2;
        }
        if (events == null && !check) {
            err.println("--events DIR is required (or --check to validate the model only)");
            return 2;
        }
        ScoringModel scoringModel;
        EventLog.Loaded loaded;
        try {
            scoringModel = ScoringModel.resolve(model);
            if (check) {
                describe(outText, scoringModel);
                outText.flush();
                return 0;
            }
            loaded = validateAt == null ? EventLog.read(events) : EventLog.read(events, validateAt);
        } catch (ModelValidationException | IllegalArgumentException e) {
            err.println(e.getMessage());
            return 1;
        }
        BatchResult result = BatchScorer.score(scoringModel, loaded.profiles(), at);

        outText.printf(Locale.ROOT, "model %s, as of %s (%s in Asia/Shanghai)%n", scoringModel.key(), at, Dates.dayOf(at));
        outText.printf(Locale.ROOT, "events: %d accepted, %d rejected%n", loaded.accepted(), loaded.rejected().size());
        loaded.rejected().stream().limit(showRejected).forEach(r -> outText.println("  rejected " + r));
        long ranked = result.rows().stream().filter(r -> r.card().evaluation().ranked()).count();
        outText.printf(Locale.ROOT, "enterprises: %d, ranked %d%n", result.rows().size(), ranked);
        printTop(outText, result, scoringModel, top == null ? scoringModel.topN() : top);

        if (out != null) {
            if (out.toString().endsWith(".csv")) {
                writeCsv(result, out);
            } else {
                writeJson(result, loaded, out);
            }
            outText.println("wrote " + out);
        }
        outText.flush();
        return 0;
    }

    static Instant parseAsOf(String text) {
        if (text == null) {
            return Instant.now();
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Dates.startOf(LocalDate.parse(text));
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("expected an ISO-8601 instant with offset or a date YYYY-MM-DD, got \""
                        + text + "\"");
            }
        }
    }

    private void printTop(PrintWriter w, BatchResult result, ScoringModel m, int n) {
        List<String> ids = new ArrayList<>(result.cohorts().keySet());
        ids.sort(Comparator.comparingInt((String id) -> m.scopes().indexOf(CohortScope.scopeOf(id)))
                .thenComparingInt(id -> m.stage(CohortScope.stageOf(id)).orElseThrow().index())
                .thenComparing(id -> id));
        for (String id : ids) {
            if (scope != null && !id.startsWith(scope + ":")) {
                continue;
            }
            List<BatchResult.Row> cohort = result.cohorts().get(id);
            w.printf(Locale.ROOT, "%n== %s (%d ranked) top %d ==%n", id, cohort.size(), n);
            StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%4s  %-18s  %-24s %8s %4s", "rank",
                    "credit code", "name", "total", "tier"));
            for (Dimension d : m.dimensions()) {
                header.append(String.format(Locale.ROOT, " %10s", abbreviate(d.id(), 10)));
            }
            w.println(header);
            for (BatchResult.Row row : result.top(id, n)) {
                CohortRank r = row.rankIn(id);
                ScoreCard card = row.card();
                String name = card.evaluation().registration().map(x -> x.getName()).orElse("");
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%4d  %-18s  %-24s %8.2f %4s",
                        r.getRank(), row.creditCode(), abbreviate(name, 24), card.total(), r.getTier()));
                for (Dimension d : m.dimensions()) {
                    line.append(String.format(Locale.ROOT, " %10.2f", card.dimensionPoints(d.index())));
                }
                w.println(line);
            }
        }
    }

    /** The model as a table: stages with rules, then every indicator with metric, scorer and weight per stage. */
    static void describe(PrintWriter w, ScoringModel m) {
        w.printf(Locale.ROOT, "model %s: %s; %d dimensions, %d indicators, %d stages, scopes %s, top %d, tiers %s%n",
                m.key(), m.names().en(), m.dimensions().size(), m.indicators().size(), m.stages().size(),
                m.scopes().stream().map(CohortScope::id).toList(), m.topN(),
                m.tiers().stream().map(t -> t.id() + " " + PerStageFormat.number(t.sharePercent()) + "%").toList());
        for (var stage : m.stages()) {
            w.printf(Locale.ROOT, "  stage %-20s %s: %s%n", stage.id(), stage.names().zh(), stage.rule());
        }
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-24s %-12s %-18s", "indicator", "dimension", "scorer"));
        for (var stage : m.stages()) {
            header.append(String.format(Locale.ROOT, " %8s", abbreviate(stage.id(), 8)));
        }
        w.println(header.append("  metric"));
        double[] max = new double[m.stages().size()];
        for (Indicator i : m.indicators()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-24s %-12s %-18s",
                    abbreviate(i.id(), 24), abbreviate(i.dimension().id(), 12), i.scorer().kind()));
            for (var stage : m.stages()) {
                line.append(String.format(Locale.ROOT, " %8s", PerStageFormat.number(i.weight(stage.index()))));
                if (!i.scorer().kind().equals("penalty")) {
                    max[stage.index()] += i.weight(stage.index());
                }
            }
            w.println(line.append("  ").append(i.metric().describe()).append(" [").append(i.unit()).append(']'));
        }
        StringBuilder total = new StringBuilder(String.format(Locale.ROOT, "  %-24s %-12s %-18s", "maximum total", "", ""));
        for (double v : max) {
            total.append(String.format(Locale.ROOT, " %8s", PerStageFormat.number(v)));
        }
        w.println(total);
    }

    /** Numbers without a pointless ".0". */
    private static final class PerStageFormat {
        static String number(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static void writeCsv(BatchResult result, Path file) throws IOException {
        ScoringModel m = result.model();
        CsvSchema.Builder schema = CsvSchema.builder();
        List<String> columns = new ArrayList<>(List.of("creditCode", "name", "zone", "industry", "stage", "ranked", "total"));
        for (Dimension d : m.dimensions()) {
            columns.add("dim." + d.id());
        }
        for (Indicator i : m.indicators()) {
            columns.add(i.id() + ".value");
            columns.add(i.id() + ".points");
        }
        for (CohortScope s : m.scopes()) {
            for (String part : List.of("cohort", "rank", "size", "percentile", "tier")) {
                columns.add(s.id() + "." + part);
            }
        }
        columns.forEach(schema::addColumn);
        CsvMapper mapper = new CsvMapper();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             var seq = mapper.writer(schema.build().withHeader()).writeValues(w)) {
            for (BatchResult.Row row : result.rows()) {
                ScoreCard card = row.card();
                Evaluation e = card.evaluation();
                List<Object> values = new ArrayList<>(columns.size());
                values.add(e.creditCode());
                values.add(e.registration().map(r -> r.getName()).orElse(""));
                values.add(e.registration().map(r -> r.getZone()).orElse(""));
                values.add(e.registration().map(r -> r.getIndustry()).orElse(""));
                values.add(e.stage().id());
                values.add(e.ranked());
                values.add(card.total());
                for (Dimension d : m.dimensions()) {
                    values.add(card.dimensionPoints(d.index()));
                }
                for (Indicator i : m.indicators()) {
                    double v = e.value(i.index());
                    values.add(Double.isNaN(v) ? "" : Points.round2(v));
                    values.add(card.indicatorPoints(i.index()));
                }
                for (CohortScope s : m.scopes()) {
                    CohortRank r = row.ranks().stream().filter(x -> x.getScope().equals(s.id())).findFirst().orElse(null);
                    values.add(r == null ? "" : r.getCohortId());
                    values.add(r == null ? "" : r.getRank());
                    values.add(r == null ? "" : r.getCohortSize());
                    values.add(r == null ? "" : Points.round2(r.getPercentile()));
                    values.add(r == null ? "" : r.getTier());
                }
                seq.write(values);
            }
        }
    }

    static void writeJson(BatchResult result, EventLog.Loaded loaded, Path file) throws IOException {
        ObjectMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        ScoringModel m = result.model();
        ObjectNode root = mapper.createObjectNode();
        root.put("modelId", m.id());
        root.put("modelVersion", m.version());
        root.put("asOf", result.asOf().toString());
        root.put("acceptedEvents", loaded.accepted());
        ArrayNode rejected = root.putArray("rejected");
        for (EventLog.Rejected r : loaded.rejected()) {
            rejected.addObject().put("file", r.file()).put("line", r.line()).put("reason", r.reason());
        }
        ArrayNode enterprises = root.putArray("enterprises");
        for (BatchResult.Row row : result.rows()) {
            ScoreCard card = row.card();
            Evaluation e = card.evaluation();
            ObjectNode o = enterprises.addObject();
            o.put("creditCode", e.creditCode());
            o.put("name", e.registration().map(r -> r.getName()).orElse(""));
            o.put("zone", e.registration().map(r -> r.getZone()).orElse(""));
            o.put("industry", e.registration().map(r -> r.getIndustry()).orElse(""));
            o.put("stage", e.stage().id());
            o.put("ranked", e.ranked());
            o.put("total", card.total());
            ObjectNode dims = o.putObject("dimensions");
            for (Dimension d : m.dimensions()) {
                dims.put(d.id(), card.dimensionPoints(d.index()));
            }
            ArrayNode inds = o.putArray("indicators");
            for (Indicator i : m.indicators()) {
                double v = e.value(i.index());
                ObjectNode io = inds.addObject().put("id", i.id()).put("dimension", i.dimension().id());
                if (Double.isNaN(v)) {
                    io.putNull("value");
                } else {
                    io.put("value", v);
                }
                io.put("unit", i.unit()).put("points", card.indicatorPoints(i.index()));
            }
            ArrayNode ranks = o.putArray("ranks");
            for (CohortRank r : row.ranks()) {
                ranks.addObject().put("scope", r.getScope()).put("cohortId", r.getCohortId()).put("rank", r.getRank())
                        .put("cohortSize", r.getCohortSize()).put("percentile", r.getPercentile()).put("tier", r.getTier());
            }
            e.nextChange().ifPresent(t -> o.put("nextChange", t.toString()));
        }
        mapper.writeValue(file.toFile(), root);
    }
}
