package io.innopoints.launcher.bench;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Benchmark (not a test; run by hand, see the root README): starts {@code innopoints-local.jar} as its own JVM on a
 * fresh data directory and free ports, with headless Debian Chromium (already running) polling the dashboard, and
 * prints the wall time from the process start to the first leaderboard row on screen. Optionally keeps the run
 * going for a while and saves a screenshot of the live dashboard.
 *
 * <pre>./mvnw -B -q -o -pl local-stack/launcher -am package -DskipTests dependency:build-classpath \
 *     -Dmdep.outputFile=target/launcher-cp.txt -Dmdep.includeScope=test
 * java -Xmx512m -cp local-stack/launcher/target/test-classes:$(cat local-stack/launcher/target/launcher-cp.txt) \
 *     io.innopoints.launcher.bench.StartupToLeaderboardBench local-stack/launcher/target/innopoints-local.jar \
 *     [docs/local-run.png [seconds of live data before the screenshot]]</pre>
 */
public final class StartupToLeaderboardBench {
    private StartupToLeaderboardBench() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "local-stack/launcher/target/innopoints-local.jar");
        Path shot = args.length > 1 ? Path.of(args[1]) : null;
        long liveSeconds = args.length > 2 ? Long.parseLong(args[2]) : 60;
        Path dataDir = Files.createTempDirectory("innopoints-bench");
        int dashboard = freePort();
        ChromeDriver driver = chromium(dataDir.resolve("chromium"));
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx2g", "-jar", jar.toString(), "--data-dir",
                dataDir.resolve("run").toString(), "--dashboard-port", Integer.toString(dashboard),
                "--ingest-port", Integer.toString(freePort()), "--bootstrap-port", Integer.toString(freePort()),
                "--registry-port", Integer.toString(freePort()))
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("stdout.txt").toFile());
        long start = System.nanoTime();
        Process process = pb.start();
        try {
            String url = "http://localhost:" + dashboard + "/";
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
                if (!driver.getCurrentUrl().startsWith(url) || driver.findElements(By.cssSelector("[data-cohort]")).isEmpty()) {
                    driver.get(url);
                }
                return driver.findElements(By.cssSelector("[data-cohort] tbody tr")).stream().anyMatch(e -> e.isDisplayed());
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("start-up to first leaderboard row on screen: %.1f s%n", seconds);
            if (shot != null) {
                long until = System.nanoTime() + Duration.ofSeconds(liveSeconds).toNanos();
                await().atMost(Duration.ofSeconds(liveSeconds + 30)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> System.nanoTime() >= until);
                Files.createDirectories(shot.toAbsolutePath().getParent());
                Files.write(shot, driver.getScreenshotAs(OutputType.BYTES));
                System.out.println("screenshot after " + liveSeconds + " s of live data: " + shot);
            }
        } finally {
            driver.quit();
            process.destroy();
            process.waitFor();
            System.out.println("run output: " + dataDir.resolve("stdout.txt"));
        }
    }

    private static ChromeDriver chromium(Path profile) throws IOException {
        Files.createDirectories(profile);
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/lib/chromium/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1440,1100",
                "--lang=zh-CN", "--force-device-scale-factor=1");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
