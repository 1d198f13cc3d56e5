package io.innopoints.sink.http;

import io.innopoints.schemas.CreditCode;
import io.innopoints.schemas.http.ErrorBody;
import io.innopoints.schemas.http.ProblemType;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.sink.access.AccessDenied;
import io.innopoints.sink.access.AccessFilter;
import io.innopoints.sink.access.AccessPolicy;
import io.innopoints.sink.access.Authenticator;
import io.innopoints.sink.access.EnterpriseGate;
import io.innopoints.sink.access.FeedFilter;
import io.innopoints.sink.access.FinancialRedactor;
import io.innopoints.sink.access.Principal;
import io.innopoints.sink.access.PublicViews;
import io.innopoints.sink.access.RowScopes;
import io.innopoints.sink.json.SinkJson;
import io.innopoints.sink.lag.LagReport;
import io.innopoints.sink.store.IngestRejections;
import io.innopoints.sink.store.ReadStore;
import io.innopoints.sink.store.ReadStore.CandidateFilter;
import io.innopoints.sink.store.RowScope;
import io.innopoints.sink.store.Views;
import io.innopoints.web.JsonErrorHandler;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
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
 * bad parameters answer 400 naming the field, unknown ids 404, a database failure 503, each as an RFC 9457 problem
 * document ({@link ErrorBody}) — never a stack trace. Every route passes the {@link AccessFilter} first (401/403 by
 * {@link io.innopoints.sink.access.Endpoint}); handlers narrow rows and fields to the principal (zones, own
 * enterprise, financial values, public leaderboard entries).
 */
public final class ReadApi {
    private static final Logger LOG = LoggerFactory.getLogger(ReadApi.class);
    private static final int MAX_LIMIT = 1000;
    /** Deepest page of a newest-first list that is paged by skipping rows. */
    private static final int MAX_SKIP = 100_000;

    /** Readiness of the app: ready or not, with a detail per component. */
    public record Health(boolean ready, Map<String, String> components) {
    }

    /** What the API serves from. */
    public record Dependencies(ReadStore store, LiveFeed feed, Supplier<LagReport> lag, Supplier<Health> health,
                               PrometheusMeterRegistry metrics, Authenticator authenticator, AccessPolicy policy,
                               FinancialRedactor redactor) {
    }

    private final Dependencies deps;
    private final EnterpriseGate gate;

    private ReadApi(Dependencies deps) {
        this.deps = deps;
        this.gate = new EnterpriseGate(code -> deps.store().zoneOf(code));
    }

    /** Builds the app with every route registered; not started. */
    public static Javalin create(Dependencies deps) {
        return new ReadApi(deps).build();
    }

    private Javalin build() {
        Javalin app = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(SinkJson.mapper(), false));
            config.showJavalinBanner = false;
            config.http.defaultContentType = "application/json";
            // Jetty's own answers (bad URI, header too large) as problem documents, not an HTML page
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            // Jetty reuses header fields seen before on a keep-alive connection, matching their values ignoring case
            // by default: a token differing only in case from one sent before would arrive as that one
            config.jetty.modifyHttpConfiguration(http -> {
                http.setHeaderCacheCaseSensitive(true);
                // Javalin's RFC3986 mode lets /api/v1/..%2F..%2Fetc reach the static-file handler, which throws on the
                // alias (a 500); no route needs an encoded slash, dot segment or empty segment, so Jetty answers 400
                http.setUriCompliance(org.eclipse.jetty.http.UriCompliance.RFC3986_UNAMBIGUOUS);
            });
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JsonErrorHandler()));
        });
        AccessFilter access = new AccessFilter(deps.authenticator(), deps.policy());
        app.beforeMatched(access::handle);
        get(app, "/api/v1/leaderboards", ctx -> list(ctx, deps.store().leaderboards(), Views.LeaderboardSummary.class));
        get(app, "/api/v1/leaderboards/{cohortId}", this::leaderboard);
        get(app, "/api/v1/enterprises/{creditCode}", this::enterprise);
        get(app, "/api/v1/enterprises/{creditCode}/history", this::history);
        get(app, "/api/v1/changes", this::changes);
        get(app, "/api/v1/tiers", ctx -> list(ctx, deps.store().tierCounts(rows(ctx)), Views.TierCount.class));
        get(app, "/api/v1/tiers/{cohortId}", ctx -> list(ctx, deps.store().tierList(QueryParams.path(ctx, "cohortId"),
                QueryParams.text(ctx, "tier"), rows(ctx)), Views.TierEntry.class));
        get(app, "/api/v1/credit-candidates", this::candidates);
        get(app, "/api/v1/shadow-diffs", ctx -> list(ctx, deps.store().shadowDiffs(QueryParams.text(ctx, "cohort"))
                .stream().filter(d -> RowScopes.administersCohort(AccessFilter.principal(ctx), d.cohortId())).toList(),
                Views.ShadowDiffView.class));
        get(app, "/api/v1/rejected", ctx -> list(ctx,
                deps.store().rejected(QueryParams.integer(ctx, "limit", 100, 1, MAX_LIMIT)), Views.RejectedView.class));
        get(app, "/api/v1/ingest-rejections", ctx -> list(ctx, deps.store().ingestRejections(deadLetterFilter(ctx)),
                Views.IngestRejectionView.class));
        get(app, "/api/v1/stream-dead-letters", ctx -> list(ctx, deps.store().streamDeadLetters(deadLetterFilter(ctx)),
                Views.StreamDeadLetterView.class));
        get(app, "/api/v1/lag", ctx -> ctx.json(deps.lag().get()));
        app.sse("/api/v1/stream", client -> deps.feed().subscribe(client, cohorts(client.ctx()),
                new FeedFilter(AccessFilter.principal(client.ctx()))));
        get(app, "/api/v1/me", ctx -> ctx.json(me(AccessFilter.principal(ctx))));
        get(app, "/health/live", ctx -> ctx.json(Map.of("status", "UP")));
        get(app, "/health/ready", ctx -> {
            Health h = deps.health().get();
            ctx.status(h.ready() ? 200 : 503).json(Map.of("status", h.ready() ? "UP" : "DOWN", "components", h.components()));
        });
        get(app, "/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(deps.metrics().scrape()));
        get(app, "/openapi.json", ctx -> ctx.contentType("application/json").result(openApi()));

        app.exception(AccessDenied.class, (e, ctx) -> {
            if (e.status() == 401) {
                ctx.header("WWW-Authenticate", "Bearer realm=\"innopoints\"");
            }
            ApiErrors.send(ctx, ErrorBody.forStatus(e.status(), e.getMessage()));
        });
        app.exception(ProblemException.class, (e, ctx) -> ApiErrors.send(ctx, e.problem()));
        app.exception(SQLException.class, (e, ctx) -> {
            LOG.warn("database error serving {}: {}", ctx.path(), e.toString());
            ApiErrors.send(ctx, ErrorBody.of(ProblemType.UNAVAILABLE, "the database is unavailable; retry later"));
        });
        app.exception(HttpResponseException.class, (e, ctx) -> ApiErrors.send(ctx,
                ErrorBody.forStatus(e.getStatus(), e.getStatus() == 404
                        ? "no such resource: " + ctx.method() + " " + ctx.path() + " (see /openapi.json)"
                        : "HTTP " + e.getStatus() + " " + ctx.method() + " " + ctx.path())));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("error serving {}", ctx.path(), e);
            ApiErrors.send(ctx, ErrorBody.of(ProblemType.INTERNAL, "internal error; the request may be retried"));
        });
        app.error(404, ctx -> {
            if (!ApiErrors.answered(ctx)) {
                ApiErrors.send(ctx, ErrorBody.of(ProblemType.NOT_FOUND, "no such resource: " + ctx.method() + " " + ctx.path()
                        + " (see /openapi.json)"));
            }
        });
        app.error(405, ctx -> {
            if (!ApiErrors.answered(ctx)) {
                ApiErrors.send(ctx, ErrorBody.of(ProblemType.METHOD_NOT_ALLOWED, ctx.method() + " is not allowed on " + ctx.path()));
            }
        });
        return app;
    }

    private void get(Javalin app, String path, Handler handler) {
        app.get(path, handler);
    }

    private void leaderboard(Context ctx) throws SQLException {
        String cohort = QueryParams.path(ctx, "cohortId");
        int top = QueryParams.integer(ctx, "top", Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
        var board = deps.store().leaderboard(cohort, top);
        if (board.isEmpty()) {
            notFound(ctx, "no leaderboard for cohort '" + cohort + "'");
            return;
        }
        boolean full = PublicViews.fullEntries(AccessFilter.principal(ctx));
        if (wantsCsv(ctx)) {
            if (full) {
                csv(ctx, board.get().entries(), Views.LeaderboardEntryView.class);
            } else {
                csv(ctx, PublicViews.entries(board.get().entries()), PublicViews.PublicEntry.class);
            }
        } else {
            ctx.json(full ? board.get() : PublicViews.leaderboard(board.get()));
        }
    }

    private void enterprise(Context ctx) throws SQLException {
        String code = creditCode(ctx);
        Principal principal = AccessFilter.principal(ctx);
        gate.requireRead(principal, code);
        var view = deps.store().enterprise(code);
        if (view.isEmpty()) {
            notFound(ctx, "no score for enterprise '" + code + "'");
            return;
        }
        ctx.json(deps.redactor().forPrincipal(view.get(), principal));
    }

    private void history(Context ctx) throws SQLException {
        String code = creditCode(ctx);
        gate.requireRead(AccessFilter.principal(ctx), code);
        list(ctx, deps.store().history(code, QueryParams.integer(ctx, "limit", 100, 1, MAX_LIMIT)),
                Views.HistoryEntry.class);
    }

    private static Map<String, Object> me(Principal p) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("subject", p.subject());
        out.put("role", p.role().id());
        out.put("zones", p.zones().stream().sorted().toList());
        out.put("bank", p.bankId());
        out.put("creditCode", p.creditCode());
        return out;
    }

    private static RowScope rows(Context ctx) {
        return RowScopes.of(AccessFilter.principal(ctx));
    }

    private void changes(Context ctx) throws SQLException {
        Instant since = QueryParams.instant(ctx, "since", Instant.EPOCH);
        List<String> cohorts = QueryParams.list(ctx, "cohort");
        String enterprise = QueryParams.text(ctx, "enterprise");
        if (enterprise != null) {
            CreditCode.problem(enterprise).ifPresent(p -> {
                throw ProblemException.badField("enterprise", p);
            });
        }
        list(ctx, deps.store().changes(since, QueryParams.text(ctx, "after"), cohorts, enterprise,
                QueryParams.integer(ctx, "limit", 100, 1, MAX_LIMIT), rows(ctx)), Views.ChangeView.class);
    }

    /** The filters of a dead-letter list (ingest's or scoring-stream's), every one validated, the page bounded. */
    private static IngestRejections.Filter deadLetterFilter(Context ctx) {
        String type = QueryParams.text(ctx, "type");
        if (type != null && EventType.byId(type).isEmpty()) {
            throw ProblemException.badField("type", "'" + type + "' is not an event type; expected one of "
                    + Arrays.stream(EventType.values()).map(EventType::id).toList());
        }
        Instant from = QueryParams.instant(ctx, "from", null);
        Instant to = QueryParams.instant(ctx, "to", null);
        if (from != null && to != null && !to.isAfter(from)) {
            throw ProblemException.badField("to", "must be after from (" + from + ")");
        }
        return new IngestRejections.Filter(QueryParams.text(ctx, "provider"), type,
                QueryParams.text(ctx, "field"), QueryParams.text(ctx, "reason"), from, to,
                QueryParams.integer(ctx, "limit", 100, 1, MAX_LIMIT), QueryParams.integer(ctx, "skip", 0, 0, MAX_SKIP));
    }

    private void candidates(Context ctx) throws SQLException {
        Double total = QueryParams.decimal(ctx, "minTotal");
        String minTier = QueryParams.text(ctx, "minTier");
        if (minTier != null && !minTier.matches("[A-Z][A-Z0-9+-]{0,7}")) {
            throw ProblemException.badField("minTier", "'" + minTier + "' is not a tier (capital letter first, e.g. A or B)");
        }
        CandidateFilter filter = new CandidateFilter(QueryParams.list(ctx, "cohort"), QueryParams.text(ctx, "scope"),
                QueryParams.text(ctx, "zone"), QueryParams.text(ctx, "stage"), QueryParams.text(ctx, "industry"), minTier,
                total, QueryParams.integer(ctx, "top", 10, 1, MAX_LIMIT));
        list(ctx, deps.store().creditCandidates(filter, rows(ctx)), Views.TierEntry.class);
    }

    private void list(Context ctx, List<?> rows, Class<?> rowType) {
        if (wantsCsv(ctx)) {
            csv(ctx, rows, rowType);
        } else {
            ctx.json(rows);
        }
    }

    private void csv(Context ctx, List<?> rows, Class<?> rowType) {
        ctx.contentType("text/csv; charset=utf-8").result(Csv.write(rows, rowType));
    }

    static boolean wantsCsv(Context ctx) {
        String format = QueryParams.text(ctx, "format");
        if (format != null) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw ProblemException.badField("format", "'" + format + "' is not json or csv");
            };
        }
        String accept = ctx.header("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
    }

    private static void notFound(Context ctx, String detail) {
        ApiErrors.send(ctx, ErrorBody.of(ProblemType.NOT_FOUND, detail));
    }

    private static String creditCode(Context ctx) {
        String code = QueryParams.path(ctx, "creditCode");
        CreditCode.problem(code).ifPresent(p -> {
            throw ProblemException.badField("creditCode", p);
        });
        return code;
    }

    private static Set<String> cohorts(Context ctx) {
        return Set.copyOf(QueryParams.list(ctx, "cohort"));
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
