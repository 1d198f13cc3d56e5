package io.innopoints.localstack.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PlatformFlagsTest {
    @Test
    void shouldRefuseAnOutOfRangePortNamingTheFlagBeforeStartingAnything() {
        // Given local-stack with a port that cannot exist
        StringWriter err = new StringWriter();
        CommandLine cli = LocalStackMain.commandLine();
        cli.setErr(new PrintWriter(err, true));

        // When it is run
        int exit = cli.execute("--registry-port", "70000", "--data-dir", "/nonexistent/never-created");

        // Then it is a usage error naming the flag, not a stack trace
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--registry-port: must be 0..65535, was 70000").doesNotContain("\tat ");
    }

    @Test
    void shouldRefuseZeroPartitions() {
        StringWriter err = new StringWriter();
        CommandLine cli = LocalStackMain.commandLine();
        cli.setErr(new PrintWriter(err, true));

        assertThat(cli.execute("--partitions", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--partitions: must be at least 1, was 0");
    }

    @Test
    void shouldJoinTheCausesThatAddSomethingIntoOneLine() {
        Exception e = new IllegalStateException("cannot start the broker",
                new UncheckedIOException("bind failed", new IOException("Address already in use")));

        assertThat(PlatformFlags.rootMessage(e))
                .isEqualTo("cannot start the broker: bind failed: Address already in use");
    }
}
