package io.innopoints.sink.app;

import io.innopoints.sink.access.AccessConfig;
import io.innopoints.sink.access.Authenticator;
import io.innopoints.sink.access.ConfidentialIndicators;
import io.innopoints.sink.access.EnterpriseGate;
import io.innopoints.sink.access.FinancialRedactor;
import io.innopoints.sink.credit.CreditProgramme;
import io.innopoints.sink.credit.CreditService;
import io.innopoints.sink.credit.LiveRanking;
import io.innopoints.sink.lag.LagReport;
import io.innopoints.sink.http.ConsentApi;
import io.innopoints.sink.http.CreditApi;
import io.innopoints.sink.http.LiveFeed;
import io.innopoints.sink.http.ReadApi;
import io.innopoints.sink.http.ReleaseApi;
import io.innopoints.sink.store.ReleaseStore;
import io.innopoints.sink.store.ConsentStore;
import io.innopoints.sink.store.ReadStore;
import io.innopoints.sink.http.WebModule;
import io.innopoints.sink.whatif.ModelCatalog;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The sink's whole HTTP app, assembled in one place for the running sink and the tests: the read API with its access
 * filter, the dashboard and its APIs, the consent list, the period releases. Not started.
 */
public final class HttpAssembly {
    private HttpAssembly() {
    }

    public static Javalin create(DataSource dataSource, LiveFeed feed, Supplier<LagReport> lag,
                                 Supplier<ReadApi.Health> health, PrometheusMeterRegistry metrics, AccessConfig access,
                                 ModelCatalog models) {
        return create(dataSource, feed, lag, health, metrics, access, models, List.of());
    }

    /** As above, with the configured credit programmes (and no period closing). */
    public static Javalin create(DataSource dataSource, LiveFeed feed, Supplier<LagReport> lag,
                                 Supplier<ReadApi.Health> health, PrometheusMeterRegistry metrics, AccessConfig access,
                                 ModelCatalog models, List<CreditProgramme> programmes) {
        return create(dataSource, feed, lag, health, metrics, access, models, programmes, ReleaseApi.Settings.NONE);
    }

    /** As above, with the period releases' settings (how periods are closed, the report's font). */
    public static Javalin create(DataSource dataSource, LiveFeed feed, Supplier<LagReport> lag,
                                 Supplier<ReadApi.Health> health, PrometheusMeterRegistry metrics, AccessConfig access,
                                 ModelCatalog models, List<CreditProgramme> programmes, ReleaseApi.Settings releases) {
        ReadStore store = new ReadStore(dataSource);
        ConsentStore consents = new ConsentStore(dataSource);
        Javalin http = ReadApi.create(new ReadApi.Dependencies(store, feed, lag, health, metrics,
                Authenticator.of(access), access.policy(),
                new FinancialRedactor(new ConfidentialIndicators(models), consents)));
        WebModule.install(http, dataSource, models);
        CreditApi.install(http, new CreditService(programmes, new LiveRanking(dataSource, models)),
                new ReleaseStore(dataSource));
        ConsentApi.install(http, consents, new EnterpriseGate(store::zoneOf), Clock.systemUTC());
        ReleaseApi.install(http, new ReleaseStore(dataSource), models, releases);
        return http;
    }
}
