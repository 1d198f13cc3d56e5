package io.innopoints.sink.http;

import io.innopoints.sink.json.SinkJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.innopoints.schemas.score.EnterpriseScore;
import io.innopoints.schemas.score.Leaderboard;
import io.innopoints.schemas.score.RankingChange;
import io.innopoints.schemas.score.RankingChangeKind;
import io.innopoints.schemas.topic.Topic;
import io.innopoints.schemas.topic.TopicCatalog;
import io.innopoints.sink.app.SinkApp;
import io.innopoints.sink.config.SinkConfig;
import io.innopoints.sink.testing.Fixtures;
import io.innopoints.sink.testing.Platform;
import io.innopoints.sink.testing.ReleaseEvents;
import io.innopoints.sink.testing.TestAccess;
import io.innopoints.sink.testing.TestDatabases;
import io.innopoints.sink.http.DashboardData.Firm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard in a real browser (headless Debian Chromium) against a sink on the embedded platform: records
 * published to Kafka with our Avro serde appear on the open page without a reload (SSE), the enterprise page renders
 * its breakdown, history and explanations, the what-if form answers, and the console stays free of errors.
 * Screenshots go to {@code target/screenshots/}.
 */
@Timeout(180)
class DashboardBrowserIT {
    static final ObjectMapper JSON = SinkJson.mapper();
    static final Path SHOTS = Path.of("target", "screenshots");

    @TempDir
    Path tmp;
    TopicCatalog topics;
    Platform.Producer producer;
    SinkApp app;
    ChromeDriver driver;
    Firm featured;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() throws Exception {
        Browser.requireChromium();
        topics = Platform.topics(1);
        producer = new Platform.Producer();
        Map<String, String> props = new HashMap<>(Platform.topicProperties(topics));
        props.put("jdbc.url", TestDatabases.sqliteUrl(tmp));
        props.put("bootstrap.servers", Platform.bootstrapServers());
        props.put("schema.registry.url", Platform.registryUrl());
        props.put("group.id", Platform.unique("dashboard"));
        props.put("http.port", "0");
        props.put("poll.timeout.ms", "100");
        props.put("lag.interval.ms", "1000");
        props.put("lag.window.samples", "3");
        props.putAll(TestAccess.adminProperties());
        // the test bank's credit programme over ZONE-A: every ranked enterprise of the zone, 10 million yuan
        props.put("credit.dash.bank", TestAccess.BANK_ID);
        props.put("credit.dash.zone", "ZONE-A");
        props.put("credit.dash.budget-yuan", "10000000");
        props.put("credit.dash.cap-yuan", "5000000");
        props.put("credit.dash.tiers", "A=4,B=3,C=2,D=1");
        app = SinkApp.start(SinkConfig.load(props, Map.of()));
        driver = Browser.start(tmp.resolve("chromium-profile"), 1440, 1100);
    }

    @AfterEach
    void tearDown() {
        if (driver != null) {
            driver.quit();
        }
        if (app != null) {
            app.close();
        }
        if (producer != null) {
            producer.close();
        }
    }

    String base() {
        return "http://localhost:" + app.httpPort();
    }

    JsonNode api(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + path))
                        .headers(TestAccess.bearer(TestAccess.ADMIN)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    }

    void publish(List<EnterpriseScore> scores, List<RankingChange> changes, List<Leaderboard> boards) {
        scores.forEach(s -> producer.send(topics.name(Topic.ENTERPRISE_SCORES), s.getCreditCode(), s));
        changes.forEach(c -> producer.send(topics.name(Topic.RANKING_CHANGES), c.getCreditCode(), c));
        boards.forEach(b -> producer.send(topics.name(Topic.LEADERBOARDS), b.getCohortId(), b));
    }

    /**
     * Twelve firms in ZONE-A and four in ZONE-B, their JOINED changes, then two more revisions of the featured firm
     * (the 6th of ZONE-A) and the leaderboards.
     */
    DashboardData seed() throws Exception {
        DashboardData data = new DashboardData(12, 4);
        List<EnterpriseScore> first = data.scoreAll(DashboardData.day(0));
        List<RankingChange> joined = first.stream().map(s -> DashboardData.change("joined-" + s.getCreditCode(), null, s,
                s.getRanks().get(0).getCohortId(), RankingChangeKind.JOINED)).toList();
        featured = data.firms.stream().filter(f -> f.last.getRanks().get(0).getRank() == 6).findFirst().orElseThrow();
        EnterpriseScore before = featured.last;
        featured.values.put("patents-granted-3y", featured.values.get("patents-granted-3y") + 1);
        featured.values.put("rd-expense", DashboardData.round(featured.values.get("rd-expense") * 1.1));
        EnterpriseScore second = data.rescore(featured, DashboardData.day(20),
                List.of("evt-" + featured.n + "-patent-CN2026001", "evt-" + featured.n + "-tax-2025"));
        featured.values.put("contract-turnover", DashboardData.round(featured.values.get("contract-turnover") * 0.7));
        EnterpriseScore third = data.rescore(featured, DashboardData.day(40),
                List.of("evt-" + featured.n + "-contract-TC2026-031"));
        publish(first, joined, List.of());
        publish(List.of(second, third), List.of(DashboardData.change("moved-f-r2", before, second,
                DashboardData.zoneCohort("ZONE-A"), RankingChangeKind.MOVED)), List.of(
                data.leaderboard(DashboardData.zoneCohort("ZONE-A"), DashboardData.day(30)),
                data.leaderboard(DashboardData.zoneCohort("ZONE-B"), DashboardData.day(30)),
                data.leaderboard(DashboardData.nationCohort(), DashboardData.day(30))));
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode boards = api("/api/v1/leaderboards");
            JsonNode changes = api("/api/v1/changes?limit=1000");
            return boards != null && boards.size() == 3 && changes != null && changes.size() == 17;
        });
        return data;
    }

    WebElement waitFor(By by) {
        return await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> driver.findElement(by), e -> e.isDisplayed());
    }

    void screenshot(String name) throws Exception {
        Files.createDirectories(SHOTS);
        Files.write(SHOTS.resolve(name), driver.getScreenshotAs(OutputType.BYTES));
    }

    /** On a 390 px wide window the page itself does not scroll sideways (wide tables scroll inside their panel). */
    void assertNoHorizontalScrollOnAPhone() throws Exception {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat((Boolean) driver.executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth;")).isTrue());
        screenshot("phone-" + driver.getCurrentUrl().contains("enterprise") + ".png");
    }

    /** Resizes the window to the page's height so a screenshot shows the whole page. */
    void fullPage() {
        long height = (Long) driver.executeScript("return Math.min(document.documentElement.scrollHeight"
                + " + window.outerHeight - window.innerHeight, 5000);");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1440, (int) Math.max(height, 900)));
        driver.executeScript("window.scrollTo(0, 0)");
    }

    @Test
    void shouldShowPublishedRankingChangeAndLeaderboardLiveWithoutReload() throws Exception {
        // Given a sink with data and the dashboard open, connected to the live stream
        DashboardData data = seed();
        signIn(TestAccess.ADMIN);
        String zoneA = DashboardData.zoneCohort("ZONE-A");
        waitFor(By.cssSelector("[data-cohort='" + zoneA + "'] tbody tr"));
        waitFor(By.cssSelector("#live-status.live.on"));
        await().atMost(Duration.ofSeconds(30)).until(() -> app.feed().subscriberCount() > 0);
        driver.executeScript("window.__sameDocument = 'yes';");

        // When a firm far down the list jumps to first place: its score, the ranking change and the new leaderboard
        Firm mover = data.firm(9);
        EnterpriseScore before = mover.last;
        data.maxOut(mover);
        EnterpriseScore after = data.rescore(mover, DashboardData.day(45), List.of("evt-9-patent-CN2026777"));
        RankingChange change = DashboardData.change("live-9-r2", before, after, zoneA, RankingChangeKind.MOVED);
        publish(List.of(after), List.of(change), List.of(data.leaderboard(zoneA, DashboardData.day(45))));

        // Then the change appears in the live feed and the leaderboard card shows the mover, in the same document
        WebElement item = waitFor(By.cssSelector("#feed [data-change-id='live-9-r2']"));
        assertThat(item.getText()).contains(mover.name());
        assertThat(change.getOldRank()).isGreaterThan(change.getNewRank());
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(driver
                .findElement(By.cssSelector("[data-cohort='" + zoneA + "'] tr[data-credit-code='" + mover.code()
                        + "'] td")).getText()).isEqualTo(String.valueOf(change.getNewRank())));
        assertThat(driver.executeScript("return window.__sameDocument;")).isEqualTo("yes");

        // And the lag panel lists the sink's own consumer group
        waitFor(By.cssSelector("#lag tr[data-group]"));
        // And an input ingest rejected appears in the rejected-inputs panel with its field error
        producer.send(topics.name(Topic.INGEST_REJECTED), mover.code(),
                Fixtures.deadLetter("patent-office", "patents", 50, "{}", "eventTime"));
        WebElement rejected = waitFor(By.cssSelector("#rejections tr[data-event-id='evt-patent-office-50']"));
        assertThat(rejected.getText()).contains("patent-office").contains("patents").contains("eventTime");
        fullPage();
        screenshot("dashboard.png");

        // And the labels switch to English
        driver.findElement(By.id("lang-toggle")).click();
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() ->
                assertThat(driver.findElement(By.id("boards-title")).getText()).isEqualTo("Leaderboards by stage and scope"));
        waitFor(By.cssSelector("#feed [data-change-id='live-9-r2']"));
        screenshot("dashboard-en.png");
        assertNoHorizontalScrollOnAPhone();
        assertThat(Browser.consoleErrors(driver)).isEmpty();
    }

    @Test
    void shouldRenderEnterprisePageWithBreakdownHistoryExplanationsAndWhatIf() throws Exception {
        // Given a firm with three revisions
        seed();
        Firm firm = featured;

        // When its page is opened by a zone admin
        signIn(TestAccess.ADMIN);
        driver.get(base() + "/#/enterprise/" + firm.code());

        // Then the breakdown shows one bar per dimension of the model, the indicator table every indicator,
        // the history charts both revisions and the explanation its cause events and indicator deltas
        waitFor(By.cssSelector("#breakdown svg g.bar"));
        assertThat(driver.findElements(By.cssSelector("#breakdown svg g.bar"))).hasSize(DashboardData.MODEL.dimensions().size());
        assertThat(driver.findElement(By.cssSelector("#breakdown svg g.bar")).getAttribute("data-label")).isEqualTo("技术创新");
        assertThat(driver.findElements(By.cssSelector("#indicator-table tbody tr"))).hasSize(DashboardData.MODEL.indicators().size());
        assertThat(driver.findElement(By.id("ent-total")).getText()).isEqualTo(formatted(firm.last.getTotal()));
        assertThat(driver.findElements(By.cssSelector("#history svg circle"))).hasSizeGreaterThanOrEqualTo(4);
        WebElement second = driver.findElement(By.cssSelector("#explanations li[data-revision='2']"));
        assertThat(second.getText()).contains("evt-" + firm.n + "-patent-CN2026001", "近三年专利授权数", "研发费用");

        // And the what-if form answers with the minimum change to reach the top 3 of its zone
        WebElement top = driver.findElement(By.id("wi-top"));
        top.clear();
        top.sendKeys("5");
        WebElement patents = driver.findElement(By.id("wi-invention-patents"));
        patents.clear();
        patents.sendKeys(String.valueOf((int) (firm.values.get("invention-patents") + 1)));
        String patentsName = "有效发明专利";
        driver.findElement(By.cssSelector("#whatif-form button[type=submit]")).click();
        WebElement target = waitFor(By.id("whatif-target"));
        assertThat(target.getText()).contains("Top 5");
        assertThat(driver.findElement(By.id("whatif-result")).getText()).contains(patentsName);
        assertThat(driver.findElement(By.id("whatif-new-total")).getText()).isNotBlank();
        driver.executeScript("document.getElementById('whatif-result').scrollIntoView()");
        screenshot("enterprise-whatif.png");
        fullPage();
        screenshot("enterprise.png");
        assertNoHorizontalScrollOnAPhone();
        assertThat(Browser.consoleErrors(driver)).isEmpty();
    }

    /** Signs in through the header's form; the page reloads as the new principal. */
    void signIn(String token) {
        driver.get(base() + "/");
        waitFor(By.id("token-input")).sendKeys(token);
        driver.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        waitFor(By.cssSelector("#signed-in[data-role]"));
    }

    @Test
    void shouldShowThePublicOnlyLeaderboardsWithoutEnterpriseLinksFeedOrLag() throws Exception {
        // Given a sink with data, and the dashboard opened without signing in
        seed();
        driver.get(base() + "/");
        String zoneA = DashboardData.zoneCohort("ZONE-A");

        // Then the leaderboards show names, totals and tiers, but no links, no feed and no lag panel
        waitFor(By.cssSelector("[data-cohort='" + zoneA + "'] tbody tr"));
        assertThat(driver.findElements(By.cssSelector("[data-cohort='" + zoneA + "'] tbody tr a"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("[data-credit-code]"))).isEmpty();
        assertThat(driver.findElements(By.id("feed-panel"))).isEmpty();
        assertThat(driver.findElements(By.id("lag-panel"))).isEmpty();
        assertThat(driver.findElements(By.id("rejections-panel"))).isEmpty();
        assertThat(driver.findElements(By.id("credit-panel"))).isEmpty();
        assertThat(driver.findElement(By.id("sign-in")).isDisplayed()).isTrue();

        // And a bank that signs in sees the feed but still no lag panel, and the sign-out returns to the public view
        signIn(TestAccess.BANK);
        waitFor(By.id("feed-panel"));
        assertThat(driver.findElement(By.id("signed-in")).getAttribute("data-role")).isEqualTo("bank");
        assertThat(driver.findElements(By.id("lag-panel"))).isEmpty();
        // and its credit programme: the list as the API gives it (ZONE-A's eligible enterprises), the whole budget
        JsonNode allocation = api("/api/v1/credit-programmes/dash/allocation");
        assertThat(allocation.get("entries")).isNotEmpty();
        waitFor(By.cssSelector("#credit-panel .credit-table tbody tr"));
        assertThat(driver.findElements(By.cssSelector("#credit-panel .credit-table tbody tr")))
                .extracting(e -> e.getAttribute("data-credit-code"))
                .containsExactlyElementsOf(allocation.get("entries").findValuesAsText("creditCode"));
        assertThat(driver.findElement(By.cssSelector("#credit-panel .credit-summary strong")).getText())
                .isEqualTo("10,000,000");
        screenshot("credit-panel.png");
        assertThat(driver.findElements(By.id("rejections-panel"))).isEmpty();
        driver.findElement(By.id("sign-out")).click();
        waitFor(By.id("sign-in"));
        // And an operator sees lag and rejected inputs but no change feed
        signIn(TestAccess.OPERATOR);
        waitFor(By.id("rejections-panel"));
        waitFor(By.id("lag-panel"));
        assertThat(driver.findElements(By.id("feed-panel"))).isEmpty();
        assertThat(driver.findElements(By.id("credit-panel"))).isEmpty();
        driver.findElement(By.id("sign-out")).click();
        waitFor(By.id("sign-in"));
        assertThat(Browser.consoleErrors(driver)).isEmpty();
    }

    @Test
    void shouldCloseAPeriodFromTheDashboardAndShowTheReleaseToAZoneAdmin() throws Exception {
        // Given the input topics hold a small log (three ZONE-A start-ups, patents recorded in January 2025)
        for (org.apache.avro.specific.SpecificRecord e : ReleaseEvents.all()) {
            producer.send(topics.name(io.innopoints.schemas.topic.EventType.byRecordClass(e.getClass()).orElseThrow()),
                    io.innopoints.schemas.topic.EventHeader.of(e).creditCode(), e);
        }

        // When an operator closes 2024-annual in the releases panel
        signIn(TestAccess.OPERATOR);
        waitFor(By.cssSelector("#release-close button[type=submit]"));
        driver.findElement(By.cssSelector("#release-close input[name=periodId]")).sendKeys("2024-annual");
        driver.executeScript("arguments[0].value = '2024-12-31'; arguments[1].value = '2025-02-01';",
                driver.findElement(By.cssSelector("#release-close input[name=asOf]")),
                driver.findElement(By.cssSelector("#release-close input[name=cutOff]")));
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.cssSelector("#release-close select[name=model]")))
                .selectByVisibleText("national-2024 2024.1-example");
        driver.findElement(By.cssSelector("#release-close button[type=submit]")).click();

        // Then it is told version 1 was published, and sees the version listed (no enterprise data for an operator)
        await().atMost(Duration.ofSeconds(30)).until(() ->
                driver.findElement(By.id("release-close-result")).getText().contains("2024-annual v1"));
        waitFor(By.cssSelector("#releases-panel [data-release='2024-annual:1']"));
        assertThat(driver.findElements(By.id("release-detail"))).isEmpty();
        driver.findElement(By.id("sign-out")).click();
        waitFor(By.id("sign-in"));

        // And a zone admin sees the release: its cohorts' top lists as the API gives them
        signIn(TestAccess.ADMIN);
        waitFor(By.cssSelector("#release-detail[data-version='1']"));
        JsonNode release = api("/api/v1/releases/2024-annual");
        JsonNode zoneA = null;
        for (JsonNode c : release.get("cohorts")) {
            if (c.get("cohortId").asText().equals("zone:ZONE-A:startup")) {
                zoneA = c;
            }
        }
        assertThat(zoneA).isNotNull();
        driver.findElement(By.cssSelector("#release-detail [data-cohort='zone:ZONE-A:startup'] summary")).click();
        assertThat(driver.findElements(By.cssSelector("#release-detail [data-cohort='zone:ZONE-A:startup'] tbody tr")))
                .extracting(e -> e.getAttribute("data-credit-code"))
                .containsExactlyElementsOf(zoneA.get("top").findValuesAsText("creditCode"));
        assertThat(driver.findElement(By.id("release-detail")).getText()).contains(release.get("digest").asText());
        screenshot("releases-panel.png");
        assertThat(Browser.consoleErrors(driver)).isEmpty();
    }

    static String formatted(double v) {
        return new java.text.DecimalFormat("#,##0.##", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.US)).format(v);
    }
}
