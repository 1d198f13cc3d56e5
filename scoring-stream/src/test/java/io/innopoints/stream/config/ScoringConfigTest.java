package io.innopoints.stream.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.innopoints.schemas.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class ScoringConfigTest {
    private static final Map<String, String> REQUIRED = Map.of("bootstrap.servers", "broker:9092",
            "schema.registry.url", "http://registry:8081");

    @Test
    void shouldFailNamingTheKeyWhenARequiredKeyIsMissing() {
        assertThatThrownBy(() -> ScoringConfig.from(Map.of("schema.registry.url", "http://r:8081"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bootstrap.servers: required");
    }

    @Test
    void shouldFailNamingTheKeyWhenAValueIsOutOfRange() {
        Map<String, String> props = new HashMap<>(REQUIRED);
        props.put("scoring.ripple.interval.ms", "5000");
        assertThatThrownBy(() -> ScoringConfig.from(props, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("scoring.ripple.interval.ms: '5000': must be between 10 and 1000");
    }

    @Test
    void shouldRunExactlyOnceWithA100MsCommitByDefaultAndAtLeastOnceWith20MsUnlessTheIntervalIsSet() {
        Properties exactlyOnce = ScoringConfig.from(REQUIRED, Map.of()).streamsProperties();
        assertThat(exactlyOnce.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
        assertThat(exactlyOnce.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(100L);

        Map<String, String> alos = new HashMap<>(REQUIRED);
        alos.put("processing.guarantee", "at_least_once");
        Properties atLeastOnce = ScoringConfig.from(alos, Map.of()).streamsProperties();
        assertThat(atLeastOnce.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("at_least_once");
        assertThat(atLeastOnce.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(20L);

        alos.put("commit.interval.ms", "50");
        assertThat(ScoringConfig.from(alos, Map.of()).commitInterval()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void shouldNotWaitForEmptyInputPartitionsUnlessConfiguredTo() {
        assertThat(ScoringConfig.from(REQUIRED, Map.of()).streamsProperties().get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG))
                .isEqualTo(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        Map<String, String> props = new HashMap<>(REQUIRED);
        props.put("kafka.max.task.idle.ms", "0");
        assertThat(ScoringConfig.from(props, Map.of()).streamsProperties().get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG))
                .isEqualTo("0");
    }

    @Test
    void shouldGiveUpOnACrashedInstanceAfterTenSecondsUnlessConfiguredOtherwise() {
        String key = StreamsConfig.consumerPrefix("session.timeout.ms");
        assertThat(ScoringConfig.from(REQUIRED, Map.of()).streamsProperties().get(key)).isEqualTo(10_000);
        Map<String, String> props = new HashMap<>(REQUIRED);
        props.put("kafka.consumer.session.timeout.ms", "45000");
        assertThat(ScoringConfig.from(props, Map.of()).streamsProperties().get(key)).isEqualTo("45000");
    }

    @Test
    void shouldUseTransactionalStateStoresUnlessConfiguredOtherwise() {
        String key = StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG;
        assertThat(ScoringConfig.from(REQUIRED, Map.of()).streamsProperties().get(key)).isEqualTo(true);
        Map<String, String> props = new HashMap<>(REQUIRED);
        props.put("kafka." + key, "false");
        assertThat(ScoringConfig.from(props, Map.of()).streamsProperties().get(key)).isEqualTo("false");
    }

    @Test
    void shouldBoundTheRocksDbMemoryOfTheJvm() {
        Properties p = ScoringConfig.from(REQUIRED, Map.of()).streamsProperties();
        assertThat(p.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG)).isEqualTo(BoundedRocksDb.class);
        assertThat(p.get(BoundedRocksDb.MEMORY_BYTES)).isEqualTo(256L << 20);
        Map<String, String> props = new HashMap<>(REQUIRED);
        props.put(ScoringConfig.ROCKSDB_MEMORY_MB, "1024");
        assertThat(ScoringConfig.from(props, Map.of()).streamsProperties().get(BoundedRocksDb.MEMORY_BYTES))
                .isEqualTo(1024L << 20);
        props.put(ScoringConfig.ROCKSDB_MEMORY_MB, "8");
        assertThatThrownBy(() -> ScoringConfig.from(props, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining(ScoringConfig.ROCKSDB_MEMORY_MB);
    }

    @Test
    void shouldRejectAProcessingGuaranteeThatIsNotOneOfTheTwo() {
        Map<String, String> props = new HashMap<>(REQUIRED);
        props.put("processing.guarantee", "exactly_once");
        assertThatThrownBy(() -> ScoringConfig.from(props, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("processing.guarantee: 'exactly_once': must be exactly_once_v2 or at_least_once");
    }

    @Test
    void shouldRejectAnUnknownKeyInsteadOfIgnoringATypo() {
        Map<String, String> props = new HashMap<>(REQUIRED);
        props.put("commit.intervall.ms", "100");
        assertThatThrownBy(() -> ScoringConfig.from(props, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("commit.intervall.ms: unknown option");
    }

    @Test
    void shouldMapEnvironmentVariablesToKeysWithKafkaPassthrough() {
        // Given the bootstrap servers and a TLS setting from the environment
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", "envbroker:9093", "KAFKA_SECURITY_PROTOCOL", "SSL",
                "SCHEMA_REGISTRY_URL", "http://envreg:8081", "NUM_STREAM_THREADS", "3", "COMMIT_INTERVAL_MS", "250",
                "PATH", "/usr/bin");

        // When
        ScoringConfig config = ScoringConfig.from(Map.of("bootstrap.servers", "file:9092"), env);

        // Then the environment wins and unknown Kafka keys pass through to Streams
        assertThat(config.bootstrapServers()).isEqualTo("envbroker:9093");
        assertThat(config.schemaRegistryUrl()).isEqualTo("http://envreg:8081");
        assertThat(config.numThreads()).isEqualTo(3);
        assertThat(config.commitInterval()).isEqualTo(Duration.ofMillis(250));
        Properties streams = config.streamsProperties();
        assertThat(streams.get("security.protocol")).isEqualTo("SSL");
        assertThat(streams.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(streams).doesNotContainKey("PATH").doesNotContainKey("path");
    }

    @Test
    void shouldPassKafkaPrefixedPropertiesToStreamsAndRenameTopics() {
        Map<String, String> props = new HashMap<>(REQUIRED);
        props.put("kafka.sasl.mechanism", "PLAIN");
        props.put("topic.patent-events", "pilot.patents");
        ScoringConfig config = ScoringConfig.from(props, Map.of());
        assertThat(config.streamsProperties().get("sasl.mechanism")).isEqualTo("PLAIN");
        assertThat(config.topics().name(io.innopoints.schemas.topic.Topic.PATENT_EVENTS)).isEqualTo("pilot.patents");
        assertThat(config.streamsProperties().get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("scoring-stream");
    }

    @Test
    void shouldNameTheByStageTopicAfterTheApplicationIdUnlessConfigured() {
        Map<String, String> props = new HashMap<>(REQUIRED);
        props.put("application.id", "innopoints-scoring");
        assertThat(ScoringConfig.from(props, Map.of()).byStageTopic()).isEqualTo("innopoints-scoring-by-stage");

        props.put("scoring.by-stage.topic", "zone-a.by-stage");
        assertThat(ScoringConfig.from(props, Map.of()).byStageTopic()).isEqualTo("zone-a.by-stage");

        props.put("scoring.by-stage.topic", "no spaces/allowed");
        assertThatThrownBy(() -> ScoringConfig.from(props, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("scoring.by-stage.topic: 'no spaces/allowed' is not a legal topic name");
    }

    @Test
    void shouldDocumentEveryDeclaredOptionInTheReadmeTable() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);

        assertThat(readme).as("scoring-stream/README.md table; regenerate from ScoringConfig.SPEC.markdownTable()")
                .contains(ScoringConfig.SPEC.markdownTable());
    }
}
