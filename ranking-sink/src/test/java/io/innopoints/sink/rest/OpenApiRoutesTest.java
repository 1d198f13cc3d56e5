package io.innopoints.sink.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.innopoints.sink.access.Endpoint;
import io.innopoints.sink.lag.LagReport;
import io.innopoints.sink.store.Database;
import io.innopoints.sink.testing.TestAccess;
import io.innopoints.sink.testing.TestDatabases;
import io.javalin.Javalin;
import io.javalin.router.ParsedEndpoint;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-kept {@code openapi.json} against the routes the sink's whole HTTP app really registers (read from
 * Javalin's router, not from a list kept beside them) and against the access catalogue {@link Endpoint}: every
 * operation (method and path) is documented, and nothing is documented that the app does not serve.
 */
class OpenApiRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    Database db;
    Javalin app;

    @BeforeEach
    void assemble() {
        db = TestDatabases.sqlite(dir);
        app = TestAccess.app(db.dataSource(), new LiveFeed(), LagReport::empty,
                () -> new ReadApi.Health(true, Map.of()), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    @AfterEach
    void dispose() {
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
        assertThat(difference(registered, documented))
                .as("routes the app serves that openapi.json does not document").isEmpty();
        assertThat(difference(documented, registered))
                .as("operations openapi.json documents that the app does not serve").isEmpty();
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
        assertThat(difference(declared, documented))
                .as("endpoints of the access catalogue that openapi.json does not document").isEmpty();
        assertThat(difference(documented, declared))
                .as("operations openapi.json documents that have no access declaration").isEmpty();
    }

    private static Set<String> documentedOperations() throws IOException {
        JsonNode paths;
        try (InputStream in = OpenApiRoutesTest.class.getResourceAsStream("/openapi.json")) {
            assertThat(in).as("openapi.json on the classpath").isNotNull();
            paths = JSON.readTree(in).path("paths");
        }
        Set<String> out = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next();
                // the other keys of a path item (parameters, summary, servers, $ref) are no operation
                if (Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace").contains(method)) {
                    out.add(operation(method, path.getKey()));
                }
            }
        }
        return out;
    }

    /** {@code GET /api/v1/tiers/{cohortId}}: Javalin's {@code <cohortId>} and a colon style {@code :cohortId} as OpenAPI's braces. */
    static String operation(String method, String path) {
        String normalized = path.replaceAll("<([^>/]+)>", "{$1}").replaceAll(":([^/]+)", "{$1}");
        return method.toUpperCase(Locale.ROOT) + " " + normalized;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }
}
