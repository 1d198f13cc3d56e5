package io.innopoints.stream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ScoringStreamMainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> environment, String... args) {
        ScoringStreamMain main = new ScoringStreamMain();
        main.environment = environment;
        CommandLine cli = new CommandLine(main);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void shouldTakeTheConnectionFromFlagsThatWinOverTheEnvironment() {
        // Given an environment pointing at an unusable registry URL
        Map<String, String> env = Map.of("SCHEMA_REGISTRY_URL", "not a url");

        // When the flags name a good one
        int exit = run(env, "--describe", "--bootstrap-servers", "kafka:9092",
                "--schema-registry-url", "http://registry:8081");

        // Then the configuration resolves and the topology is described
        assertThat(err.toString()).isEmpty();
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("Sub-topology").contains("enterprise-scores");
    }

    @Test
    void shouldExitWithAMessageNamingEveryBadKeyAndNoStackTrace() {
        int exit = run(Map.of(), "--describe", "--set", "scoring.model=zone-20n", "--set", "num.stream.threads=0");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("bootstrap.servers: required (environment KAFKA_BOOTSTRAP_SERVERS)")
                .contains("num.stream.threads: '0': must be between 1 and 64")
                .contains("schema.registry.url: required").doesNotContain("Exception").doesNotContain("\tat ");
    }
}
