package io.innopoints.sink.http;

import static io.innopoints.sink.testing.Fixtures.code;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.innopoints.schemas.http.ProblemType;
import io.innopoints.schemas.release.PeriodRelease;
import io.innopoints.scoring.release.PeriodReleases;
import io.innopoints.sink.app.HttpAssembly;
import io.innopoints.sink.json.SinkJson;
import io.innopoints.sink.lag.LagReport;
import io.innopoints.sink.release.PeriodCloser;
import io.innopoints.sink.store.Database;
import io.innopoints.sink.store.Materializer;
import io.innopoints.sink.store.ReleaseStore;
import io.innopoints.sink.store.SinkRecord;
import io.innopoints.sink.testing.Fixtures;
import io.innopoints.sink.testing.Problems;
import io.innopoints.sink.testing.ReleaseEvents;
import io.innopoints.sink.testing.TestAccess;
import io.innopoints.sink.testing.TestDatabases;
import io.innopoints.sink.whatif.ModelCatalog;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.awt.image.BufferedImage;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing periods and reading releases over HTTP on SQLite. The close route's {@link ReleaseApi.Closing} here computes
 * over {@link ReleaseEvents} and stores the result as the materializer would (the Kafka path is
 * {@code PeriodCloserTest}'s); the live ranking holds enterprises 1, 2 and a newcomer 4.
 */
@Timeout(60)
class ReleaseApiTest {
    @TempDir
    Path dir;
    Database db;
    ReleaseStore store;
    Javalin app;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        db = TestDatabases.sqlite(dir);
        store = new ReleaseStore(db.dataSource());
        // live now: enterprise 4 (not in the log) leads ZONE-A's start-ups, 3 is no longer ranked
        List<SinkRecord> batch = new ArrayList<>();
        int[][] live = {{4, 1}, {2, 2}, {1, 3}};
        for (int[] e : live) {
            batch.add(SinkRecord.decoded("scores", 0, batch.size(), 0,
                    Fixtures.score(e[0], 1, 100 - e[1], "ZONE-A", "startup", "I65", e[1], "A")));
        }
        new Materializer(db.dataSource()).apply("g", batch);
        ReleaseApi.Closing closing = (period, model) -> {
            try {
                PeriodRelease latest = store.find(period.id(), null).orElse(null);
                PeriodRelease next = PeriodReleases.compute(model, period, ReleaseEvents.all(), latest);
                if (latest != null && PeriodReleases.sameResults(latest, next)) {
                    return new PeriodCloser.Closed(latest, PeriodCloser.Outcome.UNCHANGED, 0);
                }
                store.store(next, Instant.now());
                return new PeriodCloser.Closed(next, PeriodCloser.Outcome.PUBLISHED, 0);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        };
        app = HttpAssembly.create(db.dataSource(), new LiveFeed(), LagReport::empty,
                () -> new ReadApi.Health(true, Map.of()), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                TestAccess.config(true), ModelCatalog.fromOption(""), TestAccess.PROGRAMMES, new ReleaseApi.Settings(closing, null))
                .start(0);
    }

    @AfterEach
    void stop() {
        app.stop();
        db.close();
    }

    HttpResponse<byte[]> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .headers(TestAccess.bearer(token));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    JsonNode json(HttpResponse<byte[]> r) throws Exception {
        return SinkJson.mapper().readTree(r.body());
    }

    static String closeBody(String cutOff) {
        return "{\"asOf\": \"2024-12-31\", \"cutOff\": \"" + cutOff + "\", \"model\": \"national-2024\"}";
    }

    @Test
    void shouldPublishAVersionPerChangedCutOffAndListItsChanges() throws Exception {
        // When an operator closes 2024-annual with a cut-off on 10 January, again, then with one on 1 February
        HttpResponse<byte[]> v1 = send("POST", "/api/v1/releases/2024-annual", TestAccess.OPERATOR, closeBody("2025-01-10"));
        HttpResponse<byte[]> again = send("POST", "/api/v1/releases/2024-annual", TestAccess.OPERATOR, closeBody("2025-01-10"));
        HttpResponse<byte[]> v2 = send("POST", "/api/v1/releases/2024-annual", TestAccess.ADMIN, closeBody("2025-02-01"));

        // Then 201 for each new version, 200 for the unchanged one
        assertThat(v1.statusCode()).isEqualTo(201);
        assertThat(json(v1).get("version").asInt()).isEqualTo(1);
        assertThat(json(v1).get("eventsAfterCutOff").asInt()).isEqualTo(5);
        assertThat(json(v1).get("cutOff").asText()).isEqualTo("2025-01-10T15:59:59.999Z"); // end of that day in Shanghai
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("outcome").asText()).isEqualTo("UNCHANGED");
        assertThat(json(again).get("digest").asText()).isEqualTo(json(v1).get("digest").asText());
        assertThat(v2.statusCode()).isEqualTo(201);
        assertThat(json(v2).get("version").asInt()).isEqualTo(2);
        JsonNode list = json(send("GET", "/api/v1/releases", TestAccess.OPERATOR, null));
        assertThat(list).extracting(r -> r.get("version").asInt()).containsExactly(2, 1);

        // And the latest release lists enterprise 2's rise past 1, and compares its top-N with the live one
        JsonNode release = json(send("GET", "/api/v1/releases/2024-annual", TestAccess.BANK, null));
        assertThat(release.get("version").asInt()).isEqualTo(2);
        assertThat(release.get("previousVersion").asInt()).isEqualTo(1);
        JsonNode rise = find(release.get("changes"), "creditCode", code(2), "cohortId", "zone:ZONE-A:startup");
        assertThat(rise.get("kind").asText()).isEqualTo("MOVED");
        assertThat(rise.get("previousRank").asInt()).isEqualTo(3);
        assertThat(rise.get("rank").asInt()).isEqualTo(2);
        JsonNode zoneA = find(release.get("cohorts"), "cohortId", "zone:ZONE-A:startup", "scope", "zone");
        assertThat(zoneA.get("top")).extracting(e -> e.get("creditCode").asText())
                .containsExactly(code(3), code(2), code(1));
        assertThat(zoneA.get("top")).extracting(e -> e.path("liveRank").asText()).containsExactly("null", "2", "3");
        assertThat(zoneA.get("live").get("onlyLive")).extracting(JsonNode::asText).containsExactly(code(4));
        assertThat(zoneA.get("live").get("onlyReleased")).extracting(JsonNode::asText).containsExactly(code(3));
        assertThat(zoneA.get("tiers")).extracting(t -> t.get("tier").asText()).containsExactly("A", "C", "D");
        JsonNode intensity = find(release.get("statistics"), "indicatorId", "rd-intensity", "stage", "startup");
        assertThat(intensity.get("mean").asDouble()).isEqualTo(15.0);
        assertThat(intensity.get("median").asDouble()).isEqualTo(10.0);
        assertThat(release.get("stages").get(0).get("count").asInt()).isEqualTo(3);

        // And version 1 is still there as it was
        JsonNode first = json(send("GET", "/api/v1/releases/2024-annual?version=1", TestAccess.ADMIN, null));
        assertThat(first.get("digest").asText()).isEqualTo(json(v1).get("digest").asText());
        assertThat(first.get("changes")).isEmpty();
    }

    @Test
    void shouldRunACreditProgrammeOnTheReleaseInsteadOfTheLiveRanking() throws Exception {
        // Given version 1 of 2024-annual (ZONE-A: 3, 2, 1) while the live ranking has 4, 2, 1 (3 no longer ranked)
        send("POST", "/api/v1/releases/2024-annual", TestAccess.OPERATOR, closeBody("2025-02-01"));

        // When the bank reads its ZONE-A programme's list on the release, and live
        JsonNode onRelease = json(send("GET", "/api/v1/credit-programmes/pilot-a/allocation?release=2024-annual",
                TestAccess.BANK, null));
        JsonNode live = json(send("GET", "/api/v1/credit-programmes/pilot-a/allocation", TestAccess.BANK, null));

        // Then the release's members with their released ranks, the live list unchanged
        assertThat(onRelease.get("programme").get("source").asText()).isEqualTo("release:2024-annual:1");
        assertThat(onRelease.get("entries")).extracting(e -> e.get("creditCode").asText())
                .containsExactly(code(3), code(2), code(1));
        assertThat(onRelease.get("entries")).extracting(e -> e.get("liveRank").asInt()).containsExactly(1, 2, 3);
        assertThat(onRelease.get("programme").get("allocatedYuan").asLong()).isPositive()
                .isLessThanOrEqualTo(1_000_000);
        assertThat(live.get("programme").get("source").asText()).isEqualTo("live");
        assertThat(live.get("entries")).extracting(e -> e.get("creditCode").asText()).contains(code(4))
                .doesNotContain(code(3));
        // and an unknown release, or a version without a release, is named
        HttpResponse<byte[]> missing = send("GET", "/api/v1/credit-programmes/pilot-a/allocation?release=1999-annual",
                TestAccess.BANK, null);
        Problems.assertProblemBody(missing.statusCode(), new String(missing.body()), ProblemType.NOT_FOUND);
        assertField(send("GET", "/api/v1/credit-programmes/pilot-a/allocation?version=1", TestAccess.BANK, null), "version");
    }

    @Test
    void shouldExportEveryMemberAsCsv() throws Exception {
        send("POST", "/api/v1/releases/2024-annual", TestAccess.OPERATOR, closeBody("2025-02-01"));

        HttpResponse<byte[]> r = send("GET", "/api/v1/releases/2024-annual?format=csv", TestAccess.BANK, null);

        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        List<String> lines = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).isEqualTo(
                "periodId,version,cohortId,rank,creditCode,name,tier,percentile,total,top,liveRank,liveTier");
        assertThat(lines).hasSize(1 + 6); // two cohorts (nation, zone) of three
        assertThat(lines.get(4)).startsWith("2024-annual,1,zone:ZONE-A:startup,1," + code(3) + ",\"Enterprise 3\",A,");
    }

    @Test
    void shouldRenderThePrintableReportToNonBlankPages() throws Exception {
        send("POST", "/api/v1/releases/2024-annual", TestAccess.OPERATOR, closeBody("2025-02-01"));

        HttpResponse<byte[]> r = send("GET", "/api/v1/releases/2024-annual/report", TestAccess.ADMIN, null);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/pdf"));
        Path out = Files.createDirectories(Path.of("target", "release-report"));
        try (PDDocument pdf = Loader.loadPDF(r.body())) {
            assertThat(pdf.getNumberOfPages()).isGreaterThanOrEqualTo(1);
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("2024-annual v1", "national-2024", "Enterprise 2", code(3),
                    "Stage distribution", "R&D intensity");
            PDFRenderer renderer = new PDFRenderer(pdf);
            for (int page = 0; page < pdf.getNumberOfPages(); page++) {
                BufferedImage image = renderer.renderImageWithDPI(page, 72);
                File png = out.resolve("2024-annual-page-" + (page + 1) + ".png").toFile();
                assertThat(ImageIO.write(image, "png", png)).isTrue();
                assertThat(inkShare(ImageIO.read(png))).as("page %d ink", page + 1).isGreaterThan(0.002);
            }
            // the charts: the first page holds coloured (not black, not grey) bars
            assertThat(colouredPixels(renderer.renderImageWithDPI(0, 72))).isGreaterThan(500);
        }
    }

    @Test
    void shouldNameTheFieldOfABadCloseAndAnswer404ForAnUnknownPeriod() throws Exception {
        String op = TestAccess.OPERATOR;
        assertField(send("POST", "/api/v1/releases/2024-annual", op, "{\"cutOff\": \"2025-01-10\", \"model\": \"national-2024\"}"), "asOf");
        assertField(send("POST", "/api/v1/releases/2024-annual", op, "{\"asOf\": \"2024-12-31\", \"cutOff\": \"2024-12-01\", \"model\": \"national-2024\"}"), "cutOff");
        assertField(send("POST", "/api/v1/releases/2024-annual", op, "{\"asOf\": \"2024-13-31\", \"cutOff\": \"2025-01-10\", \"model\": \"national-2024\"}"), "asOf");
        assertField(send("POST", "/api/v1/releases/2024-annual", op, closeBody("2025-01-10").replace("national-2024", "nope")), "model");
        assertField(send("POST", "/api/v1/releases/2024%20annual", op, closeBody("2025-01-10")), "periodId");
        assertField(send("POST", "/api/v1/releases/2024-annual", op, "[1"), "body");
        assertField(send("GET", "/api/v1/releases/2024-annual?version=0", TestAccess.ADMIN, null), "version");
        HttpResponse<byte[]> missing = send("GET", "/api/v1/releases/2024-annual/report", TestAccess.ADMIN, null);
        Problems.assertProblemBody(missing.statusCode(), new String(missing.body()), ProblemType.NOT_FOUND);
    }

    @Test
    void shouldAnswer503WhenTheSinkCannotClosePeriods() throws Exception {
        Javalin withoutKafka = HttpAssembly.create(db.dataSource(), new LiveFeed(), LagReport::empty,
                () -> new ReadApi.Health(true, Map.of()), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                TestAccess.config(true), ModelCatalog.fromOption(""), List.of()).start(0);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                            + withoutKafka.port() + "/api/v1/releases/2024-annual")).headers(TestAccess.bearer(TestAccess.OPERATOR))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(closeBody("2025-01-10"))).build(),
                    HttpResponse.BodyHandlers.ofString());

            JsonNode problem = Problems.assertProblemBody(r.statusCode(), r.body(), ProblemType.UNAVAILABLE);
            assertThat(problem.get("detail").asText()).contains("without Kafka");
        } finally {
            withoutKafka.stop();
        }
    }

    @Test
    void shouldRefuseACloseWhoseBodyIsNotDeclaredJson() throws Exception {
        for (String type : new String[] {"text/plain", null, "application/json; charset=iso-8859-1"}) {
            // Given a valid close request whose body is declared as something else than JSON in UTF-8, or not at all
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port()
                            + "/api/v1/releases/2024-annual")).headers(TestAccess.bearer(TestAccess.OPERATOR))
                    .POST(HttpRequest.BodyPublishers.ofString(closeBody("2025-01-10")));
            if (type != null) {
                b.header("Content-Type", type);
            }

            // When it is sent
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());

            // Then it is refused naming Content-Type, as ingest refuses it
            JsonNode problem = Problems.assertProblemBody(r.statusCode(), r.body(), ProblemType.UNSUPPORTED_MEDIA_TYPE);
            assertThat(problem.get("errors")).extracting(e -> e.get("field").asText()).as(type).contains("Content-Type");
        }
        // and no release was made
        assertThat(send("GET", "/api/v1/releases/2024-annual", TestAccess.ADMIN, null).statusCode()).isEqualTo(404);
    }

    private static void assertField(HttpResponse<byte[]> r, String field) throws Exception {
        JsonNode problem = Problems.assertProblemBody(r.statusCode(), new String(r.body()), ProblemType.VALIDATION);
        assertThat(problem.get("errors")).extracting(e -> e.get("field").asText()).as(problem.toString()).contains(field);
    }

    private static JsonNode find(JsonNode array, String k1, String v1, String k2, String v2) {
        for (JsonNode n : array) {
            if (n.path(k1).asText().equals(v1) && n.path(k2).asText().equals(v2)) {
                return n;
            }
        }
        throw new AssertionError("no " + k1 + "=" + v1 + ", " + k2 + "=" + v2 + " in " + array);
    }

    /** Share of pixels that are not white. */
    private static double inkShare(BufferedImage image) {
        long ink = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    ink++;
                }
            }
        }
        return (double) ink / ((long) image.getWidth() * image.getHeight());
    }

    /** Pixels whose channels differ by more than 60: colour, not text or grey. */
    private static long colouredPixels(BufferedImage image) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
                    n++;
                }
            }
        }
        return n;
    }
}
