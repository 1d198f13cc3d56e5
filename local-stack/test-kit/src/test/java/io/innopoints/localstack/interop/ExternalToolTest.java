package io.innopoints.localstack.interop;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class ExternalToolTest {
    private static final String MISSING = "no-such-tool-4f1c9e";

    @Test
    void shouldSkipWithAnInstallHintWhenAToolIsMissingOutsideCi() {
        assertThatThrownBy(() -> ExternalTool.require(false, MISSING, "apt-get install " + MISSING))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining(MISSING + " is not installed")
                .hasMessageContaining("apt-get install " + MISSING);
    }

    @Test
    void shouldFailWhenAToolIsMissingInCi() {
        assertThatThrownBy(() -> ExternalTool.require(true, MISSING, "apt-get install " + MISSING))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("CI=true");
    }

    @Test
    void shouldFailInCiWhenTheProbeFails() {
        assertThatThrownBy(() -> ExternalTool.require(true, "/bin/sh", "a shell", "/bin/sh", "-c", "echo broken >&2; exit 3"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("broken");
    }

    @Test
    void shouldPassWhenTheToolAndItsProbeWork() {
        ExternalTool.require(true, "/bin/sh", "a shell", "/bin/sh", "-c", "exit 0");
    }
}
