package io.innopoints.sink.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.innopoints.schemas.http.ErrorBody;
import io.innopoints.schemas.http.ProblemType;
import io.innopoints.schemas.release.PeriodRelease;
import io.innopoints.schemas.release.ReleasedCohort;
import io.innopoints.schemas.release.ReleasedEntry;
import io.innopoints.sink.access.AccessFilter;
import io.innopoints.sink.access.Principal;
import io.innopoints.sink.access.Role;
import io.innopoints.sink.release.PeriodCloser;
import io.innopoints.sink.release.ReleaseReport;
import io.innopoints.sink.store.ReleaseStore;
import io.innopoints.sink.whatif.ModelCatalog;
import io.innopoints.scoring.metric.Dates;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.scoring.release.Period;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Official period releases over HTTP: {@code GET /api/v1/releases} (every stored version), {@code POST
 * /api/v1/releases/{periodId}} (close a period: operators and zone admins), {@code GET /api/v1/releases/{periodId}}
 * (the latest or {@code ?version=} version: stages, statistics, top-N and tier summary per cohort, changes from the
 * previous version, and how its top-N differs from the live ranking now; CSV = every member, the tier lists) and
 * {@code GET /api/v1/releases/{periodId}/report} (the printable PDF). An admin of some zones sees only its zones'
 * cohorts.
 */
public final class ReleaseApi {
    /** How a period is closed: {@link PeriodCloser#close}; null when the sink runs without Kafka. */
    public interface Closing {
        PeriodCloser.Closed close(Period period, ScoringModel model);
    }

    /**
     * The routes' settings.
     *
     * @param closing    how a period is closed, or null (the close route answers 503)
     * @param reportFont the PDF report's TrueType font, or null for Helvetica
     */
    public record Settings(Closing closing, Path reportFont) {
        public static final Settings NONE = new Settings(null, null);
    }

    private final ReleaseStore store;
    private final ModelCatalog models;
    private final Closing closing;
    private final Path reportFont;

    private ReleaseApi(ReleaseStore store, ModelCatalog models, Settings settings) {
        this.store = store;
        this.models = models;
        this.closing = settings.closing();
        this.reportFont = settings.reportFont();
    }

    public static void install(Javalin app, ReleaseStore store, ModelCatalog models, Settings settings) {
        ReleaseApi api = new ReleaseApi(store, models, settings);
        app.get("/api/v1/releases", api::list);
        app.post("/api/v1/releases/{periodId}", api::close);
        app.get("/api/v1/releases/{periodId}", api::release);
        app.get("/api/v1/releases/{periodId}/report", api::report);
    }

    /** A stored version without its content. */
    public record SummaryView(String periodId, int version, Instant asOf, Instant cutOff, String modelId,
                              String modelVersion, String digest, Instant receivedAt) {
        static SummaryView of(ReleaseStore.Summary s) {
            return new SummaryView(s.periodId(), s.version(), s.asOf(), s.cutOff(), s.modelId(), s.modelVersion(),
                    s.digest(), s.receivedAt());
        }
    }

    /** What closing a period did: PUBLISHED (materialized shortly after) or UNCHANGED (the latest version stands). */
    public record ClosedView(String outcome, String periodId, int version, Instant asOf, Instant cutOff,
                             String modelId, String modelVersion, String digest, long eventsCounted,
                             long eventsAfterCutOff, long eventsRejected, long undecodable, int changes) {
    }

    public record StageView(String stage, int count, double share) {
    }

    public record StatisticView(String stage, String indicatorId, String unit, int count, Double mean, Double median) {
    }

    /** A released member with its place in the live ranking now (null when no longer ranked there). */
    public record EntryView(int rank, String creditCode, String name, String tier, double percentile, double total,
                            Integer liveRank, String liveTier) {
    }

    /** A tier of a cohort: how many members, their rank and total range. */
    public record TierView(String tier, int count, int firstRank, int lastRank, double highestTotal,
                           double lowestTotal) {
    }

    /** The released top-N against the live top-N now: who is in the live one and not in the release, and back. */
    public record LiveDiffView(int liveSize, List<String> onlyLive, List<String> onlyReleased) {
    }

    public record CohortView(String cohortId, String scope, String stage, int size, List<EntryView> top,
                             List<TierView> tiers, LiveDiffView live) {
    }

    public record ChangeView(String cohortId, String creditCode, String kind, Integer previousRank, Integer rank,
                             String previousTier, String tier, Double previousTotal, Double total) {
    }

    public record ReleaseView(String periodId, int version, Instant asOf, Instant cutOff, String modelId,
                              String modelVersion, String digest, long eventsCounted, long eventsAfterCutOff,
                              long eventsRejected, int enterprises, int ranked, int topN, Integer previousVersion,
                              List<StageView> stages, List<StatisticView> statistics, List<CohortView> cohorts,
                              List<ChangeView> changes) {
    }

    /** One CSV row: a member of a released cohort (the tier lists), with its live place now. */
    public record MemberRow(String periodId, int version, String cohortId, int rank, String creditCode, String name,
                            String tier, double percentile, double total, boolean top, Integer liveRank,
                            String liveTier) {
    }

    private void list(Context ctx) throws SQLException {
        List<SummaryView> out = store.list().stream().map(SummaryView::of).toList();
        if (ReadApi.wantsCsv(ctx)) {
            ctx.contentType("text/csv; charset=utf-8").result(Csv.write(out, SummaryView.class));
        } else {
            ctx.json(out);
        }
    }

    private void close(Context ctx) {
        String periodId = periodId(ctx);
        JsonNode body = JsonBodies.read(ctx);
        if (!body.isObject()) {
            throw ProblemException.badField("body", "must be a JSON object {asOf, cutOff, model, modelVersion}");
        }
        Instant asOf = time(body, "asOf", false);
        Instant cutOff = time(body, "cutOff", true);
        ScoringModel model = model(body);
        Period period;
        try {
            period = new Period(periodId, asOf, cutOff);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badField("cutOff", e.getMessage());
        }
        if (closing == null) {
            throw new ProblemException(ProblemType.UNAVAILABLE, null,
                    "closing a period reads the input topics: this sink runs without Kafka (consume.enabled=false)");
        }
        PeriodCloser.Closed closed;
        try {
            closed = closing.close(period, model);
        } catch (IllegalStateException e) {
            // a topic missing, the log not read to its end in time, the broker not acknowledging: retry later
            throw new ProblemException(ProblemType.UNAVAILABLE, null, e.getMessage());
        }
        PeriodRelease r = closed.release();
        ctx.status(closed.outcome() == PeriodCloser.Outcome.PUBLISHED ? 201 : 200).json(new ClosedView(
                closed.outcome().name(), r.getPeriodId(), r.getVersion(), r.getAsOf(), r.getCutOff(), r.getModelId(),
                r.getModelVersion(), r.getDigest(), r.getEventsCounted(), r.getEventsAfterCutOff(),
                r.getEventsRejected(), closed.undecodable(), r.getChanges().size()));
    }

    private void release(Context ctx) throws SQLException {
        boolean csv = ReadApi.wantsCsv(ctx);
        Optional<PeriodRelease> found = find(ctx);
        if (found.isEmpty()) {
            return;
        }
        PeriodRelease r = visible(found.get(), AccessFilter.principal(ctx));
        if (csv) {
            ctx.contentType("text/csv; charset=utf-8").result(Csv.write(members(r), MemberRow.class));
        } else {
            ctx.json(view(r));
        }
    }

    private void report(Context ctx) throws SQLException {
        Optional<PeriodRelease> found = find(ctx);
        if (found.isEmpty()) {
            return;
        }
        PeriodRelease r = visible(found.get(), AccessFilter.principal(ctx));
        ctx.contentType("application/pdf")
                .header("Content-Disposition", "inline; filename=\"" + r.getPeriodId() + "-v" + r.getVersion() + ".pdf\"")
                .result(ReleaseReport.pdf(r, models.find(r.getModelId(), r.getModelVersion()).orElse(null), reportFont));
    }

    private Optional<PeriodRelease> find(Context ctx) throws SQLException {
        String periodId = periodId(ctx);
        Integer version = ctx.queryParam("version") == null ? null
                : QueryParams.integer(ctx, "version", 1, 1, Integer.MAX_VALUE);
        Optional<PeriodRelease> found = store.find(periodId, version);
        if (found.isEmpty()) {
            ApiErrors.send(ctx, ErrorBody.of(ProblemType.NOT_FOUND, "no release of period '" + periodId + "'"
                    + (version == null ? "" : " with version " + version)));
        }
        return found;
    }

    private static String periodId(Context ctx) {
        String id = QueryParams.path(ctx, "periodId");
        if (!Period.ID.matcher(id).matches()) {
            throw ProblemException.badField("periodId", "'" + id + "' is not a period id (a-z, 0-9, . _ -; at most 64)");
        }
        return id;
    }

    /** An instant, or a date: as-of = the start of that day in Shanghai, cut-off = the end of that day there. */
    private static Instant time(JsonNode body, String field, boolean endOfDay) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual()) {
            throw ProblemException.badField(field, "is required: an ISO-8601 instant or a date (YYYY-MM-DD, Asia/Shanghai)");
        }
        String text = v.asText();
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return endOfDay ? Dates.startOf(day.plusDays(1)).minusMillis(1) : Dates.startOf(day);
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.badField(field, "'" + (text.length() > 40 ? text.substring(0, 40) + "…" : text)
                    + "' is neither an ISO-8601 instant nor a date");
        }
    }

    private ScoringModel model(JsonNode body) {
        JsonNode id = body.get("model");
        if (id == null || !id.isTextual()) {
            throw ProblemException.badField("model", "is required: one of " + models.keys());
        }
        JsonNode version = body.get("modelVersion");
        List<ScoringModel> matching = models.all().stream().filter(m -> m.id().equals(id.asText()))
                .filter(m -> version == null || m.version().equals(version.asText())).toList();
        if (matching.size() != 1) {
            throw ProblemException.badField(matching.isEmpty() ? "model" : "modelVersion", (matching.isEmpty()
                    ? "no such model" : "several versions; name one") + " among " + models.keys());
        }
        return matching.get(0);
    }

    /** The release as a principal may read it: an admin of some zones sees only those zones' cohorts. */
    static PeriodRelease visible(PeriodRelease r, Principal p) {
        if (!p.is(Role.ZONE_ADMIN) || p.allZones()) {
            return r;
        }
        PeriodRelease copy = PeriodRelease.newBuilder(r).build();
        copy.setCohorts(r.getCohorts().stream().filter(c -> zoneCohortOf(c.getCohortId(), p)).toList());
        copy.setChanges(r.getChanges().stream().filter(c -> zoneCohortOf(c.getCohortId(), p)).toList());
        return copy;
    }

    private static boolean zoneCohortOf(String cohortId, Principal p) {
        String[] parts = cohortId.split(":", 3);
        return parts.length == 3 && parts[0].equals("zone") && p.administers(parts[1]);
    }

    private ReleaseView view(PeriodRelease r) throws SQLException {
        List<CohortView> cohorts = new ArrayList<>();
        for (ReleasedCohort c : r.getCohorts()) {
            Map<String, ReleaseStore.LivePlace> live = store.livePlaces(c.getCohortId());
            List<EntryView> top = new ArrayList<>();
            Set<String> releasedTop = new LinkedHashSet<>();
            for (ReleasedEntry e : c.getMembers()) {
                if (e.getRank() > r.getTopN()) {
                    break;
                }
                releasedTop.add(e.getCreditCode());
                ReleaseStore.LivePlace now = live.get(e.getCreditCode());
                top.add(new EntryView(e.getRank(), e.getCreditCode(), e.getName(), e.getTier(), e.getPercentile(),
                        e.getTotalCents() / 100.0, now == null ? null : now.rank(), now == null ? null : now.tier()));
            }
            List<String> onlyLive = live.entrySet().stream().filter(x -> x.getValue().rank() <= r.getTopN())
                    .map(Map.Entry::getKey).filter(code -> !releasedTop.contains(code)).sorted().toList();
            List<String> onlyReleased = releasedTop.stream()
                    .filter(code -> live.get(code) == null || live.get(code).rank() > r.getTopN()).sorted().toList();
            cohorts.add(new CohortView(c.getCohortId(), c.getScope(), c.getStage(), c.getSize(), top, tiers(c),
                    new LiveDiffView(live.size(), onlyLive, onlyReleased)));
        }
        return new ReleaseView(r.getPeriodId(), r.getVersion(), r.getAsOf(), r.getCutOff(), r.getModelId(),
                r.getModelVersion(), r.getDigest(), r.getEventsCounted(), r.getEventsAfterCutOff(),
                r.getEventsRejected(), r.getEnterprises(), r.getRanked(), r.getTopN(), r.getPreviousVersion(),
                r.getStages().stream().map(s -> new StageView(s.getStage(), s.getCount(), s.getShare())).toList(),
                r.getStatistics().stream().map(s -> new StatisticView(s.getStage(), s.getIndicatorId(), s.getUnit(),
                        s.getCount(), s.getMean(), s.getMedian())).toList(),
                cohorts,
                r.getChanges().stream().map(c -> new ChangeView(c.getCohortId(), c.getCreditCode(), c.getKind().name(),
                        c.getPreviousRank(), c.getRank(), c.getPreviousTier(), c.getTier(),
                        c.getPreviousTotalCents() == null ? null : c.getPreviousTotalCents() / 100.0,
                        c.getTotalCents() == null ? null : c.getTotalCents() / 100.0)).toList());
    }

    static List<TierView> tiers(ReleasedCohort c) {
        Map<String, List<ReleasedEntry>> byTier = new LinkedHashMap<>();
        for (ReleasedEntry e : c.getMembers()) {
            byTier.computeIfAbsent(e.getTier(), t -> new ArrayList<>()).add(e);
        }
        List<TierView> out = new ArrayList<>();
        byTier.forEach((tier, list) -> out.add(new TierView(tier, list.size(), list.get(0).getRank(),
                list.get(list.size() - 1).getRank(), list.get(0).getTotalCents() / 100.0,
                list.get(list.size() - 1).getTotalCents() / 100.0)));
        return out;
    }

    private List<MemberRow> members(PeriodRelease r) throws SQLException {
        List<MemberRow> out = new ArrayList<>();
        for (ReleasedCohort c : r.getCohorts()) {
            Map<String, ReleaseStore.LivePlace> live = store.livePlaces(c.getCohortId());
            for (ReleasedEntry e : c.getMembers()) {
                ReleaseStore.LivePlace now = live.get(e.getCreditCode());
                out.add(new MemberRow(r.getPeriodId(), r.getVersion(), c.getCohortId(), e.getRank(), e.getCreditCode(),
                        e.getName(), e.getTier(), e.getPercentile(), e.getTotalCents() / 100.0,
                        e.getRank() <= r.getTopN(), now == null ? null : now.rank(), now == null ? null : now.tier()));
            }
        }
        return out;
    }
}
