package io.innopoints.launcher.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command on the packaged fat jar (not the test classpath: a dependency missing from the shaded jar
 * only shows here): it starts every component, prints the URLs and stops cleanly on SIGTERM (what Ctrl-C sends
 * as SIGINT takes the same shutdown hook).
 */
class LauncherJarIT {
    private static final Path JAR = Path.of("target/innopoints-local.jar");

    @Test
    void shouldStartFromTheFatJarPrintTheUrlsAndStopCleanlyOnSigterm(@TempDir Path dir) throws Exception {
        assertThat(JAR).as("the shaded jar (built in package)").exists();
        Path output = dir.resolve("stdout.txt");
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-jar", JAR.toString(), "--data-dir", dir.resolve("data").toString(), "--no-feed",
                "--dashboard-port", "0", "--ingest-port", "0", "--bootstrap-port", "0", "--registry-port", "0"))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            await().atMost(Duration.ofMinutes(2)).until(() -> Files.readString(output).contains("InnoPoints is running")
                    || !process.isAlive());
            assertThat(Files.readString(output)).contains("InnoPoints is running").contains("Dashboard:")
                    .contains("Ingest REST API:").contains("Metrics:");
        } finally {
            process.destroy();
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
        }
        assertThat(Files.readString(output)).contains("Stopping InnoPoints").doesNotContain("Exception");
    }
}
