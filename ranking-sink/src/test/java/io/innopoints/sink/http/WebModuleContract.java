package io.innopoints.sink.http;

import io.innopoints.sink.json.SinkJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.innopoints.schemas.http.ProblemType;
import io.innopoints.schemas.score.EnterpriseScore;
import io.innopoints.schemas.score.IndicatorScore;
import io.innopoints.sink.store.Database;
import io.innopoints.sink.store.Materializer;
import io.innopoints.sink.store.SinkRecord;
import io.innopoints.sink.testing.Fixtures;
import io.innopoints.sink.testing.Problems;
import io.innopoints.sink.testing.TestAccess;
import io.innopoints.sink.http.DashboardData.Firm;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard module over HTTP on a materialized SQLite read model: static files, the models endpoint and the
 * what-if endpoint (numbers checked against the zone-20n weights written out here, errors naming the field); one
 * subclass per supported database.
 */
@Timeout(60)
abstract class WebModuleContract {
    static final ObjectMapper JSON = SinkJson.mapper();

    @TempDir
    Path dir;
    Database db;
    Javalin app;
    DashboardData data;
    List<EnterpriseScore> scores;
    final HttpClient http = HttpClient.newHttpClient();

    /** A new, empty database. */
    abstract Database newDatabase(Path dir);

    abstract void dispose(Database database);

    @BeforeEach
    void start() throws Exception {
        db = newDatabase(dir);
        data = new DashboardData(12, 4);
        scores = data.scoreAll(DashboardData.day(0));
        List<SinkRecord> batch = new ArrayList<>();
        long offset = 0;
        for (EnterpriseScore s : scores) {
            batch.add(SinkRecord.decoded("t", 0, offset++, 0, s));
        }
        // an enterprise scored with a model version the sink does not have
        batch.add(SinkRecord.decoded("t", 0, offset, 0, Fixtures.score(1, 1, 50, 1, "A")));
        new Materializer(db.dataSource()).apply("g", batch);
        app = TestAccess.app(db.dataSource(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), true);
        app.start(0);
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

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .headers(TestAccess.bearer(TestAccess.ADMIN)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .headers(TestAccess.bearer(TestAccess.ADMIN))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode whatIf(String code, String body) throws Exception {
        HttpResponse<String> r = post("/api/v1/enterprises/" + code + "/what-if", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static double points(EnterpriseScore s, String indicatorId) {
        return s.getIndicators().stream().filter(i -> i.getIndicatorId().equals(indicatorId))
                .mapToDouble(IndicatorScore::getPoints).findFirst().orElseThrow();
    }

    static double cents(double v) {
        return Math.round(v * 100) / 100.0;
    }

    @Test
    void shouldServeDashboardPageAndModules() throws Exception {
        HttpResponse<String> index = get("/");
        HttpResponse<String> module = get("/js/app.js");

        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type").orElse("")).contains("text/html");
        assertThat(index.body()).contains("<script type=\"module\" src=\"js/app.js\">");
        assertThat(module.statusCode()).isEqualTo(200);
        assertThat(module.headers().firstValue("Content-Type").orElse("")).contains("javascript");
        assertThat(get("/api/v1/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldListLoadedModelsWithChineseAndEnglishNames() throws Exception {
        JsonNode models = JSON.readTree(get("/api/v1/models").body());

        JsonNode zone = null;
        for (JsonNode m : models) {
            if (m.get("id").asText().equals("zone-20n")) {
                zone = m;
            }
        }
        assertThat(zone).isNotNull();
        assertThat(zone.get("dimensions").get(0).get("names").get("zh").asText()).isEqualTo("技术创新");
        assertThat(zone.get("dimensions").get(0).get("names").get("en").asText()).isEqualTo("Technological innovation");
        assertThat(zone.get("indicators").get(0).get("id").asText()).isEqualTo("rd-expense");
        assertThat(zone.get("indicators").get(0).get("weights").get("opportunity-growth").asDouble()).isEqualTo(9.0);
    }

    @Test
    void shouldRescoreChangedIndicatorWithModelOfCurrentScoreAndRankInCurrentCohort() throws Exception {
        // Given the 10th firm of ZONE-A and the zone-20n rule for R&D expense in opportunity growth:
        // capped linear, ref 600 (10k CNY), weight 9 → 600 earns the full 9.00
        Firm f = data.firm(10);
        EnterpriseScore now = f.last;
        double expected = cents(now.getTotal() - points(now, "rd-expense") + 9.0);
        long above = scores.stream().filter(s -> s.getZone().equals("ZONE-A") && !s.getCreditCode().equals(f.code())
                && s.getTotal() > expected).count();

        // When
        JsonNode a = whatIf(f.code(), "{\"changes\": {\"rd-expense\": 600}}");

        // Then
        assertThat(a.get("modelId").asText()).isEqualTo("zone-20n");
        assertThat(a.get("scenario").get("total").asDouble()).isEqualTo(now.getTotal());
        assertThat(a.get("scenario").get("newTotal").asDouble()).isEqualTo(expected);
        JsonNode zoneRank = null;
        for (JsonNode r : a.get("scenario").get("ranks")) {
            if (r.get("cohortId").asText().equals(DashboardData.zoneCohort("ZONE-A"))) {
                zoneRank = r;
            }
        }
        assertThat(zoneRank.get("newRank").asInt()).isEqualTo((int) above + 1);
        assertThat(zoneRank.get("cohortSize").asInt()).isEqualTo(12);
        assertThat(a.get("target").get("cohortId").asText()).isEqualTo(DashboardData.zoneCohort("ZONE-A"));
        assertThat(a.get("target").get("topN").asInt()).isEqualTo(20);
        assertThat(a.get("target").get("alreadyInTop").asBoolean()).isTrue();
    }

    @Test
    void shouldGiveFullPercentilePointsAboveEveryoneAndShiftTheOthers() throws Exception {
        // Given a firm whose R&D intensity is not the zone's highest (weight 10 in opportunity growth)
        Firm f = data.firms.stream().filter(x -> x.zone.equals("ZONE-A") && x.values.containsKey("rd-intensity"))
                .min((x, y) -> Double.compare(x.values.get("rd-intensity"), y.values.get("rd-intensity"))).orElseThrow();
        double highest = data.firms.stream().filter(x -> x.zone.equals("ZONE-A"))
                .mapToDouble(x -> x.values.getOrDefault("rd-intensity", 0.0)).max().orElseThrow();

        // When its intensity goes above everyone's
        JsonNode a = whatIf(f.code(), "{\"changes\": {\"rd-intensity\": " + (highest + 1) + "}}");

        // Then it earns P 100 → the full 10.00, and the members it passed lose points
        JsonNode ind = null;
        for (JsonNode i : a.get("scenario").get("indicators")) {
            if (i.get("indicatorId").asText().equals("rd-intensity")) {
                ind = i;
            }
        }
        assertThat(ind.get("newPoints").asDouble()).isEqualTo(10.0);
        assertThat(ind.get("changed").asBoolean()).isTrue();
        assertThat(a.get("scenario").get("shiftedMembers").asInt()).isGreaterThan(0);
    }

    @Test
    void shouldFindMinimumChangeToReachTopNOrSayAlreadyThere() throws Exception {
        // Given ZONE-A by total, and two neighbours less than a point apart (any uncapped indicator closes that gap)
        String zoneA = DashboardData.zoneCohort("ZONE-A");
        List<EnterpriseScore> byTotal = scores.stream().filter(s -> s.getZone().equals("ZONE-A"))
                .sorted((x, y) -> Double.compare(y.getTotal(), x.getTotal())).toList();
        int upper = 0;
        while (byTotal.get(upper).getTotal() - byTotal.get(upper + 1).getTotal() >= 1.0) {
            upper++;
        }
        EnterpriseScore above = byTotal.get(upper);
        EnterpriseScore below = byTotal.get(upper + 1);
        int top = upper + 1;

        // When
        JsonNode leader = whatIf(byTotal.get(0).getCreditCode(), "{\"cohort\": \"" + zoneA + "\", \"top\": 1}");
        JsonNode chaser = whatIf(below.getCreditCode(), "{\"cohort\": \"" + zoneA + "\", \"top\": " + top + "}");

        // Then the leader is already there; the chaser gets the cheapest change that reaches the line
        assertThat(leader.get("target").get("alreadyInTop").asBoolean()).isTrue();
        JsonNode t = chaser.get("target");
        assertThat(t.get("alreadyInTop").asBoolean()).isFalse();
        assertThat(t.get("rank").asInt()).isEqualTo(top + 1);
        assertThat(t.get("thresholdTotal").asDouble()).isEqualTo(above.getTotal());
        JsonNode cheapest = t.get("cheapest");
        assertThat(cheapest.isNull()).as(t.toString()).isFalse();
        assertThat(cheapest.get("newRank").asInt()).isLessThanOrEqualTo(top);
        assertThat(cheapest.get("newTotal").asDouble()).isGreaterThanOrEqualTo(above.getTotal());
        assertThat(t.get("options").get(0).get("indicatorId").asText()).isEqualTo(cheapest.get("indicatorId").asText());
        for (JsonNode o : t.get("options")) {
            if (o.get("reachable").asBoolean() && !o.get("relativeChange").isNull()) {
                assertThat(Math.abs(o.get("relativeChange").asDouble()))
                        .isGreaterThanOrEqualTo(Math.abs(cheapest.get("relativeChange").asDouble()));
            }
        }
    }

    @Test
    void shouldServeNewestChangesFirstFilteredByEnterprise() throws Exception {
        // Given three changes at days 1, 3, 2 (two of firm 1)
        String zoneA = DashboardData.zoneCohort("ZONE-A");
        List<SinkRecord> batch = new ArrayList<>();
        int[][] changes = {{1, 1}, {2, 3}, {1, 2}};
        long offset = 100;
        for (int[] c : changes) {
            EnterpriseScore s = EnterpriseScore.newBuilder(data.firm(c[0]).last).setAsOf(DashboardData.day(c[1])).build();
            batch.add(SinkRecord.decoded("c", 0, offset++, 0, DashboardData.change("ch-" + c[0] + "-" + c[1], null, s,
                    zoneA, io.innopoints.schemas.score.RankingChangeKind.JOINED)));
        }
        new Materializer(db.dataSource()).apply("g", batch);

        // When
        JsonNode all = JSON.readTree(get("/api/v1/changes/recent?limit=2").body());
        JsonNode firm1 = JSON.readTree(get("/api/v1/changes/recent?enterprise=" + data.firm(1).code()).body());

        // Then
        assertThat(all).extracting(c -> c.get("changeId").asText()).containsExactly("ch-2-3", "ch-1-2");
        assertThat(firm1).extracting(c -> c.get("changeId").asText()).containsExactly("ch-1-2", "ch-1-1");
        assertError(get("/api/v1/changes/recent?limit=0"), 400, "limit", "outside 1..1000");
    }

    @Test
    void shouldRejectBadRequestsNamingTheFieldAndTheReason() throws Exception {
        String code = data.firm(2).code();
        String path = "/api/v1/enterprises/" + code + "/what-if";

        assertError(post(path, "{\"changes\": {\"rd-spend\": 1}}"), 400, "changes.rd-spend", "unknown indicator");
        assertError(post(path, "{\"changes\": {\"platforms\": 3}}"), 400, "changes.platforms", "not one raw value");
        assertError(post(path, "{\"changes\": {\"revenue\": \"lots\"}}"), 400, "changes.revenue", "must be a number");
        assertError(post(path, "{\"top\": 0}"), 400, "top", "1..10000");
        assertError(post(path, "{\"cohort\": \"zone:ZONE-Q:startup\"}"), 400, "cohort", "not ranked in cohort");
        assertError(post(path, "{\"chnages\": {}}"), 400, "chnages", "unknown field");
        assertError(post(path, "{not json"), 400, "body", "not valid JSON");
        assertError(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                        .headers(TestAccess.bearer(TestAccess.ADMIN)).header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"top\": 3}")).build(), HttpResponse.BodyHandlers.ofString()),
                415, "Content-Type", "application/json");
        assertError(post("/api/v1/enterprises/not-a-code/what-if", "{}"), 400, "creditCode", "");
        assertError(post("/api/v1/enterprises/" + DashboardData.Firm.code(99) + "/what-if", "{}"), 404, "creditCode",
                "no score");
        assertError(post("/api/v1/enterprises/" + Fixtures.code(1) + "/what-if", "{}"), 409, null, "zone-20n:1.0.0");
    }

    static void assertError(HttpResponse<String> r, int status, String field, String reason) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        ProblemType type = switch (status) {
            case 404 -> ProblemType.NOT_FOUND;
            case 409 -> ProblemType.CONFLICT;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            default -> field == null ? ProblemType.BAD_REQUEST : ProblemType.VALIDATION;
        };
        JsonNode body = Problems.assertProblem(status, r.headers(), r.body(), type);
        if (field != null) {
            assertThat(body.get("errors").get(0).get("field").asText()).isEqualTo(field);
            assertThat(body.get("errors").get(0).get("reason").asText()).contains(reason);
        }
        assertThat(body.get("detail").asText()).contains(reason);
        assertThat(r.body()).doesNotContain("Exception");
    }
}
