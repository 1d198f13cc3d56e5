package io.innopoints.ingest.kafka;

import io.innopoints.ingest.config.IngestConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * The readiness checks behind {@code /health/ready}: Kafka answers a cluster description and the schema registry
 * answers {@code GET /subjects}, each within two seconds.
 */
public final class Readiness implements Supplier<Map<String, Boolean>>, AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private final Admin admin;
    private final HttpClient http;
    private final URI subjects;

    public Readiness(IngestConfig config) {
        Map<String, Object> props = new HashMap<>(config.kafka());
        props.keySet().removeIf(k -> !AdminClientConfig.configNames().contains(k));
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "ingest-readiness");
        this.admin = Admin.create(props);
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        String base = config.schemaRegistryUrl().toString();
        this.subjects = URI.create(base.endsWith("/") ? base + "subjects" : base + "/subjects");
    }

    @Override
    public Map<String, Boolean> get() {
        Map<String, Boolean> checks = new LinkedHashMap<>();
        checks.put("kafka", kafka());
        checks.put("schema-registry", registry());
        return checks;
    }

    private boolean kafka() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .clusterId().get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private boolean registry() {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(subjects).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
