package io.innopoints.launcher.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.innopoints.ingest.rest.Examples;
import io.innopoints.schemas.serde.AvroTrust;
import io.innopoints.schemas.topic.EventType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad event posted to ingest's REST API in the one-JVM run is answered with a problem document naming the field,
 * and appears on the read side: ranking-sink materializes ingest's dead letter and lists it to the admin, without the
 * original payload.
 */
class IngestRejectionsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @BeforeAll
    static void trustAvro() {
        AvroTrust.install();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldListABadEventPostedToIngestOnTheReadSide() throws Exception {
        // Given the whole stack without the sample feeder
        try (LocalRun run = LocalRun.start(new LocalRun.Options(dataDir, 0, 0, 0, 0, 1, 5_000, 10, "zone-20n", false))) {
            String provider = "patent-office";
            ObjectNode patent = (ObjectNode) Examples.node(EventType.PATENTS);
            patent.put("eventId", "it-bad-event-1").put("provider", provider).put("eventTime", "yesterday");

            // When the patent office posts a patent with an unreadable eventTime
            HttpResponse<String> posted = post(run, "patents", provider, patent);

            // Then ingest refuses it as a validation problem naming the field
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(400);
            assertThat(posted.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            JsonNode problem = JSON.readTree(posted.body());
            assertThat(problem.get("type").asText()).isEqualTo("https://innopoints.io/problems/validation");
            assertThat(problem.get("errors").findValuesAsText("field")).containsExactly("eventTime");

            // And the sink lists the dead letter to the admin, filtered by provider and field, without the payload
            String url = run.sinkApiUrl() + "/ingest-rejections?provider=" + provider + "&type=patents&field=eventTime";
            JsonNode rows = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> get(url, run.tokens().admin()), r -> r.size() == 1);
            JsonNode row = rows.get(0);
            assertThat(row.get("eventId").asText()).isEqualTo("it-bad-event-1");
            assertThat(row.get("source").asText()).isEqualTo("REST");
            assertThat(row.get("errors").get(0).get("reason").asText()).contains("yesterday");
            assertThat(row.get("originalSize").asLong()).isEqualTo(patent.toString().getBytes(StandardCharsets.UTF_8).length);
            assertThat(row.has("originalValue")).isFalse();
            // ... and refuses it without a token
            assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode()).isEqualTo(401);

            // When the patent office posts a tax filing (another registry's event type)
            ObjectNode filing = (ObjectNode) Examples.node(EventType.TAX_FILINGS);
            filing.put("provider", provider);
            HttpResponse<String> foreign = post(run, "tax-filings", provider, filing);

            // Then ingest refuses it for the scope, before looking at the event: each sample provider may publish its own type only
            assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(403);
            assertThat(foreign.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(JSON.readTree(foreign.body()).get("detail").asText()).contains("tax-filings");
        }
    }

    /** Posts one event of {@code type} to ingest with {@code provider}'s token. */
    private static HttpResponse<String> post(LocalRun run, String type, String provider, ObjectNode event) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(run.ingestUrl() + "/v1/events/" + type))
                .header("Authorization", "Bearer " + run.tokens().providers().get(provider))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(event.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode get(String url, String token) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? JSON.readTree(r.body()) : JSON.createArrayNode();
    }
}
