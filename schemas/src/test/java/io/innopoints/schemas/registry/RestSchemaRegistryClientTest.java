package io.innopoints.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the REST client puts on the wire and how it reads answers, against a scripted HTTP server (the real
 * registry is exercised in local-stack's RestSchemaRegistryClientIT).
 */
class RestSchemaRegistryClientTest {
    private record Seen(String method, String path, String contentType, String accept, String authorization,
                        String body) {
    }

    private HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String answer = "{}";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()),
                    exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestHeaders().getFirst("Accept"),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void shouldPostSchemaAsJsonStringWithConfluentContentTypeAndCacheTheId() {
        answer = "{\"id\":7}";
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(url());
        Schema schema = Schema.create(Schema.Type.STRING);

        int id = client.register("my topic-key", schema);
        int again = client.register("my topic-key", schema);

        assertThat(id).isEqualTo(7);
        assertThat(again).isEqualTo(7);
        assertThat(seen).singleElement().satisfies(s -> {
            assertThat(s.method()).isEqualTo("POST");
            assertThat(s.path()).isEqualTo("/subjects/my%20topic-key/versions");
            assertThat(s.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
            assertThat(s.accept()).startsWith("application/vnd.schemaregistry.v1+json");
            assertThat(s.body()).isEqualTo("{\"schema\":\"\\\"string\\\"\"}");
        });
        // the schema is known by id without a request
        assertThat(client.getById(7)).isEqualTo(schema);
        assertThat(seen).hasSize(1);
    }

    @Test
    void shouldFetchSchemaByIdOnceThenServeFromCache() {
        answer = "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R\\\",\\\"fields\\\":[]}\"}";
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(url());

        Schema first = client.getById(3);
        Schema second = client.getById(3);

        assertThat(first.getFullName()).isEqualTo("R");
        assertThat(second).isSameAs(first);
        assertThat(seen).extracting(Seen::path).containsExactly("/schemas/ids/3");
    }

    @Test
    void shouldTurnConfluentErrorBodyIntoRegistryException() {
        status = 404;
        answer = "{\"error_code\":40403,\"message\":\"Schema 5 not found\"}";
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(url());

        assertThatThrownBy(() -> client.getById(5))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40403);
                })
                .hasMessage("Schema 5 not found");
    }

    @Test
    void shouldNameStatusWhenAnswerIsNotTheRegistryApi() {
        status = 502;
        answer = "<html>bad gateway</html>";
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(url());

        assertThatThrownBy(() -> client.subjects())
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(502))
                .hasMessageContaining("HTTP 502")
                .hasMessageContaining("bad gateway");
    }

    @Test
    void shouldSendBasicAuthFromUserInfo() {
        answer = "[]";
        String withUser = url().replace("http://", "http://alice:s3cret@");

        new RestSchemaRegistryClient(withUser).subjects();

        assertThat(seen).singleElement().extracting(Seen::authorization)
                .isEqualTo("Basic YWxpY2U6czNjcmV0");
    }

    @Test
    void shouldFailOverToNextUrlWhenFirstIsUnreachable() throws IOException {
        answer = "{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}";
        String dead;
        try (var socket = new java.net.ServerSocket(0)) {
            dead = "http://127.0.0.1:" + socket.getLocalPort();
        }
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(dead + "," + url(), null,
                Duration.ofSeconds(2), Duration.ofSeconds(5));

        assertThat(client.getCompatibility("s-value")).isEqualTo(Compatibility.FULL_TRANSITIVE);
        assertThat(seen).extracting(Seen::path).containsExactly("/config/s-value?defaultToGlobal=true");
    }

    @Test
    void shouldSendOnceMoreOnANewConnectionWhenTheServerClosedTheFirstWithoutAnAnswer() throws Exception {
        // Given a registry that reads the first request and closes its connection without a byte (as a server does
        // with a keep-alive connection it timed out while the client was sending on it), then answers
        try (var socket = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            List<String> requests = new CopyOnWriteArrayList<>();
            Thread registry = new Thread(() -> {
                try {
                    try (var first = socket.accept()) {
                        requests.add(readRequest(first.getInputStream()));
                    }
                    try (var second = socket.accept()) {
                        requests.add(readRequest(second.getInputStream()));
                        byte[] body = "{\"id\":11}".getBytes(StandardCharsets.UTF_8);
                        second.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        second.getOutputStream().write(body);
                        second.getOutputStream().flush();
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            registry.start();
            RestSchemaRegistryClient client = new RestSchemaRegistryClient("http://127.0.0.1:" + socket.getLocalPort());

            // When a schema is registered
            int id = client.register("t-key", Schema.create(Schema.Type.STRING));

            // Then the second attempt got the id, and both were the same request
            registry.join(5_000);
            assertThat(id).isEqualTo(11);
            assertThat(requests).hasSize(2).allSatisfy(r -> assertThat(r).startsWith("POST /subjects/t-key/versions"));
        }
    }

    /** Reads one HTTP/1.1 request (head and Content-Length body). */
    private static String readRequest(java.io.InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)")
                .matcher(head);
        if (length.find()) {
            in.readNBytes(Integer.parseInt(length.group(1)));
        }
        return head.toString();
    }

    @Test
    void shouldPutLevelsAsConfluentBodies() {
        answer = "{\"compatibility\":\"NONE\"}";
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(url());

        client.setCompatibility("s-value", Compatibility.NONE);
        client.setCompatibility(Compatibility.BACKWARD_TRANSITIVE);

        assertThat(seen).extracting(Seen::method, Seen::path, Seen::body).containsExactly(
                org.assertj.core.groups.Tuple.tuple("PUT", "/config/s-value", "{\"compatibility\":\"NONE\"}"),
                org.assertj.core.groups.Tuple.tuple("PUT", "/config", "{\"compatibility\":\"BACKWARD_TRANSITIVE\"}"));
    }

    @Test
    void shouldRejectMalformedUrlNamingTheKey() {
        assertThatThrownBy(() -> new RestSchemaRegistryClient("localhost:8081"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema.registry.url");
    }
}
