package io.innopoints.sink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.innopoints.schemas.topic.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import io.innopoints.schemas.http.BearerTokens;
import org.junit.jupiter.api.Test;

class SinkConfigTest {
    private static final Map<String, String> MINIMAL = Map.of("bootstrap.servers", "localhost:9092");

    @Test
    void shouldApplyDeclaredDefaults() {
        SinkConfig c = SinkConfig.load(MINIMAL, Map.of());

        assertThat(c.groupId()).isEqualTo("innopoints-ranking-sink");
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:sqlite:data/innopoints-sink.db");
        assertThat(c.sqlite()).isTrue();
        assertThat(c.httpPort()).isEqualTo(7070);
        assertThat(c.pollTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.topics().name(Topic.ENTERPRISE_SCORES)).isEqualTo("enterprise-scores");
    }

    @Test
    void shouldLetEnvironmentOverridePropertiesIncludingKafkaAndTopics() {
        Map<String, String> env = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "broker:29092",
                "SINK_JDBC_URL", "jdbc:postgresql://db:5432/innopoints",
                "KAFKA_MAX_POLL_RECORDS", "200",
                "TOPIC_ENTERPRISE_SCORES", "scores-v2",
                "HTTP_PORT", "1");

        SinkConfig c = SinkConfig.load(Map.of("bootstrap.servers", "ignored:1", "jdbc.url", "jdbc:sqlite:x.db"), env);

        assertThat(c.bootstrapServers()).isEqualTo("broker:29092");
        assertThat(c.sqlite()).isFalse();
        assertThat(c.kafka()).containsEntry("max.poll.records", "200");
        assertThat(c.kafkaClientProperties()).containsEntry("bootstrap.servers", "broker:29092");
        assertThat(c.topics().name(Topic.ENTERPRISE_SCORES)).isEqualTo("scores-v2");
        assertThat(c.httpPort()).as("unprefixed HTTP_PORT is not ours").isEqualTo(7070);
    }

    @Test
    void shouldFailFastNamingMissingRequiredKey() {
        assertThatThrownBy(() -> SinkConfig.load(Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bootstrap.servers: required (environment KAFKA_BOOTSTRAP_SERVERS)");
    }

    @Test
    void shouldNameEveryBadKeyWithItsReason() {
        Map<String, String> props = Map.of("bootstrap.servers", "b:1", "http.port", "http", "jdbc.url", "jdbc:h2:mem:x",
                "lag.window.samples", "1", "grup.id", "typo", "topic.leaderboards", "bad name!");

        assertThatThrownBy(() -> SinkConfig.load(props, Map.of()))
                .hasMessageContaining("http.port: 'http': is not a whole number")
                .hasMessageContaining("jdbc.url: 'jdbc:h2:mem:x': is neither")
                .hasMessageContaining("lag.window.samples: '1': must be between 2 and 1000")
                .hasMessageContaining("grup.id: unknown option")
                .hasMessageContaining("topic.leaderboards");
    }

    @Test
    void shouldHidePasswordInToString() {
        SinkConfig c = SinkConfig.load(Map.of("bootstrap.servers", "b:1", "jdbc.password", "s3cret"), Map.of());

        assertThat(c.toString()).doesNotContain("s3cret");
    }

    @Test
    void shouldDocumentEveryOptionInReadmeExactlyAsDeclared() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String begin = "<!-- options:begin -->\n";
        String end = "<!-- options:end -->";
        assertThat(readme).contains(begin, end);
        String table = readme.substring(readme.indexOf(begin) + begin.length(), readme.indexOf(end));

        assertThat(table).as("README configuration table; regenerate from SinkOptions.SPEC.markdownTable():%n%s",
                SinkOptions.SPEC.markdownTable()).isEqualTo(SinkOptions.SPEC.markdownTable());
    }

    @Test
    void shouldParseStaticPrincipalsFromPropertiesAndEnvironment() {
        String hash = BearerTokens.sha256Hex("t");
        Map<String, String> props = new java.util.HashMap<>(Map.of("bootstrap.servers", "b:1",
                "principal.zone-a.token-sha256", hash, "principal.zone-a.role", "zone-admin",
                "principal.zone-a.zones", "ZONE-A, ZONE-B"));
        SinkConfig c = SinkConfig.load(props, Map.of("SINK_PRINCIPAL_BANK_ONE_TOKEN_SHA256", BearerTokens.sha256Hex("u"),
                "SINK_PRINCIPAL_BANK_ONE_ROLE", "bank", "SINK_PRINCIPAL_BANK_ONE_BANK", "icbc"));

        assertThat(c.access().grants()).extracting(g -> g.principal().subject() + "/" + g.principal().role().id())
                .containsExactlyInAnyOrder("zone-a/zone-admin", "bank-one/bank");
        assertThat(c.access().grants()).filteredOn(g -> g.principal().subject().equals("zone-a")).singleElement()
                .satisfies(g -> assertThat(g.principal().zones()).containsExactlyInAnyOrder("ZONE-A", "ZONE-B"));
        assertThat(c.access().jwt()).isNull();
        assertThat(c.access().metricsPublic()).isTrue();
    }

    @Test
    void shouldRefuseAPrincipalWithoutWhatItsRoleNeedsNamingTheKey() {
        String hash = BearerTokens.sha256Hex("t");
        assertThatThrownBy(() -> SinkConfig.load(Map.of("bootstrap.servers", "b:1",
                "principal.b.token-sha256", hash, "principal.b.role", "bank"), Map.of()))
                .hasMessageContaining("principal.b.bank: is required");
        assertThatThrownBy(() -> SinkConfig.load(Map.of("bootstrap.servers", "b:1",
                "principal.x.token-sha256", "abc", "principal.x.role", "operator"), Map.of()))
                .hasMessageContaining("principal.x.token-sha256: expected SHA-256 hashes");
        assertThatThrownBy(() -> SinkConfig.load(Map.of("bootstrap.servers", "b:1",
                "principal.x.token-sha256", hash, "principal.x.role", "root"), Map.of()))
                .hasMessageContaining("principal.x.role: unknown role 'root'");
        assertThatThrownBy(() -> SinkConfig.load(Map.of("bootstrap.servers", "b:1",
                "access.jwt.jwks.url", "https://idp.example/jwks"), Map.of()))
                .hasMessageContaining("access.jwt.issuer: is required");
    }

    @Test
    void shouldReadJwtSettings() {
        SinkConfig c = SinkConfig.load(Map.of("bootstrap.servers", "b:1", "access.jwt.jwks.url", "https://idp.example/jwks",
                "access.jwt.issuer", "https://idp.example", "access.jwt.audience", "innopoints",
                "access.jwt.clock.skew.ms", "5000", "access.metrics.public", "false"), Map.of());

        assertThat(c.access().jwt().issuer()).isEqualTo("https://idp.example");
        assertThat(c.access().jwt().audience()).isEqualTo("innopoints");
        assertThat(c.access().jwt().clockSkew()).hasSeconds(5);
        assertThat(c.access().jwt().algorithms()).containsExactly("RS256", "ES256");
        assertThat(c.access().metricsPublic()).isFalse();
    }
}
