package io.innopoints.sink.http;

import io.innopoints.sink.json.SinkJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.innopoints.localstack.junit.ErrorShape;
import io.innopoints.schemas.score.RankingChangeKind;
import io.innopoints.sink.store.Database;
import io.innopoints.sink.store.Materializer;
import io.innopoints.sink.store.SinkRecord;
import io.innopoints.sink.testing.Fixtures;
import io.innopoints.sink.testing.TestAccess;
import io.innopoints.sink.testing.TestDatabases;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read API's bad-input corpus ({@link ReadApiBadInputCorpus}) against the whole HTTP app on SQLite, in process:
 * every case refused with a 4xx in the error shape naming the parameter, hostile-but-legal filters answered 200
 * without effect, and the app still serving its data afterwards.
 */
@Timeout(120)
class ReadApiBadInputTest {
    private static final ObjectMapper JSON = SinkJson.mapper();

    @TempDir
    static Path dir;
    private static Database db;
    private static Javalin app;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabases.sqlite(dir);
        List<SinkRecord> batch = new ArrayList<>();
        long offset = 0;
        for (SpecificRecord v : List.<SpecificRecord>of(Fixtures.score(1, 1, 80.0, 1, "A"), Fixtures.score(2, 1, 60.0, 2, "B"),
                Fixtures.change("c-1", 1, RankingChangeKind.MOVED, 3, 1, 10),
                Fixtures.leaderboard(ReadApiBadInputCorpus.COHORT, 1, 1, 2))) {
            batch.add(SinkRecord.decoded("t", 0, offset++, 0, v));
        }
        new Materializer(db.dataSource()).apply("g", batch);
        app = TestAccess.app(db.dataSource(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), false).start(0);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.stop();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void shouldHoldAtLeast900DistinctCases() {
        List<ReadApiBadInputCorpus.Case> cases = ReadApiBadInputCorpus.cases();

        assertThat(cases.stream().map(c -> c.method() + " " + c.pathAndQuery() + " " + c.authorization() + " " + c.body())
                .distinct().count()).isGreaterThanOrEqualTo(900);
        assertThat(ReadApiBadInputCorpus.hostileButLegal()).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(200);
    }

    @Test
    void shouldRefuseEveryCaseWithA4xxInTheErrorShapeNamingTheParameter() throws Exception {
        List<String> failures = new ArrayList<>();
        for (ReadApiBadInputCorpus.Case c : ReadApiBadInputCorpus.cases()) {
            HttpResponse<String> response;
            try {
                response = send(c.method(), c.pathAndQuery(), c.authorization(), c.body());
            } catch (IOException e) {
                failures.add(c.name() + " -> no answer: " + e);
                continue;
            }
            ErrorShape.violation(response, c.field()).ifPresent(why -> failures.add(c.name() + " -> " + why));
        }

        assertThat(failures).as("cases not refused in the error shape").isEmpty();
        assertStillServing();
    }

    @Test
    void shouldAnswerHostileButLegalFiltersWithoutEffect() throws Exception {
        List<String> failures = new ArrayList<>();
        for (String pathAndQuery : ReadApiBadInputCorpus.hostileButLegal()) {
            HttpResponse<String> response = send("GET", pathAndQuery, null, null);
            if (response.statusCode() != 200 || !JSON.readTree(response.body()).isArray()) {
                failures.add(pathAndQuery + " -> " + response.statusCode() + " " + response.body());
            } else if (JSON.readTree(response.body()).size() > 0 && !pathAndQuery.contains("after=")) {
                // no stored zone, stage, industry, scope, cohort or tier looks like these: a row means a filter leaked
                failures.add(pathAndQuery + " -> matched rows: " + response.body());
            }
        }

        assertThat(failures).isEmpty();
        assertStillServing();
    }

    @Test
    void shouldRefuseAScalarParameterGivenTwiceInsteadOfPickingOne() throws Exception {
        // regression: ?limit=1&limit=1000 was answered with the first value; a cache or proxy may read the other
        HttpResponse<String> response = send("GET", "/api/v1/changes?limit=1&limit=1000", null, null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(ErrorShape.assertRefusal(response, "limit")).extracting(ErrorShape.FieldError::reason)
                .containsExactly("given 2 times; give it once");
    }

    @Test
    void shouldRefuseCredentialsInAnotherSchemeEvenWhereThePublicMayRead() throws Exception {
        // regression: "Basic …" or a bare token was served the public view, hiding the caller's mistake
        HttpResponse<String> basic = send("GET", "/api/v1/leaderboards", "Basic dXNlcjpwYXNz", null);
        HttpResponse<String> bare = send("GET", "/api/v1/leaderboards", TestAccess.ADMIN, null);

        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(bare.statusCode()).isEqualTo(401);
        ErrorShape.assertRefusal(basic, null);
        assertThat(send("GET", "/api/v1/leaderboards", "", null).statusCode()).as("no header: the public").isEqualTo(200);
    }

    @Test
    void shouldRefuseATokenDifferingOnlyInCaseFromOneSentBeforeOnTheSameConnection() throws Exception {
        // regression: Jetty's per-connection header cache matched values ignoring case, so the upper-case token on a
        // keep-alive connection that had carried the real one arrived as the real one
        assertThat(send("GET", "/api/v1/lag", "Bearer " + TestAccess.OPERATOR, null).statusCode()).isEqualTo(200);

        HttpResponse<String> upper = send("GET", "/api/v1/lag", "Bearer " + TestAccess.OPERATOR.toUpperCase(java.util.Locale.ROOT), null);

        assertThat(upper.statusCode()).isEqualTo(401);
    }

    @Test
    void shouldAnswerAnEncodedDotDotPathWith400NotA500() throws Exception {
        // regression: the static-file handler threw "Rejected alias reference" on /api/v1/..%2F..%2Fetc%2Fpasswd
        HttpResponse<String> response = send("GET", "/api/v1/..%2F..%2Fetc%2Fpasswd", null, null);

        assertThat(response.statusCode()).isEqualTo(400);
        ErrorShape.assertRefusal(response, null);
    }

    @Test
    void shouldReadOnlyAsciiDigitsAsIntegers() throws Exception {
        // regression: Integer.parseInt read the full-width and Arabic-Indic digits of limit=１ and limit=١ as 1
        for (String digit : List.of("%EF%BC%91", "%D9%A1")) {
            HttpResponse<String> response = send("GET", "/api/v1/changes?limit=" + digit, null, null);

            assertThat(response.statusCode()).isEqualTo(400);
            ErrorShape.assertRefusal(response, "limit");
        }
    }

    @Test
    void shouldRefuseAControlCharacterAtTheEdgeOfAListValue() throws Exception {
        // regression: trim() removed the control characters of cohort=%01 before they were checked
        HttpResponse<String> response = send("GET", "/api/v1/changes?cohort=%01", null, null);

        assertThat(response.statusCode()).isEqualTo(400);
        ErrorShape.assertRefusal(response, "cohort");
    }

    @Test
    void shouldMatchTheScopeFilterLiterallyNotAsAPattern() throws Exception {
        // regression: scope=% became LIKE '%:%' and listed every cohort's candidates
        for (String wildcard : List.of("%25", "%25%25", "_", "zon_")) {
            HttpResponse<String> response = send("GET", "/api/v1/credit-candidates?scope=" + wildcard, null, null);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(response.body())).as(wildcard).isEmpty();
        }
        assertThat(JSON.readTree(send("GET", "/api/v1/credit-candidates?scope=zone", null, null).body())).isNotEmpty();
    }

    @Test
    void shouldRefuseAWhatIfBodyWithTrailingTextOrADuplicateKey() throws Exception {
        // regression: the lenient parser read {"top":1} x as {"top":1} and {"top":1,"top":2} as {"top":2}
        String path = "/api/v1/enterprises/" + ReadApiBadInputCorpus.E1 + "/what-if";

        for (String body : List.of("{\"top\":1} x", "{\"top\":1,\"top\":2}", "{\"top\":1e2147483648}")) {
            HttpResponse<String> response = send("POST", path, null, body);

            assertThat(response.statusCode()).as(body).isEqualTo(400);
            ErrorShape.assertRefusal(response, "body");
        }
    }

    private static void assertStillServing() throws Exception {
        HttpResponse<String> board = send("GET", "/api/v1/leaderboards/" + ReadApiBadInputCorpus.enc(ReadApiBadInputCorpus.COHORT),
                null, null);
        assertThat(board.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(board.body()).get("entries")).hasSize(2);
        assertThat(send("GET", "/api/v1/enterprises/" + ReadApiBadInputCorpus.E1, null, null).statusCode()).isEqualTo(200);
    }

    /** {@code authorization}: null sends the admin token, empty sends no header, anything else as it is. */
    private static HttpResponse<String> send(String method, String pathAndQuery, String authorization, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (authorization == null) {
            b.headers(TestAccess.bearer(TestAccess.ADMIN));
        } else if (!authorization.isEmpty()) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
