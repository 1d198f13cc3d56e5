package io.innopoints.sink.access;

import io.innopoints.sink.json.SinkJson;
import static io.innopoints.sink.testing.Fixtures.code;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.innopoints.schemas.http.ProblemType;
import io.innopoints.schemas.score.ChangeKind;
import io.innopoints.schemas.score.CohortRank;
import io.innopoints.schemas.score.DimensionScore;
import io.innopoints.schemas.score.EnterpriseScore;
import io.innopoints.schemas.score.IndicatorScore;
import io.innopoints.schemas.score.ModelShadowDiff;
import io.innopoints.schemas.score.RankingChange;
import io.innopoints.schemas.score.RankingChangeKind;
import io.innopoints.schemas.score.ShadowChange;
import io.innopoints.schemas.score.ShadowDiffEntry;
import io.innopoints.schemas.release.PeriodRelease;
import io.innopoints.sink.store.Database;
import io.innopoints.sink.store.ReleaseStore;
import io.innopoints.sink.testing.ReleaseEvents;
import io.innopoints.sink.store.Materializer;
import io.innopoints.sink.store.SinkRecord;
import io.innopoints.sink.testing.Fixtures;
import io.innopoints.sink.testing.Problems;
import io.innopoints.sink.testing.TestAccess;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * Every route × every role over HTTP on a materialized database: the status, and for data routes that confidential
 * fields are absent where they must be. The expected statuses are written out here, independently of
 * {@link Endpoint}'s declarations, and the matrix must cover every declared endpoint.
 */
@Timeout(120)
abstract class AccessContract {
    static final ObjectMapper JSON = SinkJson.mapper();
    static final String MODEL_VERSION = "2024.1-example";
    static final String STAGE = "opportunity-growth";
    static final String ZONE_A = "zone:ZONE-A:" + STAGE;
    static final String ZONE_B = "zone:ZONE-B:" + STAGE;
    /** Raw revenue of enterprise 1 (ZONE-A) and 4 (ZONE-B): distinctive numbers that must not leak. */
    static final String REVENUE_1 = "73519.25";
    static final String REVENUE_4 = "84620.75";
    /** The original body of a tax filing ingest rejected: enterprise 4's credit code and revenue. */
    static final String REJECTED_FILING = "{\"creditCode\":\"" + code(4) + "\",\"revenue\":" + REVENUE_4 + "}";

    static final int OK = 200;
    static final int CREATED = 201;
    static final int BAD_REQUEST = 400;
    static final int UNAUTHORIZED = 401;
    static final int FORBIDDEN = 403;
    static final int NOT_FOUND = 404;

    Database db;
    Javalin app;
    final HttpClient http = HttpClient.newHttpClient();
    long offset;

    abstract Database newDatabase();

    abstract void dispose(Database database);

    @BeforeEach
    void start() throws Exception {
        db = newDatabase();
        // Given enterprises 1-3 in ZONE-A and 4 in ZONE-B with revenue (confidential) and patents, changes in both
        // zones, a leaderboard, a shadow diff and ingest's dead letter of a tax filing; /metrics protected
        apply(score(1, 90, "ZONE-A", Double.parseDouble(REVENUE_1)), score(2, 70, "ZONE-A", 100.0),
                score(3, 50, "ZONE-A", 200.0), score(4, 80, "ZONE-B", Double.parseDouble(REVENUE_4)),
                change("c-1", 1, ZONE_A), change("c-2", 2, ZONE_A), change("c-4", 4, ZONE_B),
                Fixtures.leaderboard(ZONE_A, 1, 1, 2, 3), shadowDiff(ZONE_A), shadowDiff(ZONE_B),
                Fixtures.deadLetter("tax-bureau", "tax-filings", 1, REJECTED_FILING, "revenueFen"));
        // and two versions of the 2024-annual release (enterprises 1-3 of ZONE-A)
        for (PeriodRelease r : ReleaseEvents.twoVersions()) {
            new ReleaseStore(db.dataSource()).store(r, Fixtures.T0);
        }
        app = TestAccess.app(db.dataSource(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), false).start(0);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop();
        }
        if (db != null) {
            dispose(db);
        }
    }

    /** One request of the matrix and the status each role must get. */
    record Call(Endpoint endpoint, String method, String path, int admin, int operator, int bank, int enterprise,
                int anonymous) {
        int expected(Role role) {
            return switch (role) {
                case ZONE_ADMIN -> admin;
                case OPERATOR -> operator;
                case BANK -> bank;
                case ENTERPRISE -> enterprise;
                case PUBLIC -> anonymous;
            };
        }
    }

    static List<Call> calls() {
        String e1 = "/api/v1/enterprises/" + code(1);
        return List.of(
                //                                                                 admin      operator   bank       enterprise public
                new Call(Endpoint.LEADERBOARDS, "GET", "/api/v1/leaderboards", OK, OK, OK, OK, OK),
                new Call(Endpoint.LEADERBOARD, "GET", "/api/v1/leaderboards/" + enc(ZONE_A), OK, OK, OK, OK, OK),
                new Call(Endpoint.LEADERBOARD, "GET", "/api/v1/leaderboards/" + enc(ZONE_A) + "?format=csv", OK, OK, OK, OK, OK),
                new Call(Endpoint.ENTERPRISE_RECORD, "GET", e1, OK, FORBIDDEN, OK, OK, UNAUTHORIZED),
                new Call(Endpoint.ENTERPRISE_RECORD, "GET", "/api/v1/enterprises/" + code(4), OK, FORBIDDEN, OK, FORBIDDEN, UNAUTHORIZED),
                new Call(Endpoint.HISTORY, "GET", e1 + "/history", OK, FORBIDDEN, OK, OK, UNAUTHORIZED),
                new Call(Endpoint.HISTORY, "GET", "/api/v1/enterprises/" + code(4) + "/history?format=csv", OK, FORBIDDEN, OK, FORBIDDEN, UNAUTHORIZED),
                new Call(Endpoint.WHAT_IF, "POST", e1 + "/what-if", OK, FORBIDDEN, FORBIDDEN, OK, UNAUTHORIZED),
                new Call(Endpoint.CONSENTS, "GET", e1 + "/consents", OK, FORBIDDEN, FORBIDDEN, OK, UNAUTHORIZED),
                new Call(Endpoint.CONSENT_GRANT, "PUT", e1 + "/consents/bank-of-{role}", CREATED, FORBIDDEN, FORBIDDEN, CREATED, UNAUTHORIZED),
                new Call(Endpoint.CONSENT_REVOKE, "DELETE", e1 + "/consents/bank-none", NOT_FOUND, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Call(Endpoint.CHANGES, "GET", "/api/v1/changes", OK, FORBIDDEN, OK, OK, UNAUTHORIZED),
                new Call(Endpoint.CHANGES, "GET", "/api/v1/changes?format=csv", OK, FORBIDDEN, OK, OK, UNAUTHORIZED),
                new Call(Endpoint.RECENT_CHANGES, "GET", "/api/v1/changes/recent", OK, FORBIDDEN, OK, OK, UNAUTHORIZED),
                new Call(Endpoint.TIER_COUNTS, "GET", "/api/v1/tiers", OK, FORBIDDEN, OK, FORBIDDEN, UNAUTHORIZED),
                new Call(Endpoint.TIER_LIST, "GET", "/api/v1/tiers/" + enc(ZONE_A), OK, FORBIDDEN, OK, FORBIDDEN, UNAUTHORIZED),
                new Call(Endpoint.CREDIT_CANDIDATES, "GET", "/api/v1/credit-candidates?format=csv", OK, FORBIDDEN, OK, FORBIDDEN, UNAUTHORIZED),
                new Call(Endpoint.CREDIT_PROGRAMMES, "GET", "/api/v1/credit-programmes", OK, FORBIDDEN, OK, FORBIDDEN, UNAUTHORIZED),
                new Call(Endpoint.CREDIT_PROGRAMMES, "GET", "/api/v1/credit-programmes?format=csv", OK, FORBIDDEN, OK, FORBIDDEN, UNAUTHORIZED),
                new Call(Endpoint.CREDIT_ALLOCATION, "GET", "/api/v1/credit-programmes/pilot-a/allocation", OK, FORBIDDEN, OK, FORBIDDEN, UNAUTHORIZED),
                new Call(Endpoint.CREDIT_ALLOCATION, "GET", "/api/v1/credit-programmes/pilot-a/allocation?format=csv", OK, FORBIDDEN, OK, FORBIDDEN, UNAUTHORIZED),
                new Call(Endpoint.CREDIT_ALLOCATION, "GET", "/api/v1/credit-programmes/pilot-a/allocation?release=2024-annual", OK, FORBIDDEN, OK, FORBIDDEN, UNAUTHORIZED),
                new Call(Endpoint.CREDIT_ALLOCATION, "GET", "/api/v1/credit-programmes/other-b/allocation?release=1999-annual", NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHORIZED),
                new Call(Endpoint.CREDIT_ALLOCATION, "GET", "/api/v1/credit-programmes/other-b/allocation", OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHORIZED),
                new Call(Endpoint.CREDIT_ALLOCATION, "GET", "/api/v1/credit-programmes/nope/allocation", NOT_FOUND, FORBIDDEN, NOT_FOUND, FORBIDDEN, UNAUTHORIZED),
                new Call(Endpoint.RELEASES, "GET", "/api/v1/releases", OK, OK, OK, FORBIDDEN, UNAUTHORIZED),
                new Call(Endpoint.RELEASES, "GET", "/api/v1/releases?format=csv", OK, OK, OK, FORBIDDEN, UNAUTHORIZED),
                // the access filter admits admins and operators; the empty body is then refused naming asOf
                new Call(Endpoint.RELEASE_CLOSE, "POST", "/api/v1/releases/2025-annual", BAD_REQUEST, BAD_REQUEST, FORBIDDEN, FORBIDDEN, UNAUTHORIZED),
                new Call(Endpoint.RELEASE, "GET", "/api/v1/releases/2024-annual", OK, FORBIDDEN, OK, FORBIDDEN, UNAUTHORIZED),
                new Call(Endpoint.RELEASE, "GET", "/api/v1/releases/2024-annual?version=1&format=csv", OK, FORBIDDEN, OK, FORBIDDEN, UNAUTHORIZED),
                new Call(Endpoint.RELEASE, "GET", "/api/v1/releases/1999-annual", NOT_FOUND, FORBIDDEN, NOT_FOUND, FORBIDDEN, UNAUTHORIZED),
                new Call(Endpoint.RELEASE_REPORT, "GET", "/api/v1/releases/2024-annual/report", OK, FORBIDDEN, OK, FORBIDDEN, UNAUTHORIZED),
                new Call(Endpoint.SHADOW_DIFFS, "GET", "/api/v1/shadow-diffs", OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHORIZED),
                new Call(Endpoint.REJECTED, "GET", "/api/v1/rejected", OK, OK, FORBIDDEN, FORBIDDEN, UNAUTHORIZED),
                new Call(Endpoint.INGEST_REJECTIONS, "GET", "/api/v1/ingest-rejections", OK, OK, FORBIDDEN, FORBIDDEN, UNAUTHORIZED),
                new Call(Endpoint.INGEST_REJECTIONS, "GET", "/api/v1/ingest-rejections?format=csv&provider=tax-bureau", OK, OK, FORBIDDEN, FORBIDDEN, UNAUTHORIZED),
                new Call(Endpoint.STREAM_DEAD_LETTERS, "GET", "/api/v1/stream-dead-letters", OK, OK, FORBIDDEN, FORBIDDEN, UNAUTHORIZED),
                new Call(Endpoint.STREAM_DEAD_LETTERS, "GET", "/api/v1/stream-dead-letters?format=csv&type=patents", OK, OK, FORBIDDEN, FORBIDDEN, UNAUTHORIZED),
                new Call(Endpoint.LAG, "GET", "/api/v1/lag", OK, OK, FORBIDDEN, FORBIDDEN, UNAUTHORIZED),
                new Call(Endpoint.STREAM, "GET", "/api/v1/stream", OK, OK, OK, OK, OK),
                new Call(Endpoint.MODELS, "GET", "/api/v1/models", OK, OK, OK, OK, OK),
                new Call(Endpoint.ME, "GET", "/api/v1/me", OK, OK, OK, OK, OK),
                new Call(Endpoint.OPENAPI, "GET", "/openapi.json", OK, OK, OK, OK, OK),
                new Call(Endpoint.METRICS, "GET", "/metrics", OK, OK, FORBIDDEN, FORBIDDEN, UNAUTHORIZED),
                new Call(Endpoint.HEALTH_LIVE, "GET", "/health/live", OK, OK, OK, OK, OK),
                new Call(Endpoint.HEALTH_READY, "GET", "/health/ready", OK, OK, OK, OK, OK),
                new Call(Endpoint.DASHBOARD, "GET", "/", OK, OK, OK, OK, OK),
                new Call(Endpoint.DASHBOARD, "GET", "/js/app.js", OK, OK, OK, OK, OK));
    }

    @Test
    void shouldCoverEveryDeclaredEndpointInTheMatrix() {
        Set<Endpoint> covered = EnumSet.noneOf(Endpoint.class);
        calls().forEach(c -> covered.add(c.endpoint()));

        assertThat(covered).containsExactlyInAnyOrder(Endpoint.values());
    }

    @TestFactory
    Stream<DynamicTest> shouldAnswerEveryRouteForEveryRoleWithTheDeclaredStatusAndNoConfidentialField() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Call call : calls()) {
            for (Role role : Role.values()) {
                // {role}: each role grants its own consent, so every PUT is a new grant (the routes share one database)
                String path = call.path().replace("{role}", role.id());
                tests.add(DynamicTest.dynamicTest(role.id() + " " + call.method() + " " + path, () -> {
                    HttpResponse<String> r = call.endpoint() == Endpoint.STREAM
                            ? streamStatus(path, TestAccess.token(role))
                            : send(call.method(), path, TestAccess.token(role));

                    assertThat(r.statusCode()).as("%s %s as %s: %s", call.method(), path, role.id(), r.body())
                            .isEqualTo(call.expected(role));
                    if (r.statusCode() == UNAUTHORIZED || r.statusCode() == FORBIDDEN) {
                        assertRefusal(r);
                    }
                    assertNoConfidentialField(role, withoutEchoedPath(r.body(), path));
                }));
            }
        }
        return tests.stream();
    }

    /** What each role may never read, whatever the route: other enterprises' raw financial values. */
    static void assertNoConfidentialField(Role role, String body) {
        switch (role) {
            case OPERATOR, BANK, PUBLIC -> assertThat(body).doesNotContain(REVENUE_1, REVENUE_4);
            case ENTERPRISE -> assertThat(body).doesNotContain(REVENUE_4);
            default -> { }
        }
        if (role == Role.PUBLIC || role == Role.OPERATOR) {
            assertThat(body).as("no credit codes for %s", role.id()).doesNotContain(code(2), code(3), code(4));
        }
    }

    /**
     * A problem document's body without its {@code instance}, after checking that it is exactly the requested path:
     * echoing the caller's own request (which may hold a credit code it typed) discloses nothing.
     */
    static String withoutEchoedPath(String body, String path) throws Exception {
        if (!body.startsWith("{")) {
            return body;
        }
        JsonNode node = JSON.readTree(body);
        if (!node.isObject() || !node.has("instance")) {
            return body;
        }
        assertThat(node.get("instance").asText()).isEqualTo(path.contains("?") ? path.substring(0, path.indexOf('?')) : path);
        ((com.fasterxml.jackson.databind.node.ObjectNode) node).remove("instance");
        return node.toString();
    }

    static void assertRefusal(HttpResponse<String> r) throws Exception {
        Problems.assertProblem(r.statusCode(), r.headers(), r.body(),
                r.statusCode() == UNAUTHORIZED ? ProblemType.UNAUTHORIZED : ProblemType.FORBIDDEN);
        if (r.statusCode() == UNAUTHORIZED) {
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        }
    }

    @Test
    void shouldRedactFinancialValuesForABankUntilTheEnterpriseConsents() throws Exception {
        JsonNode before = JSON.readTree(send("GET", "/api/v1/enterprises/" + code(1), TestAccess.BANK).body());
        assertThat(indicator(before, "revenue").has("value")).isFalse();
        assertThat(indicator(before, "revenue").get(FinancialRedactor.REDACTED).asBoolean()).isTrue();
        assertThat(indicator(before, "revenue").get("points").asDouble()).isEqualTo(3.0);
        assertThat(indicator(before, "invention-patents").get("value").asDouble()).isEqualTo(4.0);

        // When the enterprise grants the bank consent
        HttpResponse<String> grant = send("PUT", "/api/v1/enterprises/" + code(1) + "/consents/" + TestAccess.BANK_ID,
                TestAccess.ENTERPRISE);
        assertThat(grant.statusCode()).isEqualTo(CREATED);

        // Then the bank sees the value, of that enterprise only
        JsonNode after = JSON.readTree(send("GET", "/api/v1/enterprises/" + code(1), TestAccess.BANK).body());
        assertThat(indicator(after, "revenue").get("value").asText()).isEqualTo(REVENUE_1);
        assertThat(send("GET", "/api/v1/enterprises/" + code(4), TestAccess.BANK).body()).doesNotContain(REVENUE_4);
        JsonNode consents = JSON.readTree(send("GET", "/api/v1/enterprises/" + code(1) + "/consents", TestAccess.ADMIN).body());
        assertThat(consents).extracting(c -> c.get("bankId").asText()).containsExactly(TestAccess.BANK_ID);

        // And after revoking it, no longer
        assertThat(send("DELETE", "/api/v1/enterprises/" + code(1) + "/consents/" + TestAccess.BANK_ID, TestAccess.ENTERPRISE)
                .statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/v1/enterprises/" + code(1), TestAccess.BANK).body()).doesNotContain(REVENUE_1);
    }

    @Test
    void shouldShowIngestRejectionsToOperatorsAndAdminsWithoutTheOriginalPayload() throws Exception {
        for (String token : List.of(TestAccess.OPERATOR, TestAccess.ADMIN)) {
            HttpResponse<String> r = send("GET", "/api/v1/ingest-rejections?provider=tax-bureau&field=revenueFen", token);

            assertThat(r.statusCode()).isEqualTo(OK);
            JsonNode rows = JSON.readTree(r.body());
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).get("eventType").asText()).isEqualTo("tax-filings");
            assertThat(rows.get(0).get("errors").get(0).get("field").asText()).isEqualTo("revenueFen");
            assertThat(rows.get(0).get("originalSize").asInt()).isEqualTo(REJECTED_FILING.length());
            assertThat(r.body()).doesNotContain(REVENUE_4, code(4)).doesNotContain("originalValue");
        }
    }

    @Test
    void shouldShowZoneAdminsAndTheEnterpriseAllTheirValues() throws Exception {
        JsonNode admin = JSON.readTree(send("GET", "/api/v1/enterprises/" + code(1), TestAccess.ADMIN).body());
        JsonNode own = JSON.readTree(send("GET", "/api/v1/enterprises/" + code(1), TestAccess.ENTERPRISE).body());

        assertThat(indicator(admin, "revenue").get("value").asText()).isEqualTo(REVENUE_1);
        assertThat(indicator(own, "revenue").get("value").asText()).isEqualTo(REVENUE_1);
        assertThat(indicator(own, "revenue").has(FinancialRedactor.REDACTED)).isFalse();
    }

    @Test
    void shouldLimitAZoneAdminToItsZones() throws Exception {
        String b = TestAccess.ZONE_B_ADMIN;

        assertThat(send("GET", "/api/v1/enterprises/" + code(1), b).statusCode()).isEqualTo(FORBIDDEN);
        assertThat(send("POST", "/api/v1/enterprises/" + code(1) + "/what-if", b).statusCode()).isEqualTo(FORBIDDEN);
        assertThat(send("PUT", "/api/v1/enterprises/" + code(1) + "/consents/x", b).statusCode()).isEqualTo(FORBIDDEN);
        assertThat(send("GET", "/api/v1/enterprises/" + code(4), b).statusCode()).isEqualTo(OK);
        assertThat(JSON.readTree(send("GET", "/api/v1/changes", b).body()))
                .extracting(c -> c.get("creditCode").asText()).containsExactly(code(4));
        assertThat(JSON.readTree(send("GET", "/api/v1/changes/recent", b).body()))
                .extracting(c -> c.get("creditCode").asText()).containsExactly(code(4));
        assertThat(JSON.readTree(send("GET", "/api/v1/tiers/" + enc(ZONE_A), b).body())).isEmpty();
        assertThat(JSON.readTree(send("GET", "/api/v1/credit-candidates", b).body()))
                .extracting(c -> c.get("zone").asText()).containsOnly("ZONE-B");
        assertThat(JSON.readTree(send("GET", "/api/v1/tiers", b).body()))
                .extracting(c -> c.get("cohortId").asText()).doesNotContain(ZONE_A);
        assertThat(JSON.readTree(send("GET", "/api/v1/shadow-diffs", b).body()))
                .extracting(c -> c.get("cohortId").asText()).containsExactly(ZONE_B);
        // a release of ZONE-A's enterprises: no cohort, no change of theirs (nation cohorts span every zone)
        HttpResponse<String> release = send("GET", "/api/v1/releases/2024-annual", b);
        assertThat(JSON.readTree(release.body()).get("cohorts")).isEmpty();
        assertThat(JSON.readTree(release.body()).get("changes")).isEmpty();
        assertThat(release.body()).doesNotContain(code(1), code(2));
        assertThat(send("GET", "/api/v1/releases/2024-annual", TestAccess.ADMIN).body()).contains(code(1), code(2));
    }

    @Test
    void shouldServeABankItsOwnCreditProgrammeFromTheLiveRankingWithoutFinancialValues() throws Exception {
        // Given programme pilot-a of the test bank over ZONE-A (enterprises 1-3, totals 90, 70, 50), other-b of another bank
        JsonNode programmes = JSON.readTree(send("GET", "/api/v1/credit-programmes", TestAccess.BANK).body());
        assertThat(programmes).extracting(p -> p.get("id").asText()).containsExactly("pilot-a");

        // When the bank reads its allocation
        HttpResponse<String> r = send("GET", "/api/v1/credit-programmes/pilot-a/allocation", TestAccess.BANK);

        // Then the zone's enterprises by live rank, the whole budget in 10,000-yuan amounts, no indicator value
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("entries")).extracting(e -> e.get("creditCode").asText())
                .containsExactly(code(1), code(2), code(3));
        assertThat(body.get("entries")).extracting(e -> e.get("liveRank").asInt()).containsExactly(1, 2, 3);
        long sum = 0;
        for (JsonNode e : body.get("entries")) {
            assertThat(e.get("amountYuan").asLong() % 10_000).isZero();
            assertThat(e.has("indicators")).isFalse();
            sum += e.get("amountYuan").asLong();
        }
        assertThat(sum).isEqualTo(1_000_000).isEqualTo(body.get("programme").get("allocatedYuan").asLong());
        assertThat(body.get("programme").get("unallocatedYuan").asLong()).isZero();
        assertThat(r.body()).doesNotContain(REVENUE_1, "revenue");

        // And the CSV holds the same entries
        String csv = send("GET", "/api/v1/credit-programmes/pilot-a/allocation?format=csv", TestAccess.BANK).body();
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo(
                "position,creditCode,name,stage,cohortId,liveRank,cohortSize,percentile,tier,total,amountYuan");
        assertThat(csv.lines().count()).isEqualTo(4);
    }

    @Test
    void shouldLimitAZoneAdminToTheCreditProgrammesOfItsZones() throws Exception {
        String b = TestAccess.ZONE_B_ADMIN;

        assertThat(JSON.readTree(send("GET", "/api/v1/credit-programmes", b).body()))
                .extracting(p -> p.get("id").asText()).containsExactly("other-b");
        HttpResponse<String> refused = send("GET", "/api/v1/credit-programmes/pilot-a/allocation", b);
        assertThat(refused.statusCode()).isEqualTo(FORBIDDEN);
        assertRefusal(refused);
        JsonNode own = JSON.readTree(send("GET", "/api/v1/credit-programmes/other-b/allocation", b).body());
        assertThat(own.get("entries")).extracting(e -> e.get("creditCode").asText()).containsExactly(code(4));
        assertThat(own.get("entries").get(0).get("amountYuan").asLong()).isEqualTo(500_000);
        assertThat(own.get("programme").get("unallocatedYuan").asLong()).isEqualTo(1_500_000);
    }

    @Test
    void shouldLimitAnEnterpriseToItself() throws Exception {
        String e = TestAccess.ENTERPRISE;

        assertThat(JSON.readTree(send("GET", "/api/v1/changes", e).body()))
                .extracting(c -> c.get("creditCode").asText()).containsOnly(code(1));
        assertThat(JSON.readTree(send("GET", "/api/v1/changes?enterprise=" + code(2), e).body())).isEmpty();
        assertThat(send("GET", "/api/v1/enterprises/" + code(2) + "/history", e).statusCode()).isEqualTo(FORBIDDEN);
        assertThat(send("POST", "/api/v1/enterprises/" + code(2) + "/what-if", e).statusCode()).isEqualTo(FORBIDDEN);
        assertThat(send("GET", "/api/v1/enterprises/" + code(2) + "/consents", e).statusCode()).isEqualTo(FORBIDDEN);
    }

    @Test
    void shouldGiveThePublicLeaderboardEntriesWithoutCreditCodes() throws Exception {
        JsonNode board = JSON.readTree(send("GET", "/api/v1/leaderboards/" + enc(ZONE_A), null).body());
        String csv = send("GET", "/api/v1/leaderboards/" + enc(ZONE_A) + "?format=csv", null).body();
        JsonNode signedIn = JSON.readTree(send("GET", "/api/v1/leaderboards/" + enc(ZONE_A), TestAccess.BANK).body());

        assertThat(board.get("entries").get(0).fieldNames()).toIterable()
                .containsExactly("position", "rank", "name", "total", "tier");
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo("position,rank,name,total,tier");
        assertThat(signedIn.get("entries").get(0).get("creditCode").asText()).isEqualTo(code(1));
    }

    @Test
    void shouldRefuseAnInvalidTokenEvenWherePublicMayRead() throws Exception {
        HttpResponse<String> unknown = send("GET", "/api/v1/leaderboards", "not-a-configured-token");
        HttpResponse<String> health = send("GET", "/health/live", "not-a-configured-token");

        assertThat(unknown.statusCode()).isEqualTo(UNAUTHORIZED);
        assertRefusal(unknown);
        assertThat(health.statusCode()).isEqualTo(OK);
    }

    @Test
    void shouldTellTheCallerItsRole() throws Exception {
        JsonNode bank = JSON.readTree(send("GET", "/api/v1/me", TestAccess.BANK).body());
        JsonNode anonymous = JSON.readTree(send("GET", "/api/v1/me", null).body());

        assertThat(bank.get("role").asText()).isEqualTo("bank");
        assertThat(bank.get("bank").asText()).isEqualTo(TestAccess.BANK_ID);
        assertThat(anonymous.get("role").asText()).isEqualTo("public");
    }

    @Test
    void shouldAcceptTheTokenAsAQueryParameterOnTheStreamOnly() throws Exception {
        HttpResponse<String> stream = streamStatus("/api/v1/stream?access_token=bad", null);
        HttpResponse<String> lag = send("GET", "/api/v1/lag?access_token=" + TestAccess.OPERATOR, null);

        assertThat(stream.statusCode()).isEqualTo(UNAUTHORIZED);
        assertThat(lag.statusCode()).isEqualTo(UNAUTHORIZED);
    }

    static JsonNode indicator(JsonNode enterprise, String id) {
        for (JsonNode i : enterprise.get("indicators")) {
            if (i.get("indicatorId").asText().equals(id)) {
                return i;
            }
        }
        throw new AssertionError("no indicator " + id + " in " + enterprise);
    }

    HttpResponse<String> send(String method, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path));
        if (token != null) {
            b.headers(TestAccess.bearer(token));
        }
        if (method.equals("POST")) {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The SSE route's status (and the body of a refusal) without waiting for the endless stream. */
    HttpResponse<String> streamStatus(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .header("Accept", "text/event-stream");
        if (token != null) {
            b.headers(TestAccess.bearer(token));
        }
        HttpResponse<java.io.InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        String body = "";
        if (r.statusCode() != OK) {
            body = new String(r.body().readAllBytes(), StandardCharsets.UTF_8);
        }
        r.body().close();
        return new TextResponse(r, body);
    }

    /** A response whose body was read separately. */
    record TextResponse(HttpResponse<java.io.InputStream> raw, String body) implements HttpResponse<String> {
        public int statusCode() {
            return raw.statusCode();
        }

        public HttpRequest request() {
            return raw.request();
        }

        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        public java.net.http.HttpHeaders headers() {
            return raw.headers();
        }

        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return raw.sslSession();
        }

        public URI uri() {
            return raw.uri();
        }

        public HttpClient.Version version() {
            return raw.version();
        }
    }

    void apply(SpecificRecord... values) throws Exception {
        List<SinkRecord> batch = new ArrayList<>();
        for (SpecificRecord v : values) {
            batch.add(SinkRecord.decoded("t", 0, offset++, 0, v));
        }
        new Materializer(db.dataSource()).apply("g", batch);
    }

    static EnterpriseScore score(int n, double total, String zone, double revenue) {
        String cohort = "zone:" + zone + ":" + STAGE;
        List<CohortRank> ranks = List.of(
                CohortRank.newBuilder().setScope("zone").setCohortId(cohort).setRank(n).setCohortSize(4)
                        .setPercentile(50.0).setTier("A").build(),
                CohortRank.newBuilder().setScope("nation").setCohortId("nation:CN:" + STAGE).setRank(n)
                        .setCohortSize(4).setPercentile(50.0).setTier("A").build());
        return EnterpriseScore.newBuilder().setCreditCode(code(n)).setName("Enterprise " + n).setZone(zone)
                .setIndustry("C39").setModelId("zone-20n").setModelVersion(MODEL_VERSION).setAsOf(Fixtures.T0)
                .setRevision(1).setStage(STAGE).setRanked(true).setTotal(total)
                .setDimensions(List.of(DimensionScore.newBuilder().setDimensionId("tech").setPoints(total - 3).build(),
                        DimensionScore.newBuilder().setDimensionId("growth").setPoints(3.0).build()))
                .setIndicators(List.of(
                        IndicatorScore.newBuilder().setIndicatorId("invention-patents").setDimensionId("tech")
                                .setValue(4.0).setUnit("items").setPoints(total - 3).build(),
                        IndicatorScore.newBuilder().setIndicatorId("revenue").setDimensionId("growth")
                                .setValue(revenue).setUnit("10k CNY").setPoints(3.0).build()))
                .setRanks(ranks).setExplanation(Fixtures.explanation(ChangeKind.DATA, null, "evt-" + n)).build();
    }

    static RankingChange change(String id, int n, String cohort) {
        RankingChange c = Fixtures.change(id, n, RankingChangeKind.MOVED, 3, 2, 10);
        c.setCohortId(cohort);
        c.setStage(STAGE);
        return c;
    }

    static ModelShadowDiff shadowDiff(String cohortId) {
        return ModelShadowDiff.newBuilder().setCohortId(cohortId).setOfficialModel("zone-20n:" + MODEL_VERSION)
                .setCandidateModel("zone-20n:2").setAsOf(Fixtures.T0).setCohortSize(4)
                .setEntries(List.of(ShadowDiffEntry.newBuilder().setCreditCode(code(3)).setChange(ShadowChange.ENTERS_TOP_N)
                        .setOfficialRank(5).setCandidateRank(3).setOfficialTotal(40.0).setCandidateTotal(44.0)
                        .setOfficialTier("B").setCandidateTier("B").build()))
                .build();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
