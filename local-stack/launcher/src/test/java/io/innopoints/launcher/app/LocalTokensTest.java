package io.innopoints.launcher.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local run's tokens: generated once, written to the data directory, the same after a restart. */
class LocalTokensTest {
    @TempDir
    Path dir;

    @Test
    void shouldGenerateTokensOnceAndReuseThemFromTheDataDirectory() throws Exception {
        LocalTokens first = LocalTokens.loadOrCreate(dir, List.of("patent-office", "tax-bureau"));
        LocalTokens again = LocalTokens.loadOrCreate(dir, List.of("patent-office", "tax-bureau", "new-registry"));

        assertThat(first.admin()).hasSize(48).isEqualTo(again.admin());
        assertThat(first.providers()).containsOnlyKeys("patent-office", "tax-bureau");
        assertThat(again.providers()).containsAllEntriesOf(first.providers()).containsKey("new-registry");
        assertThat(first.providers().get("patent-office")).isNotEqualTo(first.providers().get("tax-bureau"));
        String file = Files.readString(dir.resolve(LocalTokens.FILE));
        assertThat(file).contains("admin=" + first.admin(), "provider.patent-office=" + first.providers().get("patent-office"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(LocalTokens.FILE))))
                .isEqualTo("rw-------");
    }
}
