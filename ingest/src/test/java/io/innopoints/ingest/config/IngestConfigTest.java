package io.innopoints.ingest.config;

import io.innopoints.schemas.http.BearerTokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.innopoints.schemas.config.ConfigException;
import io.innopoints.schemas.config.ConfigOption;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.topic.Topic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestConfigTest {
    private static final String HASH = BearerTokens.sha256Hex("token");

    @Test
    void shouldUseTheDeclaredDefaults() {
        IngestConfig config = IngestConfig.from(Map.of(), Map.of());
        assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.schemaRegistryUrl()).isEqualTo("http://localhost:8081");
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.maxBodyBytes()).isEqualTo(1_048_576);
        assertThat(config.batchMaxRecords()).isEqualTo(500);
        assertThat(config.futureTolerance()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.topics().name(Topic.PATENT_EVENTS)).isEqualTo("patent-events");
        assertThat(config.providers()).isEmpty();
    }

    @Test
    void shouldLetTheEnvironmentOverrideTheFile() {
        Map<String, String> file = Map.of("bootstrap.servers", "file:9092", "http.port", "9000", "batch.max-records", "50");
        IngestConfig config = IngestConfig.from(file, Map.of("KAFKA_BOOTSTRAP_SERVERS", "env:9092", "HTTP_PORT", "9100",
                "PATH", "/usr/bin"));
        assertThat(config.bootstrapServers()).isEqualTo("env:9092");
        assertThat(config.httpPort()).isEqualTo(9100);
        assertThat(config.batchMaxRecords()).isEqualTo(50);
    }

    @Test
    void shouldPassKafkaPropertiesThroughForTlsAndSasl() {
        IngestConfig config = IngestConfig.from(Map.of("kafka.security.protocol", "SASL_SSL"),
                Map.of("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512"));
        assertThat(config.kafka()).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }

    @Test
    void shouldRefuseToOverrideTheGuarantees() {
        assertThatThrownBy(() -> IngestConfig.from(Map.of("kafka.acks", "1"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("kafka.acks: ");
    }

    @Test
    void shouldMapTopicAndProviderVariables() {
        IngestConfig config = IngestConfig.from(Map.of(), Map.of("TOPIC_PATENT_EVENTS", "pilot.patents",
                "PROVIDER_PATENT_OFFICE_TOKEN_SHA256", HASH, "PROVIDER_PATENT_OFFICE_EVENT_TYPES", "patents"));
        assertThat(config.topics().name(Topic.PATENT_EVENTS)).isEqualTo("pilot.patents");
        assertThat(config.providers().get("patent-office").eventTypes()).containsExactly(EventType.PATENTS);
    }

    @Test
    void shouldNameTheKeyOfABadValue() {
        assertThatThrownBy(() -> IngestConfig.from(Map.of("http.port", "eighty"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.port: ").hasMessageContaining("eighty");
        assertThatThrownBy(() -> IngestConfig.from(Map.of("validation.future-tolerance", "5 minutes"), Map.of()))
                .hasMessageContaining("validation.future-tolerance: ");
        assertThatThrownBy(() -> IngestConfig.from(Map.of(), Map.of("SCHEMA_REGISTRY_URL", "ftp://x")))
                .hasMessageContaining("schema.registry.url: ");
        assertThatThrownBy(() -> IngestConfig.from(Map.of("batch.max-records", "0"), Map.of()))
                .hasMessageContaining("batch.max-records: ");
        assertThatThrownBy(() -> IngestConfig.from(Map.of("topic.patent-events", "bad name"), Map.of()))
                .hasMessageContaining("topic.patent-events: ");
    }

    @Test
    void shouldRejectUnknownKeysAsLikelyTypos() {
        assertThatThrownBy(() -> IngestConfig.from(Map.of("http.prot", "80"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.prot: ").hasMessageContaining("unknown");
    }

    @Test
    void shouldValidateProviderGrants() {
        assertThatThrownBy(() -> IngestConfig.from(Map.of("provider.p.token-sha256", "abc", "provider.p.event-types", "patents"), Map.of()))
                .hasMessageContaining("provider.p.token-sha256: ").hasMessageContaining("64 hex");
        assertThatThrownBy(() -> IngestConfig.from(Map.of("provider.p.token-sha256", HASH, "provider.p.event-types", "patent"), Map.of()))
                .hasMessageContaining("provider.p.event-types: ").hasMessageContaining("'patent'");
        assertThatThrownBy(() -> IngestConfig.from(Map.of("provider.p.token-sha256", HASH), Map.of()))
                .hasMessageContaining("provider.p.event-types: ");
        assertThatThrownBy(() -> IngestConfig.from(Map.of("provider.p.token-sha256", HASH, "provider.p.event-types", "patents",
                "provider.q.token-sha256", HASH, "provider.q.event-types", "patents"), Map.of()))
                .hasMessageContaining("also configured");
    }

    @Test
    void shouldRequireRoomForAFullBatchInFlight() {
        assertThatThrownBy(() -> IngestConfig.from(Map.of("ingest.max-in-flight-records", "10", "batch.max-records", "20"), Map.of()))
                .hasMessageContaining("ingest.max-in-flight-records: ");
    }

    @Test
    void shouldParseEveryDeclaredDefault() {
        for (ConfigOption<?> option : IngestOptions.SPEC.options()) {
            assertThat(option.parse(option.defaultValue())).as(option.key()).isNotNull();
        }
    }

    @Test
    void shouldDocumentEveryOptionInTheReadmeExactlyAsDeclared() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String start = "<!-- config-table:start -->\n";
        String end = "<!-- config-table:end -->";
        assertThat(readme).contains(start).contains(end);
        String table = readme.substring(readme.indexOf(start) + start.length(), readme.indexOf(end));
        assertThat(table).as("ingest/README.md table; regenerate from IngestOptions.SPEC.markdownTable()")
                .isEqualTo(IngestOptions.SPEC.markdownTable());
    }
}
