package io.innopoints.sink.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Debian Chromium driven through the system chromedriver, fully offline: explicit driver and browser
 * paths (Selenium Manager never runs, nothing is downloaded), a fresh profile, no background networking. When the
 * packages are missing the test is skipped with the reason — except under {@code CI=true}, where it fails (CI must
 * install {@code chromium chromium-driver}).
 */
final class Browser {
    static final Path DRIVER = Path.of(env("INNOPOINTS_CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final Path BINARY = Path.of(env("INNOPOINTS_CHROMIUM", "/usr/lib/chromium/chromium"));

    private Browser() {
    }

    /** Skips (or under CI=true fails) when chromium or chromedriver is not installed. */
    static void requireChromium() {
        String missing = !Files.isExecutable(DRIVER) ? DRIVER.toString() : !Files.isExecutable(BINARY) ? BINARY.toString() : null;
        if (missing == null) {
            return;
        }
        String message = missing + " not found: install the Debian packages (apt-get install -y chromium chromium-driver)"
                + " or set INNOPOINTS_CHROMEDRIVER / INNOPOINTS_CHROMIUM";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("CI=true requires a browser for the dashboard test: " + message);
        }
        Assumptions.abort(message);
    }

    static ChromeDriver start(Path profile, int width, int height) throws IOException {
        requireChromium();
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        Files.createDirectories(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=" + width + "," + height, "--lang=zh-CN", "--force-device-scale-factor=1");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(30))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return driver;
    }

    /** SEVERE browser console entries (errors, failed loads) since the last call. */
    static List<String> consoleErrors(ChromeDriver driver) {
        return driver.manage().logs().get("browser").getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(e -> e.getLevel() + " " + e.getMessage()).toList();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
