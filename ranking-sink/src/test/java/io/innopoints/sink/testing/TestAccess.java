package io.innopoints.sink.testing;

import io.innopoints.schemas.http.BearerTokens;
import io.innopoints.sink.access.AccessConfig;
import io.innopoints.sink.access.Principal;
import io.innopoints.sink.access.Role;
import io.innopoints.sink.access.StaticTokens;
import io.innopoints.sink.app.HttpAssembly;
import io.innopoints.sink.credit.CreditProgramme;
import io.innopoints.sink.lag.LagReport;
import io.innopoints.sink.http.LiveFeed;
import io.innopoints.sink.http.ReadApi;
import io.innopoints.sink.whatif.ModelCatalog;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * One static token per role for HTTP tests: an admin of every zone, an admin of ZONE-B only, an operator, bank
 * {@value #BANK_ID} and the enterprise {@code Fixtures.code(1)} (ZONE-A).
 */
public final class TestAccess {
    public static final String ADMIN = "token-admin-all-zones";
    public static final String ZONE_B_ADMIN = "token-admin-zone-b";
    public static final String OPERATOR = "token-operator";
    public static final String BANK = "token-bank";
    public static final String BANK_ID = "bank-1";
    public static final String ENTERPRISE = "token-enterprise-1";

    /**
     * Credit programmes of the test app: {@code pilot-a} run by {@link #BANK_ID} in ZONE-A (budget 1,000,000 yuan,
     * cap 500,000, bases A=3, B=2, C=1, D=1, every stage eligible) and {@code other-b} of another bank in ZONE-B.
     */
    public static final List<CreditProgramme> PROGRAMMES = List.of(
            new CreditProgramme("pilot-a", BANK_ID, "ZONE-A", 1_000_000, 10_000, 500_000, List.of(
                    new CreditProgramme.TierLine("A", 3), new CreditProgramme.TierLine("B", 2),
                    new CreditProgramme.TierLine("C", 1), new CreditProgramme.TierLine("D", 1)),
                    Map.of(CreditProgramme.ANY_STAGE, new CreditProgramme.StageRule(null, null, null)), true),
            new CreditProgramme("other-b", "bank-2", "ZONE-B", 2_000_000, 10_000, 500_000, List.of(
                    new CreditProgramme.TierLine("A", 1)),
                    Map.of(CreditProgramme.ANY_STAGE, new CreditProgramme.StageRule(null, null, null)), true));

    private TestAccess() {
    }

    public static AccessConfig config(boolean metricsPublic) {
        return new AccessConfig(List.of(
                grant(ADMIN, new Principal("admin", Role.ZONE_ADMIN, Set.of(Principal.ALL_ZONES), null, null)),
                grant(ZONE_B_ADMIN, new Principal("admin-b", Role.ZONE_ADMIN, Set.of("ZONE-B"), null, null)),
                grant(OPERATOR, new Principal("ops", Role.OPERATOR, Set.of(), null, null)),
                grant(BANK, new Principal("bank", Role.BANK, Set.of(), BANK_ID, null)),
                grant(ENTERPRISE, new Principal("e1", Role.ENTERPRISE, Set.of(), null, Fixtures.code(1)))),
                null, metricsPublic);
    }

    private static StaticTokens.Grant grant(String token, Principal p) {
        return new StaticTokens.Grant(p, List.of(BearerTokens.sha256Hex(token)));
    }

    /** The token of a role's test principal; null for the public. */
    public static String token(Role role) {
        return switch (role) {
            case ZONE_ADMIN -> ADMIN;
            case OPERATOR -> OPERATOR;
            case BANK -> BANK;
            case ENTERPRISE -> ENTERPRISE;
            case PUBLIC -> null;
        };
    }

    /** The sink's whole HTTP app (not started) with the test principals and the built-in models. */
    public static Javalin app(DataSource dataSource, LiveFeed feed, Supplier<LagReport> lag,
                              Supplier<ReadApi.Health> health, PrometheusMeterRegistry metrics) {
        return HttpAssembly.create(dataSource, feed, lag, health, metrics, config(true), ModelCatalog.fromOption(""),
                PROGRAMMES);
    }

    public static Javalin app(DataSource dataSource, PrometheusMeterRegistry metrics, boolean metricsPublic) {
        return HttpAssembly.create(dataSource, new LiveFeed(), LagReport::empty,
                () -> new ReadApi.Health(true, Map.of()), metrics, config(metricsPublic), ModelCatalog.fromOption(""),
                PROGRAMMES);
    }

    /**
     * Sink properties configuring the {@link #ADMIN} token (a zone admin of every zone), the {@link #BANK} and the
     * {@link #OPERATOR} token, for tests of the whole app.
     */
    public static Map<String, String> adminProperties() {
        return Map.of("principal.test-admin.token-sha256", BearerTokens.sha256Hex(ADMIN),
                "principal.test-admin.role", "zone-admin", "principal.test-admin.zones", Principal.ALL_ZONES,
                "principal.test-bank.token-sha256", BearerTokens.sha256Hex(BANK),
                "principal.test-bank.role", "bank", "principal.test-bank.bank", BANK_ID,
                "principal.test-operator.token-sha256", BearerTokens.sha256Hex(OPERATOR),
                "principal.test-operator.role", "operator");
    }

    /** The Authorization header pair for a token. */
    public static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }
}
