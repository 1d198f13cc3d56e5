package io.innopoints.ingest.app;

import io.innopoints.schemas.http.BearerTokens;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestCliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        return IngestCli.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void shouldPrintTheHashToConfigureForAToken() {
        assertThat(run(Map.of(), "token-hash", "secret")).isZero();
        assertThat(out.toString().trim()).isEqualTo(BearerTokens.sha256Hex("secret"));
    }

    @Test
    void shouldListTheSubcommandsInItsHelp() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString()).contains("serve").contains("load").contains("token-hash");
    }

    @Test
    void shouldExitWithUsageErrorForAnUnknownEventType(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("x.jsonl"), "{}\n");
        assertThat(run(Map.of(), "load", "--type", "patent", "--file", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--type").contains("'patent'").contains("patents");
    }

    @Test
    void shouldExitWithUsageErrorNamingABadConfigurationKey(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("x.jsonl"), "{}\n");
        int code = run(Map.of("HTTP_PORT", "eighty"), "load", "--type", "patents", "--file", file.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("http.port").doesNotContain("\tat ");
    }

    @Test
    void shouldExitWithUsageErrorWhenARequiredOptionIsMissing() {
        assertThat(run(Map.of(), "load", "--type", "patents")).isEqualTo(2);
        assertThat(err.toString()).contains("--file");
    }

    @Test
    void shouldValidateTheConnectionFlagsLikeTheConfigurationKeysTheyOverride(@TempDir Path dir) throws Exception {
        // Given a valid registry URL in the environment and a bad one as a flag
        Path file = Files.writeString(dir.resolve("x.jsonl"), "{}\n");
        int code = run(Map.of("SCHEMA_REGISTRY_URL", "http://localhost:8081"), "load", "--type", "patents",
                "--file", file.toString(), "--schema-registry-url", "registry:8081");
        // Then the flag wins and is checked as schema.registry.url
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("schema.registry.url").contains("registry:8081");
    }
}
