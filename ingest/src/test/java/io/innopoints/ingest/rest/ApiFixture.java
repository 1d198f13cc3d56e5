package io.innopoints.ingest.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.innopoints.ingest.config.IngestConfig;
import io.innopoints.ingest.domain.Authenticator;
import io.innopoints.ingest.domain.FakePublisher;
import io.innopoints.ingest.domain.InFlightLimiter;
import io.innopoints.ingest.domain.IngestMetrics;
import io.innopoints.ingest.domain.IngestService;
import io.innopoints.ingest.domain.RateLimiter;
import io.innopoints.ingest.domain.RecentEvents;
import io.innopoints.schemas.http.BearerTokens;
import io.innopoints.schemas.http.ErrorBody;
import io.innopoints.schemas.http.ProblemType;
import io.innopoints.schemas.json.AvroJson;
import io.innopoints.schemas.validation.EventValidator;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** The REST API on a free port with an in-memory broker, two providers and a fixed clock. */
final class ApiFixture implements AutoCloseable {
    static final String PATENT_TOKEN = "patent-office-secret-token";
    static final String TAX_TOKEN = "tax-bureau-secret-token";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-15T00:00:00Z"), ZoneOffset.UTC);

    final FakePublisher publisher = new FakePublisher();
    final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final AtomicBoolean kafkaUp = new AtomicBoolean(true);
    final IngestConfig config;
    final Javalin app;
    final HttpClient http = HttpClient.newHttpClient();

    ApiFixture(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>();
        props.put("http.port", "0");
        props.put("http.host", "127.0.0.1");
        props.put("provider.patent-office.token-sha256", BearerTokens.sha256Hex(PATENT_TOKEN));
        props.put("provider.patent-office.event-types", "patents");
        props.put("provider.tax-bureau.token-sha256", BearerTokens.sha256Hex(TAX_TOKEN));
        props.put("provider.tax-bureau.event-types", "tax-filings,credentials");
        props.putAll(overrides);
        config = IngestConfig.defaults(props);
        IngestMetrics metrics = new IngestMetrics(meters);
        IngestService service = new IngestService(new EventValidator(CLOCK, config.futureTolerance()), publisher,
                new RecentEvents(config.idempotencyCacheSize()), metrics, CLOCK);
        IngestApi api = new IngestApi(config, service, new Authenticator(config.providers().values()),
                new RateLimiter(config.rateRequestsPerSecond(), config.rateBurst(), System::nanoTime),
                new InFlightLimiter(config.maxInFlightRecords()), metrics,
                () -> Map.of("kafka", kafkaUp.get(), "schema-registry", true), meters::scrape);
        app = api.create().start();
    }

    ApiFixture() {
        this(Map.of());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    HttpResponse<String> post(String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    HttpResponse<String> postBytes(String path, String token, byte[] body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return AvroJson.parse(response.body()).value();
    }

    /** The body of an error answer, after checking it is an RFC 9457 problem of {@code type} with the HTTP status. */
    static JsonNode problem(HttpResponse<String> response, ProblemType type) {
        org.assertj.core.api.Assertions.assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> org.assertj.core.api.Assertions.assertThat(t).startsWith(ErrorBody.CONTENT_TYPE));
        JsonNode body = json(response);
        org.assertj.core.api.Assertions.assertThat(body.get("type").asText()).as(response.body()).isEqualTo(type.uri());
        org.assertj.core.api.Assertions.assertThat(body.get("status").asInt()).isEqualTo(response.statusCode());
        return body;
    }

    @Override
    public void close() {
        app.stop();
    }
}
