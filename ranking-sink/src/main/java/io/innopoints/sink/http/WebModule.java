package io.innopoints.sink.http;

import io.innopoints.schemas.CreditCode;
import io.innopoints.schemas.http.ErrorBody;
import io.innopoints.scoring.model.Names;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.sink.access.AccessFilter;
import io.innopoints.sink.access.EnterpriseGate;
import io.innopoints.sink.access.RowScopes;
import io.innopoints.sink.store.ReadStore;
import io.innopoints.sink.store.WhatIfStore;
import io.innopoints.sink.whatif.ModelCatalog;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Adds the dashboard and its APIs to the sink's HTTP app: the static dashboard (plain HTML, CSS and ES modules from
 * the classpath folder {@code web/}) at {@code /}, {@code GET /api/v1/models} (the loaded scoring models with their
 * Chinese and English names of stages, dimensions and indicators) and
 * {@code POST /api/v1/enterprises/{creditCode}/what-if} ({@link WhatIfService}), and
 * {@code GET /api/v1/changes/recent} (the newest ranking changes first, for the feed's opening page). Errors answer
 * the one problem document ({@link ErrorBody}) with 400/404/409. Access: the app's {@link AccessFilter} runs first;
 * what-if is for the enterprise and its zone admin, recent changes are narrowed like the change feed.
 */
public final class WebModule {
    private final ModelCatalog models;
    private final WhatIfService whatIf;
    private final ReadStore store;
    private final EnterpriseGate gate;

    private WebModule(ModelCatalog models, WhatIfService whatIf, ReadStore store, EnterpriseGate gate) {
        this.models = models;
        this.whatIf = whatIf;
        this.store = store;
        this.gate = gate;
    }

    /** Installs on an app that is not started yet; {@code modelFiles} is the {@code whatif.model.files} option. */
    public static void install(Javalin app, DataSource dataSource, String modelFiles) {
        install(app, dataSource, ModelCatalog.fromOption(modelFiles));
    }

    public static void install(Javalin app, DataSource dataSource, ModelCatalog models) {
        ReadStore store = new ReadStore(dataSource);
        WebModule module = new WebModule(models, new WhatIfService(new WhatIfStore(dataSource), models),
                store, new EnterpriseGate(store::zoneOf));
        app.unsafeConfig().staticFiles.add(sf -> {
            sf.hostedPath = "/";
            sf.directory = "/web";
            sf.location = Location.CLASSPATH;
            // the dashboard has no build step and no hashed names: always revalidate
            sf.headers = Map.of("Cache-Control", "no-cache");
        });
        app.get("/api/v1/models", ctx -> ctx.json(module.models()));
        app.post("/api/v1/enterprises/{creditCode}/what-if", module::whatIf);
        app.get("/api/v1/changes/recent", module::recent);
    }

    private void whatIf(Context ctx) throws SQLException {
        String code = ctx.pathParam("creditCode");
        CreditCode.problem(code).ifPresent(p -> {
            throw ProblemException.badField("creditCode", p);
        });
        gate.requireAct(AccessFilter.principal(ctx), code);
        ctx.json(whatIf.answer(code, JsonBodies.read(ctx)));
    }

    private void recent(Context ctx) throws SQLException {
        int limit = QueryParams.integer(ctx, "limit", 30, 1, 1000);
        String enterprise = QueryParams.text(ctx, "enterprise");
        if (enterprise != null) {
            CreditCode.problem(enterprise).ifPresent(p -> {
                throw ProblemException.badField("enterprise", p);
            });
        }
        ctx.json(store.recentChanges(QueryParams.text(ctx, "cohort"), enterprise, limit,
                RowScopes.of(AccessFilter.principal(ctx))));
    }

    /** The models for display: ids, versions, names, stages, dimensions, indicators (unit, scorer, weight per stage). */
    private List<ModelView> models() {
        return models.all().stream().map(WebModule::view).toList();
    }

    public record NamesView(String zh, String en) {
        static NamesView of(Names n) {
            return n == null ? new NamesView(null, null) : new NamesView(n.zh(), n.en());
        }
    }

    public record StageView(String id, NamesView names) {
    }

    public record DimensionView(String id, NamesView names) {
    }

    public record IndicatorView(String id, NamesView names, String dimension, String unit, String scorer,
                                Map<String, Double> weights) {
    }

    public record ModelView(String id, String version, NamesView names, int topN, List<String> scopes,
                            List<StageView> stages, List<DimensionView> dimensions, List<IndicatorView> indicators) {
    }

    static ModelView view(ScoringModel m) {
        return new ModelView(m.id(), m.version(), NamesView.of(m.names()), m.topN(),
                m.scopes().stream().map(s -> s.id()).toList(),
                m.stages().stream().map(s -> new StageView(s.id(), NamesView.of(s.names()))).toList(),
                m.dimensions().stream().map(d -> new DimensionView(d.id(), NamesView.of(d.names()))).toList(),
                m.indicators().stream().map(i -> {
                    Map<String, Double> weights = new LinkedHashMap<>();
                    m.stages().forEach(s -> weights.put(s.id(), i.weight(s.index())));
                    return new IndicatorView(i.id(), NamesView.of(i.names()), i.dimension().id(), i.unit(),
                            i.scorer().kind(), weights);
                }).toList());
    }
}
