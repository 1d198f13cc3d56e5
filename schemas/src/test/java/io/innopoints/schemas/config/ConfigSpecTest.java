package io.innopoints.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigSpecTest {
    static final ConfigOption<Integer> PORT = ConfigOption.of("http.port", "int 0..65535", "7070", "Port.",
            Parsers.intIn(0, 65535));
    static final ConfigOption<Duration> COMMIT = ConfigOption.of("commit.interval.ms", "ms", "1000", "Commit.",
            Parsers.millis(10, 60_000));
    static final ConfigOption<String> BOOTSTRAP = CommonOptions.BOOTSTRAP_SERVERS;
    static final ConfigSpec SPEC = new ConfigSpec("demo", "DEMO_", List.of(BOOTSTRAP, PORT, COMMIT),
            List.of(KeyFamily.kafka("Kafka client settings."), KeyFamily.topics()));

    @Test
    void shouldLetFlagsWinOverEnvironmentAndEnvironmentOverFileAndFileOverDefaults() {
        // Given the same option in every source
        Map<String, String> file = Map.of("bootstrap.servers", "file:9092", "http.port", "1", "commit.interval.ms", "20");
        Map<String, String> env = Map.of("DEMO_HTTP_PORT", "2", "DEMO_COMMIT_INTERVAL_MS", "30");
        Map<String, String> flags = Map.of("commit.interval.ms", "40");

        // When resolved
        Settings settings = SPEC.resolve(file, env, flags);

        // Then each value comes from the strongest source that has it
        assertThat(settings.get(BOOTSTRAP)).isEqualTo("file:9092");
        assertThat(settings.get(PORT)).isEqualTo(2);
        assertThat(settings.get(COMMIT)).isEqualTo(Duration.ofMillis(40));
        assertThat(SPEC.resolve(Map.of("bootstrap.servers", "b:1"), Map.of(), Map.of()).get(PORT)).isEqualTo(7070);
    }

    @Test
    void shouldMapSharedDerivedAndFamilyVariablesAndIgnoreUnrelatedOnes() {
        Settings settings = SPEC.resolve(Map.of(), Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "TOPIC_PATENT_EVENTS", "pilot.patents", "PATH", "/usr/bin",
                "HTTP_PORT", "9"), Map.of());

        assertThat(settings.get(BOOTSTRAP)).isEqualTo("k:9092");
        assertThat(settings.withPrefix("kafka.")).containsExactly(Map.entry("security.protocol", "SASL_SSL"));
        assertThat(settings.withPrefix("topic.")).containsExactly(Map.entry("patent-events", "pilot.patents"));
        assertThat(settings.get(PORT)).as("HTTP_PORT lacks the app's prefix").isEqualTo(7070);
    }

    @Test
    void shouldReportEveryProblemWithItsKeyAtOnce() {
        assertThatThrownBy(() -> SPEC.resolve(Map.of("http.prot", "1", "commit.interval.ms", "5",
                "http.port", "x", "topic.patent-event", "p", "topic.leaderboards", "bad name!"), Map.of(), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "bootstrap.servers: required (environment KAFKA_BOOTSTRAP_SERVERS)",
                        "commit.interval.ms: '5': must be between 10 and 60000",
                        "http.port: 'x': is not a whole number",
                        "http.prot: unknown option (see the configuration table of demo)",
                        "topic.leaderboards: 'bad name!': is not a legal topic name (1-249 of [a-zA-Z0-9._-])",
                        "topic.patent-event: unknown option (see the configuration table of demo)"));
    }

    @Test
    void shouldRejectTwoOptionsWithTheSameKeyOrVariable() {
        assertThatThrownBy(() -> new ConfigSpec("x", "", List.of(PORT, PORT), List.of()))
                .hasMessageContaining("http.port is declared twice");
        ConfigOption<Integer> clash = ConfigOption.of("http-port", "int", "1", "Clash.", Parsers.intIn(0, 9));
        assertThatThrownBy(() -> new ConfigSpec("x", "", List.of(PORT, clash), List.of()))
                .hasMessageContaining("HTTP_PORT is used twice");
    }

    @Test
    void shouldRenderOneTableRowPerOptionAndFamily() {
        String table = SPEC.markdownTable();

        assertThat(table.lines()).hasSize(2 + 3 + 2);
        assertThat(table).contains("| `bootstrap.servers` | `KAFKA_BOOTSTRAP_SERVERS` | host:port list | (required) |")
                .contains("| `commit.interval.ms` | `DEMO_COMMIT_INTERVAL_MS` | ms | `1000` | Commit. |")
                .contains("| `topic.<default-name>` | `TOPIC_<DEFAULT_NAME>` | string | — |");
    }

    @Test
    void shouldTakeTheFileSetAndConnectionFlagsFromTheCommandLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, "http.port=1\ncommit.interval.ms=20\n");
        ConfigFlags flags = new ConfigFlags();
        new CommandLine(flags).parseArgs("--config", file.toString(),
                "--set", "commit.interval.ms=30", "--bootstrap-servers", "flag:9092",
                "--schema-registry-url", "http://registry:8081/");

        Settings settings = flags.resolve(new ConfigSpec("demo", "DEMO_", List.of(BOOTSTRAP,
                CommonOptions.SCHEMA_REGISTRY_URL, PORT, COMMIT), List.of()), Map.of("KAFKA_BOOTSTRAP_SERVERS", "env:1"));

        assertThat(settings.get(BOOTSTRAP)).isEqualTo("flag:9092");
        assertThat(settings.get(CommonOptions.SCHEMA_REGISTRY_URL)).isEqualTo("http://registry:8081");
        assertThat(settings.get(PORT)).isEqualTo(1);
        assertThat(settings.get(COMMIT)).isEqualTo(Duration.ofMillis(30));
    }

    @Test
    void shouldNameTheConfigFlagWhenTheFileCannotBeRead(@TempDir Path dir) {
        ConfigFlags flags = new ConfigFlags();
        new CommandLine(flags).parseArgs("-c", dir.resolve("missing").toString());

        assertThatThrownBy(flags::fileProperties).isInstanceOf(ConfigException.class).hasMessageContaining("--config: cannot read");
    }
}
