package io.innopoints.sink.http;

import io.innopoints.sink.json.SinkJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.innopoints.schemas.score.RankingChangeKind;
import io.innopoints.sink.access.AccessFilter;
import io.innopoints.sink.access.Endpoint;
import io.innopoints.sink.lag.LagReport;
import io.innopoints.sink.store.Database;
import io.innopoints.sink.store.Materializer;
import io.innopoints.sink.store.SinkRecord;
import io.innopoints.sink.testing.Fixtures;
import io.innopoints.sink.testing.TestAccess;
import io.innopoints.sink.testing.TestDatabases;
import io.javalin.Javalin;
import io.javalin.router.ParsedEndpoint;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-kept {@code openapi.json} against the routes the sink's whole HTTP app really registers (read from
 * Javalin's router, not from a list kept beside them) and against the access catalogue {@link Endpoint}: every
 * operation (method and path) is documented, and nothing is documented that the app does not serve. The query
 * parameters of each operation but the event stream are probed over HTTP: a route reads a parameter when a malformed
 * value of it (a control character, which every parameter refuses) is answered 400 naming it. The candidates are every
 * name the document mentions or the sources pass to a parameter reader.
 */
@Timeout(60)
class OpenApiRoutesTest {
    private static final ObjectMapper JSON = SinkJson.mapper();
    private static final String COHORT = Fixtures.zoneCohort("ZONE-A", "growth");
    /** Values for the path parameters of the probed operations: an enterprise, cohort and bank with data. */
    private static final Map<String, String> PATH_VALUES = Map.of("creditCode", Fixtures.code(1), "cohortId", COHORT,
            "bankId", TestAccess.BANK_ID, "programmeId", "pilot-a", "periodId", "2024-annual");
    /** How the sources read a query parameter: through {@link QueryParams} or Javalin's own accessors. */
    private static final Pattern READS_PARAMETER =
            Pattern.compile("(?:QueryParams\\.(?:text|list|integer|instant|decimal)\\(\\w+,|queryParams?\\()\\s*\"([^\"]+)\"");
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    Database db;
    Javalin app;

    @BeforeEach
    void assemble() throws Exception {
        db = TestDatabases.sqlite(dir);
        // a score, a change and a leaderboard: routes that answer 404 without data read their parameters only after
        List<SinkRecord> batch = new ArrayList<>();
        long offset = 0;
        for (SpecificRecord v : List.<SpecificRecord>of(Fixtures.score(1, 1, 80.0, 1, "A"),
                Fixtures.change("c-1", 1, RankingChangeKind.MOVED, 3, 1, 10), Fixtures.leaderboard(COHORT, 1, 1))) {
            batch.add(SinkRecord.decoded("t", 0, offset++, 0, v));
        }
        new Materializer(db.dataSource()).apply("g", batch);
        app = TestAccess.app(db.dataSource(), new LiveFeed(), LagReport::empty,
                () -> new ReadApi.Health(true, Map.of()), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    @AfterEach
    void dispose() {
        app.stop();
        db.close();
    }

    @Test
    void shouldDocumentExactlyTheOperationsTheAppRegisters() throws IOException {
        // Given the operations of the assembled app, as Javalin's router holds them (not started: no port needed)
        Set<String> registered = app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
                .map(ParsedEndpoint::getEndpoint)
                .filter(e -> e.getMethod().isHttpMethod())
                .map(e -> operation(e.getMethod().name(), e.getPath()))
                .collect(Collectors.toCollection(TreeSet::new));

        // When the OpenAPI document is read
        Set<String> documented = documentedOperations();

        // Then each side has exactly the other's operations
        assertThat(registered).as("the app registers no routes?").isNotEmpty();
        assertThat(drift(registered, "served by the app", documented))
                .as("openapi.json against the routes the app registers").isEmpty();
    }

    @Test
    void shouldDocumentExactlyTheOperationsOfTheAccessCatalogue() throws IOException {
        // Given every declared endpoint but the dashboard's static files (served by Jetty, not a route)
        Set<String> declared = Arrays.stream(Endpoint.values()).filter(e -> e != Endpoint.DASHBOARD)
                .map(e -> operation(e.method(), e.path()))
                .collect(Collectors.toCollection(TreeSet::new));

        // When the OpenAPI document is read
        Set<String> documented = documentedOperations();

        // Then the access policy covers every documented operation and declares none that is undocumented
        assertThat(drift(declared, "declared in Endpoint", documented))
                .as("openapi.json against the access catalogue").isEmpty();
    }

    @Test
    void shouldDocumentExactlyTheQueryParametersEachOperationReads() throws Exception {
        // Given every query parameter name the document mentions or the sources read anywhere
        Map<String, Set<String>> documented = documentedQueryParameters();
        Set<String> candidates = new TreeSet<>(readInSources());
        documented.values().forEach(candidates::addAll);
        app.start(0);

        // When each operation is sent each candidate, malformed, one at a time
        List<String> drift = new ArrayList<>();
        for (Map.Entry<String, Set<String>> op : documented.entrySet()) {
            if (op.getKey().equals("GET /api/v1/stream")) {
                // an accepted request opens an event stream that does not end: nothing for the probe to wait for
                continue;
            }
            String method = op.getKey().substring(0, op.getKey().indexOf(' '));
            String url = concrete(op.getKey().substring(method.length() + 1));
            Set<String> read = new TreeSet<>();
            for (String name : candidates) {
                if (refusesNaming(method, url + "?" + name + "=%01", name)) {
                    read.add(name);
                }
            }

            // Then the route reads exactly the documented ones
            Set<String> undocumented = difference(read, op.getValue());
            Set<String> unread = difference(op.getValue(), read);
            if (!undocumented.isEmpty() || !unread.isEmpty()) {
                drift.add(op.getKey() + ": reads but does not document " + undocumented + ", documents but does not read "
                        + unread);
            }
        }
        assertThat(drift).as("query parameters of openapi.json against what the routes read").isEmpty();
    }

    @Test
    void shouldDocumentTheQueryTokenOnExactlyTheOperationsThatReadIt() throws Exception {
        // Given the operations whose security admits a token in the query (an apiKey scheme "in": "query")
        JsonNode doc = document();
        Set<String> documented = new TreeSet<>();
        for (Map.Entry<String, JsonNode> op : operations(doc.path("paths")).entrySet()) {
            JsonNode security = op.getValue().has("security") ? op.getValue().path("security") : doc.path("security");
            for (JsonNode requirement : security) {
                requirement.fieldNames().forEachRemaining(scheme -> {
                    JsonNode s = doc.path("components").path("securitySchemes").path(scheme);
                    if (s.path("type").asText().equals("apiKey") && s.path("in").asText().equals("query")) {
                        assertThat(s.path("name").asText()).isEqualTo(AccessFilter.TOKEN_PARAMETER);
                        documented.add(op.getKey());
                    }
                });
            }
        }
        app.start(0);

        // When each operation is sent an unknown token in the query and no Authorization header
        Set<String> read = new TreeSet<>();
        for (String op : operations(doc.path("paths")).keySet()) {
            String method = op.substring(0, op.indexOf(' '));
            HttpResponse<String> response = send(method, concrete(op.substring(method.length() + 1))
                    + "?access_token=not-a-token", null);
            // refused as a bad token, not as a missing one: the route looked at the query
            if (response.statusCode() == 401 && JSON.readTree(response.body()).path("detail").asText().contains("not valid")) {
                read.add(op);
            }
        }

        // Then exactly those read it
        assertThat(drift(read, "reading ?access_token=", documented))
                .as("operations taking the token in the query against openapi.json's security").isEmpty();
    }

    private boolean refusesNaming(String method, String pathAndQuery, String name) throws Exception {
        // what-if's empty body is refused too, but naming a body field, never a query parameter
        HttpResponse<String> response = send(method, pathAndQuery, TestAccess.ADMIN);
        if (response.statusCode() != 400) {
            return false;
        }
        for (JsonNode error : JSON.readTree(response.body()).path("errors")) {
            if (error.path("field").asText().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A documented path with the test's values in place of its parameters. */
    private static String concrete(String path) {
        String out = path;
        for (Map.Entry<String, String> p : PATH_VALUES.entrySet()) {
            out = out.replace("{" + p.getKey() + "}", URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Every name the main sources pass to a query-parameter reader (keeps the probe from missing an unknown name). */
    private static Set<String> readInSources() throws IOException {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = READS_PARAMETER.matcher(Files.readString(file));
                while (m.find()) {
                    out.add(m.group(1));
                }
            }
        }
        assertThat(out).as("query parameters found in src/main/java").contains("limit", "format");
        return out;
    }

    private static JsonNode document() throws IOException {
        try (InputStream in = OpenApiRoutesTest.class.getResourceAsStream("/openapi.json")) {
            assertThat(in).as("openapi.json on the classpath").isNotNull();
            return JSON.readTree(in);
        }
    }

    /** Each operation of the document ({@code GET /api/v1/tiers}) with its object. */
    private static Map<String, JsonNode> operations(JsonNode paths) {
        Map<String, JsonNode> out = new TreeMap<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                // the other keys of a path item (parameters, summary, servers, $ref) are no operation
                if (Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace").contains(op.getKey())) {
                    out.put(operation(op.getKey(), path.getKey()), op.getValue());
                }
            }
        }
        return out;
    }

    private static Set<String> documentedOperations() throws IOException {
        return documentedQueryParameters().keySet();
    }

    /** Each documented operation with the names of its query parameters (path-level ones included). */
    private static Map<String, Set<String>> documentedQueryParameters() throws IOException {
        JsonNode paths = document().path("paths");
        Map<String, Set<String>> out = new TreeMap<>();
        operations(paths).forEach((op, node) -> {
            JsonNode pathItem = paths.path(op.substring(op.indexOf(' ') + 1));
            Set<String> query = new TreeSet<>();
            Stream.of(pathItem.path("parameters"), node.path("parameters"))
                    .flatMap(ps -> StreamSupport.stream(ps.spliterator(), false))
                    .filter(p -> p.path("in").asText().equals("query"))
                    .forEach(p -> query.add(p.path("name").asText()));
            out.put(op, query);
        });
        return out;
    }

    /** {@code GET /api/v1/tiers/{cohortId}}: Javalin's {@code <cohortId>} and a colon style {@code :cohortId} as OpenAPI's braces. */
    static String operation(String method, String path) {
        String normalized = path.replaceAll("<([^>/]+)>", "{$1}").replaceAll("/:([^/]+)", "/{$1}");
        return method.toUpperCase(Locale.ROOT) + " " + normalized;
    }

    /** Both directions at once, so one run lists every missing and every extra operation. */
    private static List<String> drift(Set<String> actual, String actualName, Set<String> documented) {
        List<String> out = new ArrayList<>();
        difference(actual, documented).forEach(op -> out.add(op + ": " + actualName + ", not in openapi.json"));
        difference(documented, actual).forEach(op -> out.add(op + ": in openapi.json, not " + actualName));
        return out;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }
}
