package io.innopoints.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * {@link SchemaRegistryClient} over the Confluent Schema Registry REST API ({@code application/vnd.schemaregistry.v1+json})
 * with {@link HttpClient} and Jackson. Works against our embedded registry and Confluent's.
 *
 * <p>Caches what never changes — schema by id, id by (subject, schema), version by (subject, schema) — so a
 * serializer or deserializer does HTTP only for the first record of each schema. Several base URLs may be given
 * (comma-separated); a connection failure moves on to the next. Thread-safe.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = CONTENT_TYPE + ", application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";

    private record SubjectSchema(String subject, Schema schema) {
    }

    private final List<URI> baseUrls;
    private final String authorization;
    private final Duration requestTimeout;
    /**
     * Tries per URL when the connection fails (a second try opens a new connection): a pooled keep-alive connection
     * the server had just closed failed a request with "header parser received no bytes" (a CI run's oracle test).
     * Every registry call may be repeated: registering the same schema again answers the same id.
     */
    static final int ATTEMPTS_PER_URL = 2;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, RegisteredSchema> lookups = new ConcurrentHashMap<>();

    /** A client with 10 s connect and 30 s request timeouts and no authentication. */
    public RestSchemaRegistryClient(String baseUrls) {
        this(baseUrls, null, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    /**
     * @param baseUrls comma-separated registry URLs, e.g. {@code http://127.0.0.1:8081}; user-info in a URL
     *        ({@code http://user:pass@host}) is used for basic auth when {@code basicAuthUserInfo} is null
     * @param basicAuthUserInfo {@code user:password} for HTTP basic auth, or null
     */
    public RestSchemaRegistryClient(String baseUrls, String basicAuthUserInfo, Duration connectTimeout,
                                    Duration requestTimeout) {
        Objects.requireNonNull(baseUrls, "schema.registry.url");
        this.baseUrls = new ArrayList<>();
        String userInfo = basicAuthUserInfo;
        for (String part : baseUrls.split(",")) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            URI uri;
            try {
                uri = URI.create(trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("schema.registry.url: '" + trimmed + "' is not a URL: " + e.getMessage());
            }
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException("schema.registry.url: '" + trimmed
                        + "' is not an http(s) URL with a host");
            }
            if (uri.getUserInfo() != null) {
                if (userInfo == null) {
                    userInfo = uri.getUserInfo();
                }
                uri = URI.create(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                        + (uri.getRawPath() == null ? "" : uri.getRawPath()));
            }
            this.baseUrls.add(uri);
        }
        if (this.baseUrls.isEmpty()) {
            throw new IllegalArgumentException("schema.registry.url: no URL given");
        }
        this.authorization = userInfo == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode response = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        int id = response.path("id").asInt(-1);
        if (id < 0) {
            throw unexpected("POST /subjects/" + subject + "/versions", response);
        }
        idsBySubjectSchema.put(key, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    /**
     * Registers schema text as given (no local parsing), e.g. an {@code .avsc} file from a release pipeline.
     *
     * @param schemaType null for AVRO (the registry's default)
     * @throws RegistryException 42201 when the registry finds the schema invalid, 409 when incompatible
     */
    public int register(String subject, String schemaText, String schemaType) {
        ObjectNode body = json.createObjectNode().put("schema", schemaText);
        if (schemaType != null) {
            body.put("schemaType", schemaType);
        }
        JsonNode response = send("POST", "/subjects/" + encode(subject) + "/versions", body);
        int id = response.path("id").asInt(-1);
        if (id < 0) {
            throw unexpected("POST /subjects/" + subject + "/versions", response);
        }
        return id;
    }

    @Override
    public Schema getById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode response = send("GET", "/schemas/ids/" + id, null);
        Schema schema = RegistryCore.parse(response.path("schema").asText(null), response.path("schemaType").asText(null));
        Schema previous = schemasById.putIfAbsent(id, schema);
        return previous == null ? schema : previous;
    }

    @Override
    public Optional<RegisteredSchema> lookup(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        RegisteredSchema cached = lookups.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        try {
            JsonNode response = send("POST", "/subjects/" + encode(subject), schemaBody(schema));
            RegisteredSchema found = registered(response, subject);
            lookups.put(key, found);
            idsBySubjectSchema.putIfAbsent(key, found.id());
            return Optional.of(found);
        } catch (RegistryException e) {
            if (e.errorCode() == RegistryException.SUBJECT_NOT_FOUND
                    || e.errorCode() == RegistryException.SCHEMA_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public CompatibilityResult testCompatibility(String subject, Schema schema) {
        JsonNode response = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true",
                schemaBody(schema));
        if (!response.has("is_compatible")) {
            throw unexpected("POST /compatibility/subjects/" + subject + "/versions/latest", response);
        }
        List<String> messages = new ArrayList<>();
        response.path("messages").forEach(m -> messages.add(m.asText()));
        return new CompatibilityResult(response.path("is_compatible").asBoolean(), messages);
    }

    @Override
    public Compatibility getCompatibility() {
        return level(send("GET", "/config", null));
    }

    @Override
    public Compatibility getCompatibility(String subject) {
        return level(send("GET", "/config/" + encode(subject) + "?defaultToGlobal=true", null));
    }

    @Override
    public void setCompatibility(Compatibility level) {
        send("PUT", "/config", json.createObjectNode().put("compatibility", level.name()));
    }

    @Override
    public void setCompatibility(String subject, Compatibility level) {
        send("PUT", "/config/" + encode(subject), json.createObjectNode().put("compatibility", level.name()));
    }

    @Override
    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        send("GET", "/subjects", null).forEach(s -> subjects.add(s.asText()));
        return subjects;
    }

    @Override
    public List<Integer> versions(String subject) {
        List<Integer> versions = new ArrayList<>();
        send("GET", "/subjects/" + encode(subject) + "/versions", null).forEach(v -> versions.add(v.asInt()));
        return versions;
    }

    @Override
    public RegisteredSchema getVersion(String subject, int version) {
        String selector = version == LATEST ? "latest" : Integer.toString(version);
        return registered(send("GET", "/subjects/" + encode(subject) + "/versions/" + selector, null), subject);
    }

    // ---------------------------------------------------------------- HTTP

    private RegisteredSchema registered(JsonNode response, String subject) {
        if (!response.has("id") || !response.has("schema")) {
            throw unexpected("subject '" + subject + "'", response);
        }
        Schema schema = RegistryCore.parse(response.path("schema").asText(), response.path("schemaType").asText(null));
        int id = response.path("id").asInt();
        schemasById.putIfAbsent(id, schema);
        return new RegisteredSchema(response.path("subject").asText(subject), response.path("version").asInt(), id, schema);
    }

    private Compatibility level(JsonNode response) {
        String name = response.has("compatibilityLevel") ? response.path("compatibilityLevel").asText()
                : response.path("compatibility").asText(null);
        return Compatibility.parse(name);
    }

    private ObjectNode schemaBody(Schema schema) {
        return json.createObjectNode().put("schema", schema.toString());
    }

    private JsonNode send(String method, String path, JsonNode body) {
        RegistryException lastFailure = null;
        for (URI base : baseUrls) {
            for (int attempt = 1; attempt <= ATTEMPTS_PER_URL; attempt++) {
                try {
                    return sendOnce(base, method, path, body);
                } catch (HttpTimeoutException e) {
                    lastFailure = unreachable(base, method, path, e);
                    break; // waited long enough: the next URL
                } catch (IOException e) {
                    lastFailure = unreachable(base, method, path, e);
                }
            }
        }
        throw lastFailure;
    }

    private static RegistryException unreachable(URI base, String method, String path, IOException e) {
        return new RegistryException(0, RegistryException.UNREACHABLE, "Schema registry " + base + " unreachable for "
                + method + " " + path + ": " + e, e);
    }

    private JsonNode sendOnce(URI base, String method, String path, JsonNode body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(requestTimeout)
                .header("Accept", ACCEPT);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
            request.method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(0, RegistryException.UNREACHABLE,
                    "Interrupted while calling schema registry " + base + path, e);
        }
        return parse(method, base + path, response);
    }

    private JsonNode parse(String method, String url, HttpResponse<String> response) {
        JsonNode node;
        try {
            node = response.body() == null || response.body().isBlank() ? json.nullNode() : json.readTree(response.body());
        } catch (IOException e) {
            node = null;
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300 && node != null) {
            return node;
        }
        if (node != null && node.has("error_code")) {
            throw new RegistryException(status, node.path("error_code").asInt(), node.path("message").asText());
        }
        String body = response.body() == null ? "" : response.body();
        throw new RegistryException(status, status >= 200 && status < 300 ? RegistryException.UNREACHABLE : status,
                method + " " + url + " answered HTTP " + status + " with a body that is not the registry API: "
                        + (body.length() > 200 ? body.substring(0, 200) + "…" : body));
    }

    private RegistryException unexpected(String what, JsonNode response) {
        return new RegistryException(200, RegistryException.UNREACHABLE,
                "Unexpected schema registry answer for " + what + ": " + response);
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
