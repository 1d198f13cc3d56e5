package io.innopoints.sink.http;

import io.innopoints.sink.json.SinkJson;
import static io.innopoints.sink.testing.Fixtures.change;
import static io.innopoints.sink.testing.Fixtures.code;
import static io.innopoints.sink.testing.Fixtures.leaderboard;
import static io.innopoints.sink.testing.Fixtures.score;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.innopoints.schemas.http.ProblemType;
import io.innopoints.schemas.score.ModelShadowDiff;
import io.innopoints.schemas.score.RankingChangeKind;
import io.innopoints.schemas.score.ShadowChange;
import io.innopoints.schemas.score.ShadowDiffEntry;
import io.innopoints.sink.lag.LagReport;
import io.innopoints.sink.store.AppliedBatch;
import io.innopoints.sink.store.Database;
import io.innopoints.sink.store.Materializer;
import io.innopoints.sink.store.SinkRecord;
import io.innopoints.sink.testing.Fixtures;
import io.innopoints.sink.testing.Problems;
import io.innopoints.sink.testing.TestAccess;
import io.javalin.Javalin;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The read API over a materialized database, run against every supported database by a subclass per database. */
@Timeout(60)
abstract class ReadApiContract {
    static final String ZONE_GROWTH = "zone:ZONE-A:growth";
    static final ObjectMapper JSON = SinkJson.mapper();

    Database db;
    Materializer materializer;
    LiveFeed feed;
    Javalin app;
    HttpClient http = HttpClient.newHttpClient();
    final AtomicReference<ReadApi.Health> health = new AtomicReference<>(new ReadApi.Health(true, Map.of("db", "UP")));
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    long nextOffset;

    abstract Database newDatabase();

    abstract void dispose(Database database);

    @BeforeEach
    void start() throws Exception {
        db = newDatabase();
        materializer = new Materializer(db.dataSource());
        feed = new LiveFeed();
        app = TestAccess.app(db.dataSource(), feed, LagReport::empty, health::get, metrics).start(0);
        // Given three growth-stage enterprises in ZONE-A (totals 90 > 70 > 50) and one in ZONE-B, two changes, a leaderboard
        apply(score(1, 1, 90, 1, "A"), score(2, 1, 70, 2, "A"), score(3, 1, 50, 3, "B"),
                score(4, 1, 80, "ZONE-B", "growth", "I65", 1, "A"),
                change("c-1", 2, RankingChangeKind.MOVED, 3, 2, 10), change("c-2", 3, RankingChangeKind.JOINED, null, 3, 20),
                leaderboard(ZONE_GROWTH, 1, 1, 2, 3));
    }

    @AfterEach
    void stop() {
        // start() may have been aborted (no PostgreSQL here): the skip must not turn into an error
        if (app != null) {
            app.stop();
        }
        if (db != null) {
            dispose(db);
        }
    }

    AppliedBatch apply(SpecificRecord... values) throws Exception {
        List<SinkRecord> batch = new ArrayList<>();
        for (SpecificRecord v : values) {
            batch.add(SinkRecord.decoded("t", 0, nextOffset++, 0, v));
        }
        return materializer.apply("g", batch);
    }

    /** As the admin of every zone: these tests are about the routes; access has its own test. */
    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .headers(TestAccess.bearer(TestAccess.ADMIN));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void shouldServeLeaderboardLimitedToTopRanks() throws Exception {
        JsonNode board = json("/api/v1/leaderboards/" + enc(ZONE_GROWTH) + "?top=2");

        assertThat(board.get("revision").asLong()).isEqualTo(1);
        assertThat(board.get("entries")).extracting(e -> e.get("creditCode").asText()).containsExactly(code(1), code(2));
        assertThat(json("/api/v1/leaderboards")).extracting(b -> b.get("cohortId").asText()).containsExactly(ZONE_GROWTH);
    }

    @Test
    void shouldAnswerNotFoundForUnknownCohortAndBadRequestNamingTheField() throws Exception {
        HttpResponse<String> missing = get("/api/v1/leaderboards/zone:NOPE:growth");
        HttpResponse<String> bad = get("/api/v1/leaderboards/" + enc(ZONE_GROWTH) + "?top=zero");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("errors").get(0).get("field").asText()).isEqualTo("top");
        assertThat(bad.body()).doesNotContain("Exception");
    }

    @Test
    void shouldServeEnterpriseWithBreakdownLiveRankAndLastChange() throws Exception {
        // Given enterprise 3 overtakes enterprise 2 without 2 publishing anything new
        apply(score(3, 2, 75, 2, "A"));

        // When enterprise 2 is read
        JsonNode e = json("/api/v1/enterprises/" + code(2));

        // Then its live rank reflects the overtaking while its published rank is as of its own record
        JsonNode zoneRank = e.get("ranks").get(1);
        assertThat(zoneRank.get("cohortId").asText()).isEqualTo(ZONE_GROWTH);
        assertThat(zoneRank.get("publishedRank").asInt()).isEqualTo(2);
        assertThat(zoneRank.get("liveRank").asInt()).isEqualTo(3);
        assertThat(e.get("indicators")).hasSize(2);
        assertThat(e.get("explanation").get("kind").asText()).isEqualTo("DATA");
        assertThat(e.get("lastChange").get("changeId").asText()).isEqualTo("c-1");
    }

    @Test
    void shouldRejectMalformedCreditCodeNamingTheField() throws Exception {
        HttpResponse<String> r = get("/api/v1/enterprises/not-a-code");

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("errors").get(0).get("field").asText()).isEqualTo("creditCode");
        assertThat(body.get("errors").get(0).get("reason").asText()).contains("18 characters");
    }

    @Test
    void shouldServeHistoryNewestFirst() throws Exception {
        apply(score(1, 2, 95, 1, "A"), score(1, 3, 99, 1, "A"));

        JsonNode history = json("/api/v1/enterprises/" + code(1) + "/history");

        assertThat(history).extracting(h -> h.get("revision").asLong()).containsExactly(3L, 2L, 1L);
        assertThat(history.get(0).get("explanation").get("causeEventIds").get(0).asText()).isEqualTo("evt-1-3");
    }

    @Test
    void shouldPageChangeFeedBySinceAndAfter() throws Exception {
        JsonNode first = json("/api/v1/changes?limit=1");
        String since = first.get(0).get("asOf").asText();
        JsonNode rest = json("/api/v1/changes?since=" + enc(since) + "&after=" + first.get(0).get("changeId").asText());

        assertThat(first).extracting(c -> c.get("changeId").asText()).containsExactly("c-1");
        assertThat(rest).extracting(c -> c.get("changeId").asText()).containsExactly("c-2");
        assertThat(json("/api/v1/changes?cohort=zone:OTHER:growth")).isEmpty();
        assertThat(get("/api/v1/changes?since=yesterday").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldExportAnyListAsCsvByParameterOrAcceptHeader() throws Exception {
        HttpResponse<String> byParam = get("/api/v1/changes?format=csv");
        HttpResponse<String> byHeader = get("/api/v1/tiers/" + enc(ZONE_GROWTH), "Accept", "text/csv");

        assertThat(byParam.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        List<String> lines = byParam.body().lines().toList();
        assertThat(lines.get(0)).startsWith("changeId,creditCode,name,cohortId");
        assertThat(lines).hasSize(3);
        assertThat(byHeader.body().lines().toList()).hasSize(4).first().asString().startsWith("cohortId,tier,creditCode");
    }

    @Test
    void shouldListCreditCandidatesTopKPerCohortWithFilters() throws Exception {
        JsonNode topOnePerZoneCohort = json("/api/v1/credit-candidates?scope=zone&top=1");
        JsonNode tierA = json("/api/v1/credit-candidates?cohort=" + enc(ZONE_GROWTH) + "&minTier=A&top=10");
        JsonNode industry = json("/api/v1/credit-candidates?industry=I65");

        assertThat(topOnePerZoneCohort).extracting(c -> c.get("creditCode").asText()).containsExactly(code(1), code(4));
        assertThat(tierA).extracting(c -> c.get("creditCode").asText()).containsExactly(code(1), code(2));
        assertThat(industry).extracting(c -> c.get("cohortId").asText())
                .containsExactlyInAnyOrder("nation:CN:growth", "zone:ZONE-B:growth");
        assertThat(industry.get(0).get("liveRank").asInt()).isPositive();
    }

    @Test
    void shouldCountTiersPerCohort() throws Exception {
        JsonNode counts = json("/api/v1/tiers");

        assertThat(counts).extracting(c -> c.get("cohortId").asText() + "/" + c.get("tier").asText() + "=" + c.get("count").asInt())
                .contains(ZONE_GROWTH + "/A=2", ZONE_GROWTH + "/B=1", "nation:CN:growth/A=3");
    }

    @Test
    void shouldPushRankingChangeToSubscribersOfItsCohortAfterCommit() throws Exception {
        // Given a subscriber of the ZONE-A growth cohort
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest sse = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port()
                + "/api/v1/stream?cohort=" + enc(ZONE_GROWTH))).header("Accept", "text/event-stream")
                .headers(TestAccess.bearer(TestAccess.ADMIN)).build();
        var stream = http.sendAsync(sse, HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> r.body().forEach(lines::add));
        await().until(() -> feed.subscriberCount() == 1);

        // When a batch with a change in that cohort commits and the feed is told
        feed.afterCommit(apply(change("c-3", 1, RankingChangeKind.TIER_CHANGED, 1, 1, 30), leaderboard(ZONE_GROWTH, 2, 2, 1)));

        // Then the subscriber receives the change and the leaderboard
        await().until(() -> lines.stream().anyMatch(l -> l.contains("\"changeId\":\"c-3\"")));
        assertThat(lines).contains("event: ranking-change", "event: leaderboard");
        stream.cancel(true);
    }

    @Test
    void shouldServeLatestShadowDiffPerCohort() throws Exception {
        apply(shadowDiff(ZONE_GROWTH, 1), shadowDiff(ZONE_GROWTH, 2));

        JsonNode diffs = json("/api/v1/shadow-diffs?cohort=" + enc(ZONE_GROWTH));

        assertThat(diffs).hasSize(1);
        assertThat(diffs.get(0).get("asOf").asText()).isEqualTo(Fixtures.T0.plusSeconds(120).toString());
        assertThat(diffs.get(0).get("entries").get(0).get("change").asText()).isEqualTo("ENTERS_TOP_N");
    }

    static ModelShadowDiff shadowDiff(String cohortId, int minutes) {
        return ModelShadowDiff.newBuilder().setCohortId(cohortId).setOfficialModel("zone-20n:1.0.0")
                .setCandidateModel("zone-20n:1.1.0").setAsOf(Fixtures.T0.plusSeconds(60L * minutes)).setCohortSize(10)
                .setEntries(List.of(ShadowDiffEntry.newBuilder().setCreditCode(code(5)).setChange(ShadowChange.ENTERS_TOP_N)
                        .setOfficialRank(21).setCandidateRank(19).setOfficialTotal(40.0).setCandidateTotal(44.0)
                        .setOfficialTier("B").setCandidateTier("B").build()))
                .build();
    }

    @Test
    void shouldExposePrometheusMetricsAndReadiness() throws Exception {
        Counter.builder("innopoints.sink.test.marker").register(metrics).increment();
        health.set(new ReadApi.Health(false, Map.of("consumer", "FAILED")));

        assertThat(get("/metrics").body()).contains("innopoints_sink_test_marker_total 1.0");
        HttpResponse<String> ready = get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("FAILED");
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> badParameters() {
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("/api/v1/changes?since=99999999999999999999", "since"),
                org.junit.jupiter.params.provider.Arguments.of("/api/v1/changes?since=-1", "since"),
                org.junit.jupiter.params.provider.Arguments.of("/api/v1/changes?since=9223372036854775807", "since"),
                org.junit.jupiter.params.provider.Arguments.of("/api/v1/changes?since=%2B1000000000-01-01T00:00:00Z", "since"),
                org.junit.jupiter.params.provider.Arguments.of("/api/v1/changes?since=yesterday", "since"),
                org.junit.jupiter.params.provider.Arguments.of("/api/v1/changes?limit=1e3", "limit"),
                org.junit.jupiter.params.provider.Arguments.of("/api/v1/changes?after=" + "x".repeat(300), "after"),
                org.junit.jupiter.params.provider.Arguments.of("/api/v1/changes?cohort=a%00b", "cohort"),
                org.junit.jupiter.params.provider.Arguments.of("/api/v1/credit-candidates?minTotal=NaN", "minTotal"),
                org.junit.jupiter.params.provider.Arguments.of("/api/v1/credit-candidates?minTotal=Infinity", "minTotal"),
                org.junit.jupiter.params.provider.Arguments.of("/api/v1/credit-candidates?minTotal=-Infinity", "minTotal"),
                org.junit.jupiter.params.provider.Arguments.of("/api/v1/credit-candidates?minTotal=1e400", "minTotal"),
                org.junit.jupiter.params.provider.Arguments.of("/api/v1/credit-candidates?minTotal=0x10", "minTotal"),
                org.junit.jupiter.params.provider.Arguments.of("/api/v1/credit-candidates?zone=%1F", "zone"),
                org.junit.jupiter.params.provider.Arguments.of("/api/v1/tiers/" + "c".repeat(300), "cohortId"),
                org.junit.jupiter.params.provider.Arguments.of("/api/v1/rejected?limit=0", "limit"),
                org.junit.jupiter.params.provider.Arguments.of("/api/v1/ingest-rejections?type=patentz", "type"),
                org.junit.jupiter.params.provider.Arguments.of("/api/v1/ingest-rejections?from=yesterday", "from"),
                org.junit.jupiter.params.provider.Arguments.of(
                        "/api/v1/ingest-rejections?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "to"),
                org.junit.jupiter.params.provider.Arguments.of("/api/v1/ingest-rejections?limit=1001", "limit"),
                org.junit.jupiter.params.provider.Arguments.of("/api/v1/ingest-rejections?skip=-1", "skip"),
                org.junit.jupiter.params.provider.Arguments.of("/api/v1/ingest-rejections?skip=100001", "skip"),
                org.junit.jupiter.params.provider.Arguments.of("/api/v1/ingest-rejections?field=a%00b", "field"),
                org.junit.jupiter.params.provider.Arguments.of("/api/v1/ingest-rejections?provider=" + "p".repeat(201), "provider"));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("badParameters")
    void shouldAnswer400NamingTheFieldForEveryBadParameter(String path, String field) throws Exception {
        // when
        HttpResponse<String> r = get(path);
        // then: the one error shape, the field named, no Java exception
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode body = Problems.assertProblem(400, r.headers(), r.body(), ProblemType.VALIDATION);
        assertThat(body.get("instance").asText()).isEqualTo(path.contains("?") ? path.substring(0, path.indexOf('?')) : path);
        assertThat(body.get("errors").get(0).get("field").asText()).isEqualTo(field);
        assertThat(r.body()).doesNotContain("Exception");
    }

    @Test
    void shouldAcceptTheBoundaryValuesOfSince() throws Exception {
        assertThat(get("/api/v1/changes?since=0").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/changes?since=9999-12-31T23:59:59Z").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/credit-candidates?minTotal=61.5").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswerEveryServerErrorInTheOneJsonShape() throws Exception {
        // unknown path with a JSON content type, a header above the limit, a wrong method
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/nope"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> header = get("/api/v1/leaderboards", "X-Padding", "x".repeat(10 * 1024));
        HttpResponse<String> method = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port()
                + "/api/v1/leaderboards")).DELETE().build(), HttpResponse.BodyHandlers.ofString());

        assertErrorShape(unknown, 404, ProblemType.NOT_FOUND);
        assertThat(JSON.readTree(unknown.body()).get("instance").asText()).isEqualTo("/nope");
        assertErrorShape(header, 431, ProblemType.HEADER_TOO_LARGE);
        assertThat(method.statusCode()).isIn(404, 405);
        assertErrorShape(method, method.statusCode(), method.statusCode() == 404 ? ProblemType.NOT_FOUND
                : ProblemType.METHOD_NOT_ALLOWED);
    }

    @Test
    void shouldAnswerAMalformedUriInTheOneJsonShape() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", app.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /api/v1/tiers/% HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 400");
            assertThat(response.toLowerCase()).contains("content-type: application/problem+json");
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            Problems.assertProblemBody(400, body, ProblemType.BAD_REQUEST);
        }
    }

    private static void assertErrorShape(HttpResponse<String> r, int status, ProblemType type) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        Problems.assertProblem(status, r.headers(), r.body(), type);
    }
}
