package io.innopoints.sink.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.innopoints.schemas.CreditCode;
import io.innopoints.sink.lag.LagReport;
import io.innopoints.sink.store.ReadStore;
import io.innopoints.sink.store.ReadStore.CandidateFilter;
import io.innopoints.sink.store.Views;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's HTTP surface on Javalin: the JSON read API under {@code /api/v1} (CSV for lists with
 * {@code ?format=csv} or {@code Accept: text/csv}), Server-Sent Events at {@code /api/v1/stream}, consumer lag at
 * {@code /api/v1/lag}, health at {@code /health/live} and {@code /health/ready}, Prometheus at {@code /metrics} and
 * the OpenAPI document at {@code /openapi.json}. Handlers only parse parameters and call the {@link ReadStore};
 * bad parameters answer 400 naming the field, unknown ids 404, a database failure 503 — never a stack trace.
 */
public final class ReadApi {
    private static final Logger LOG = LoggerFactory.getLogger(ReadApi.class);
    private static final int MAX_LIMIT = 1000;

    /** Readiness of the app: ready or not, with a detail per component. */
    public record Health(boolean ready, Map<String, String> components) {
    }

    /** What the API serves from. */
    public record Dependencies(ReadStore store, LiveFeed feed, Supplier<LagReport> lag, Supplier<Health> health,
                               PrometheusMeterRegistry metrics) {
    }

    private final Dependencies deps;
    private final ObjectMapper json;
    private final List<String> paths = new ArrayList<>();

    private ReadApi(Dependencies deps) {
        this.deps = deps;
        this.json = JsonMapper.builder().addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    }

    /** Builds the app with every route registered; not started. */
    public static Javalin create(Dependencies deps) {
        return new ReadApi(deps).build();
    }

    /** The documented GET paths in Javalin syntax, for the OpenAPI completeness test. */
    public static List<String> routes(Dependencies deps) {
        ReadApi api = new ReadApi(deps);
        api.build();
        return List.copyOf(api.paths);
    }

    private Javalin build() {
        Javalin app = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(json, false));
            config.showJavalinBanner = false;
            config.http.defaultContentType = "application/json";
        });
        get(app, "/api/v1/leaderboards", ctx -> list(ctx, deps.store().leaderboards(), Views.LeaderboardSummary.class));
        get(app, "/api/v1/leaderboards/{cohortId}", this::leaderboard);
        get(app, "/api/v1/enterprises/{creditCode}", this::enterprise);
        get(app, "/api/v1/enterprises/{creditCode}/history", ctx -> list(ctx,
                deps.store().history(creditCode(ctx), intParam(ctx, "limit", 100, 1, MAX_LIMIT)), Views.HistoryEntry.class));
        get(app, "/api/v1/changes", this::changes);
        get(app, "/api/v1/tiers", ctx -> list(ctx, deps.store().tierCounts(), Views.TierCount.class));
        get(app, "/api/v1/tiers/{cohortId}", ctx -> list(ctx,
                deps.store().tierList(ctx.pathParam("cohortId"), optional(ctx, "tier")), Views.TierEntry.class));
        get(app, "/api/v1/credit-candidates", this::candidates);
        get(app, "/api/v1/shadow-diffs", ctx -> list(ctx, deps.store().shadowDiffs(optional(ctx, "cohort")),
                Views.ShadowDiffView.class));
        get(app, "/api/v1/rejected", ctx -> list(ctx,
                deps.store().rejected(intParam(ctx, "limit", 100, 1, MAX_LIMIT)), Views.RejectedView.class));
        get(app, "/api/v1/lag", ctx -> ctx.json(deps.lag().get()));
        paths.add("/api/v1/stream");
        app.sse("/api/v1/stream", client -> deps.feed().subscribe(client, cohorts(client.ctx())));
        get(app, "/health/live", ctx -> ctx.json(Map.of("status", "UP")));
        get(app, "/health/ready", ctx -> {
            Health h = deps.health().get();
            ctx.status(h.ready() ? 200 : 503).json(Map.of("status", h.ready() ? "UP" : "DOWN", "components", h.components()));
        });
        get(app, "/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(deps.metrics().scrape()));
        get(app, "/openapi.json", ctx -> ctx.contentType("application/json").result(openApi()));

        app.exception(BadRequest.class, (e, ctx) -> ctx.status(400)
                .json(Map.of("error", "bad request", "field", e.field(), "reason", e.reason())));
        app.exception(SQLException.class, (e, ctx) -> {
            LOG.warn("database error serving {}: {}", ctx.path(), e.toString());
            ctx.status(503).json(Map.of("error", "database unavailable", "reason", e.getMessage() == null ? "" : e.getMessage()));
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("error serving {}", ctx.path(), e);
            ctx.status(500).json(Map.of("error", "internal error", "reason", e.getClass().getSimpleName()));
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                ctx.json(Map.of("error", "not found", "path", ctx.path()));
            }
        });
        return app;
    }

    private void get(Javalin app, String path, Handler handler) {
        paths.add(path);
        app.get(path, handler);
    }

    private void leaderboard(Context ctx) throws SQLException {
        String cohort = ctx.pathParam("cohortId");
        int top = intParam(ctx, "top", Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
        var board = deps.store().leaderboard(cohort, top);
        if (board.isEmpty()) {
            notFound(ctx, "no leaderboard for cohort '" + cohort + "'");
            return;
        }
        if (wantsCsv(ctx)) {
            csv(ctx, board.get().entries(), Views.LeaderboardEntryView.class);
        } else {
            ctx.json(board.get());
        }
    }

    private void enterprise(Context ctx) throws SQLException {
        String code = creditCode(ctx);
        var view = deps.store().enterprise(code);
        if (view.isEmpty()) {
            notFound(ctx, "no score for enterprise '" + code + "'");
            return;
        }
        ctx.json(view.get());
    }

    private void changes(Context ctx) throws SQLException {
        Instant since = instantParam(ctx, "since", Instant.EPOCH);
        List<String> cohorts = csvParam(ctx, "cohort");
        String enterprise = optional(ctx, "enterprise");
        if (enterprise != null) {
            CreditCode.problem(enterprise).ifPresent(p -> {
                throw new BadRequest("enterprise", p);
            });
        }
        list(ctx, deps.store().changes(since, optional(ctx, "after"), cohorts, enterprise,
                intParam(ctx, "limit", 100, 1, MAX_LIMIT)), Views.ChangeView.class);
    }

    private void candidates(Context ctx) throws SQLException {
        String minTotal = optional(ctx, "minTotal");
        Double total = null;
        if (minTotal != null) {
            try {
                total = Double.parseDouble(minTotal);
            } catch (NumberFormatException e) {
                throw new BadRequest("minTotal", "'" + minTotal + "' is not a number");
            }
        }
        String minTier = optional(ctx, "minTier");
        if (minTier != null && !minTier.matches("[A-Z][A-Z0-9+-]{0,7}")) {
            throw new BadRequest("minTier", "'" + minTier + "' is not a tier (capital letter first, e.g. A or B)");
        }
        CandidateFilter filter = new CandidateFilter(csvParam(ctx, "cohort"), optional(ctx, "scope"),
                optional(ctx, "zone"), optional(ctx, "stage"), optional(ctx, "industry"), minTier, total,
                intParam(ctx, "top", 10, 1, MAX_LIMIT));
        list(ctx, deps.store().creditCandidates(filter), Views.TierEntry.class);
    }

    private void list(Context ctx, List<?> rows, Class<?> rowType) {
        if (wantsCsv(ctx)) {
            csv(ctx, rows, rowType);
        } else {
            ctx.json(rows);
        }
    }

    private void csv(Context ctx, List<?> rows, Class<?> rowType) {
        ctx.contentType("text/csv; charset=utf-8").result(Csv.write(rows, rowType, json));
    }

    private static boolean wantsCsv(Context ctx) {
        String format = ctx.queryParam("format");
        if (format != null) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw new BadRequest("format", "'" + format + "' is not json or csv");
            };
        }
        String accept = ctx.header("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
    }

    private static void notFound(Context ctx, String detail) {
        ctx.status(404).json(Map.of("error", "not found", "detail", detail));
    }

    private static String creditCode(Context ctx) {
        String code = ctx.pathParam("creditCode");
        CreditCode.problem(code).ifPresent(p -> {
            throw new BadRequest("creditCode", p);
        });
        return code;
    }

    private static String optional(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static List<String> csvParam(Context ctx, String name) {
        List<String> out = new ArrayList<>();
        for (String v : ctx.queryParams(name)) {
            Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        }
        return out;
    }

    private static Set<String> cohorts(Context ctx) {
        return Set.copyOf(csvParam(ctx, "cohort"));
    }

    static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String v = optional(ctx, name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new BadRequest(name, n + " is outside " + min + ".." + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequest(name, "'" + v + "' is not an integer");
        }
    }

    static Instant instantParam(Context ctx, String name, Instant fallback) {
        String v = optional(ctx, name);
        if (v == null) {
            return fallback;
        }
        if (v.matches("-?\\d{1,19}")) {
            return Instant.ofEpochMilli(Long.parseLong(v));
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new BadRequest(name, "'" + v + "' is neither an ISO-8601 instant (2026-06-01T00:00:00Z) nor epoch millis");
        }
    }

    private static String openApi() throws IOException {
        try (InputStream in = ReadApi.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IOException("openapi.json missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
