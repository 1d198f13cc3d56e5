package io.innopoints.sink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.innopoints.schemas.topic.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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
}
