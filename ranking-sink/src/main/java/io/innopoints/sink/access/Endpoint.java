package io.innopoints.sink.access;

import static io.innopoints.sink.access.Role.BANK;
import static io.innopoints.sink.access.Role.ENTERPRISE;
import static io.innopoints.sink.access.Role.OPERATOR;
import static io.innopoints.sink.access.Role.PUBLIC;
import static io.innopoints.sink.access.Role.ZONE_ADMIN;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The access policy of every route of the sink, declared once: which roles may call it and what each sees. The
 * {@link AccessFilter} answers 401/403 from it before a handler runs; handlers narrow rows and fields for the
 * principal ({@link #scope}). The README's access table is generated from these declarations (a test keeps them
 * equal). Health is open and never authenticated; {@code /metrics} is open unless {@code access.metrics.public=false}.
 */
public enum Endpoint {
    LEADERBOARDS("GET", "/api/v1/leaderboards", all(), "every cohort's list summary (no entries)"),
    LEADERBOARD("GET", "/api/v1/leaderboards/{cohortId}", all(),
            "public: position, rank, name, total, tier; signed in: also the credit code. JSON and CSV"),
    ENTERPRISE_RECORD("GET", "/api/v1/enterprises/{creditCode}", EnumSet.of(ZONE_ADMIN, BANK, ENTERPRISE),
            "admin: its zones' enterprises; enterprise: itself; bank: any, financial indicator values only with consent"),
    HISTORY("GET", "/api/v1/enterprises/{creditCode}/history", EnumSet.of(ZONE_ADMIN, BANK, ENTERPRISE),
            "as the record (history holds points and ranks, no raw values)"),
    WHAT_IF("POST", "/api/v1/enterprises/{creditCode}/what-if", EnumSet.of(ZONE_ADMIN, ENTERPRISE),
            "admin: its zones' enterprises; enterprise: itself"),
    CONSENTS("GET", "/api/v1/enterprises/{creditCode}/consents", EnumSet.of(ZONE_ADMIN, ENTERPRISE),
            "the banks the enterprise lets see its financial values; admin: its zones; enterprise: itself"),
    CONSENT_GRANT("PUT", "/api/v1/enterprises/{creditCode}/consents/{bankId}", EnumSet.of(ZONE_ADMIN, ENTERPRISE),
            "grants a bank consent; as above"),
    CONSENT_REVOKE("DELETE", "/api/v1/enterprises/{creditCode}/consents/{bankId}", EnumSet.of(ZONE_ADMIN, ENTERPRISE),
            "revokes it; as above"),
    CHANGES("GET", "/api/v1/changes", EnumSet.of(ZONE_ADMIN, BANK, ENTERPRISE),
            "admin: changes of its zones' enterprises; enterprise: its own; bank: all. JSON and CSV"),
    RECENT_CHANGES("GET", "/api/v1/changes/recent", EnumSet.of(ZONE_ADMIN, BANK, ENTERPRISE), "as the change feed"),
    TIER_COUNTS("GET", "/api/v1/tiers", EnumSet.of(ZONE_ADMIN, BANK), "admin: counts of its zones' enterprises"),
    TIER_LIST("GET", "/api/v1/tiers/{cohortId}", EnumSet.of(ZONE_ADMIN, BANK), "admin: its zones' enterprises"),
    CREDIT_CANDIDATES("GET", "/api/v1/credit-candidates", EnumSet.of(ZONE_ADMIN, BANK),
            "admin: its zones' enterprises. JSON and CSV"),
    CREDIT_PROGRAMMES("GET", "/api/v1/credit-programmes", EnumSet.of(ZONE_ADMIN, BANK),
            "bank: the programmes it runs; admin: its zones' programmes; budget, rules and live totals. JSON and CSV"),
    CREDIT_ALLOCATION("GET", "/api/v1/credit-programmes/{programmeId}/allocation", EnumSet.of(ZONE_ADMIN, BANK),
            "bank: its own programmes (403 for another bank's); admin: its zones' programmes; the live credit list: "
                    + "rank, tier, total, amount — no financial values. JSON and CSV"),
    RELEASES("GET", "/api/v1/releases", EnumSet.of(ZONE_ADMIN, OPERATOR, BANK),
            "every stored release version: period, version, as-of, cut-off, model, digest (no enterprise data). JSON and CSV"),
    RELEASE_CLOSE("POST", "/api/v1/releases/{periodId}", EnumSet.of(ZONE_ADMIN, OPERATOR),
            "closes a period: computes and publishes its next version from the input topics (answers counts and digest)"),
    RELEASE("GET", "/api/v1/releases/{periodId}", EnumSet.of(ZONE_ADMIN, BANK),
            "a release: stages, statistics, top-N and tiers per cohort, changes, difference from the live ranking; "
                    + "admin of some zones: its zones' cohorts. JSON and CSV (every member)"),
    RELEASE_REPORT("GET", "/api/v1/releases/{periodId}/report", EnumSet.of(ZONE_ADMIN, BANK),
            "the release as a printable PDF report with charts; as the release"),
    SHADOW_DIFFS("GET", "/api/v1/shadow-diffs", EnumSet.of(ZONE_ADMIN),
            "admin of every zone: all cohorts; of some zones: those zones' cohorts"),
    REJECTED("GET", "/api/v1/rejected", EnumSet.of(ZONE_ADMIN, OPERATOR), "the sink's own dead letters (undecodable records)"),
    INGEST_REJECTIONS("GET", "/api/v1/ingest-rejections", EnumSet.of(ZONE_ADMIN, OPERATOR),
            "ingest's dead letters: provider, type, reason, field errors, time; never the original payload. JSON and CSV"),
    STREAM_DEAD_LETTERS("GET", "/api/v1/stream-dead-letters", EnumSet.of(ZONE_ADMIN, OPERATOR),
            "scoring-stream's dead letters: the input record's topic/partition/offset, type, reason, time; never the "
                    + "original bytes. JSON and CSV"),
    LAG("GET", "/api/v1/lag", EnumSet.of(ZONE_ADMIN, OPERATOR), "consumer lag of every group"),
    STREAM("GET", "/api/v1/stream", all(),
            "SSE, filtered per subscriber: `leaderboard` events as the leaderboard route; `ranking-change` events as "
                    + "the change feed (admin: its zones' enterprises in every cohort; public and operator: none). EventSource cannot send "
                    + "headers: the token may come as `?access_token=`"),
    MODELS("GET", "/api/v1/models", all(), "scoring models (names, weights; no enterprise data)"),
    ME("GET", "/api/v1/me", all(), "the caller's role and scope (the dashboard's sign-in)"),
    OPENAPI("GET", "/openapi.json", all(), "the API description"),
    METRICS("GET", "/metrics", EnumSet.of(ZONE_ADMIN, OPERATOR), "Prometheus; everyone when `access.metrics.public=true`"),
    HEALTH_LIVE("GET", "/health/live", all(), "never authenticated"),
    HEALTH_READY("GET", "/health/ready", all(), "never authenticated"),
    DASHBOARD("GET", "/*", all(), "the dashboard's static files (HTML, CSS, JavaScript; no data)");

    private final String method;
    private final String path;
    private final Set<Role> roles;
    private final String scope;

    Endpoint(String method, String path, Set<Role> roles, String scope) {
        this.method = method;
        this.path = path;
        this.roles = Set.copyOf(roles);
        this.scope = scope;
    }

    private static Set<Role> all() {
        return EnumSet.allOf(Role.class);
    }

    public String method() {
        return method;
    }

    /** The path in Javalin syntax. */
    public String path() {
        return path;
    }

    /** The roles allowed by the declaration (see {@link AccessPolicy} for the configured exceptions). */
    public Set<Role> roles() {
        return roles;
    }

    /** What each allowed role sees, one line. */
    public String scope() {
        return scope;
    }

    /** Whether no token is ever needed. */
    public boolean open() {
        return roles.contains(PUBLIC);
    }

    /** Health answers without looking at a token (probes carry none, and a bad one must not fail them). */
    public boolean unauthenticated() {
        return this == HEALTH_LIVE || this == HEALTH_READY;
    }

    /**
     * The endpoint of a matched route; a GET outside {@code /api/} that is no declared route is a static file of the
     * dashboard. An undeclared API route has none (the filter refuses it).
     */
    public static Optional<Endpoint> find(String method, String matchedPath, String requestPath) {
        Optional<Endpoint> declared = Arrays.stream(values())
                .filter(e -> e != DASHBOARD && e.method.equalsIgnoreCase(method) && e.path.equals(matchedPath))
                .findFirst();
        if (declared.isEmpty() && ("GET".equalsIgnoreCase(method) || "HEAD".equalsIgnoreCase(method))
                && !requestPath.startsWith("/api/")) {
            return Optional.of(DASHBOARD);
        }
        return declared;
    }
}
