package io.metacortex.host.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.RunningHost;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin console in a real browser: Debian's chromium, headless, driven through its chromedriver by Selenium, against
 * a running host. Screenshots of the main pages go to {@code target/console-screenshots/}. Where chromium is not
 * installed the tests are skipped, except under CI ({@code CI} set), where {@code .ci/run} installs it: there they fail.
 */
class ConsoleBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension(
            config -> config.getJobs().setPollingInterval(io.dropwizard.util.Duration.milliseconds(100)));

    private static ChromeDriverService service;
    private static WebDriver browser;
    private static Path profile;
    private static WebDriverWait wait;

    @BeforeAll
    static void startBrowser() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && System.getenv("CI") != null) {
            fail("chromium and chromium-driver are not installed: .ci/run installs them (apt-get install chromium"
                    + " chromium-driver)");
        }
        assumeTrue(installed, "the console's browser tests need Debian's chromium and chromium-driver");
        profile = Files.createTempDirectory("metacortex-console-browser");
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--window-size=1400,1000",
                        "--user-data-dir=" + profile);
        try {
            browser = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (service != null) {
                service.stop();
            }
            if (profile != null) {
                try (Stream<Path> files = Files.walk(profile)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    @BeforeEach
    void signedOutWithoutPlugins() {
        RUNNING.purgeAllPlugins();
        browser.get(RUNNING.host().uri("/console").toString());
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
    }

    @Test
    void aWrongTokenIsRefusedAsTheApiWordsItAndTheRightOneShowsThePlugins() {
        assertThat(browser.getCurrentUrl()).endsWith("/console/");
        signIn("not-the-token");
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertThat(error.getText()).contains("HTTP 401");
        assertThat(browser.findElement(By.id("nav")).isDisplayed()).isFalse();

        signIn(RunningHost.ADMIN_TOKEN);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("deploy-ok")));
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector("tr[data-plugin]"))).isEmpty();

        section("jobs");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("caption"), "Jobs, newest first"));
        assertThat(browser.findElement(By.id("job-state")).getAttribute("value"))
                .isEqualTo("failed");
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
        screenshot("jobs");
    }

    @Test
    void theKeyboardAloneSignsInAndMovesBetweenSections() {
        // The token field has the focus: type and press Enter, then tab to a section and press Enter.
        browser.switchTo().activeElement().sendKeys(RunningHost.ADMIN_TOKEN, Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("deploy-ok")));
        WebElement users = browser.findElement(By.cssSelector("#nav [data-view=users]"));
        for (int tab = 0; tab < 10 && !users.equals(browser.switchTo().activeElement()); tab++) {
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        assertThat(browser.switchTo().activeElement()).isEqualTo(users);
        users.sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-email")));
        assertThat(users.getAttribute("aria-current")).isEqualTo("page");
        assertThat(browser.findElement(By.cssSelector("label[for=new-email]")).getText())
                .isEqualTo("E-mail");
    }

    @Test
    void installAndUpgradeAfterTheirPreviewsThenRollBackAndTheAuditLogShowsIt(@TempDir Path jars) throws IOException {
        Path v11 = Files.write(
                jars.resolve("sample-1.1.0.jar"), Fixtures.asVersion(Fixtures.SAMPLE_V1, "1.1.0", Map.of()));
        signIn(RunningHost.ADMIN_TOKEN);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("deploy-ok")));

        WebElement preview = previewJar(Fixtures.SAMPLE_V1);
        assertThat(preview.findElement(By.tagName("h3")).getText()).contains("install");
        assertThat(preview.findElement(By.id("preview-versions")).getText()).isEqualTo("1.0.0");
        screenshot("install-preview");
        preview.findElement(By.id("confirm-operation")).click();
        assertThat(pluginRow("sample").getText()).contains("1.0.0", "ACTIVE");

        preview = previewJar(v11);
        assertThat(preview.findElement(By.tagName("h3")).getText()).contains("upgrade");
        assertThat(preview.findElement(By.id("preview-versions")).getText()).isEqualTo("1.0.0 → 1.1.0");
        assertThat(preview.getText()).doesNotContain("null", "undefined");
        screenshot("upgrade-preview");
        preview.findElement(By.id("confirm-operation")).click();
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("tr[data-plugin=sample]"), "1.1.0"));
        assertThat(RUNNING.host().get("/api/sample").json().get("version").asText())
                .isEqualTo("1.1.0");
        screenshot("plugins");

        pluginRow("sample")
                .findElement(By.cssSelector("button[aria-label='Roll back sample']"))
                .click();
        confirm();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Roll back sample: done."));
        assertThat(pluginRow("sample").findElements(By.tagName("td")).get(0).getText())
                .isEqualTo("1.0.0");
        assertThat(RUNNING.host().get("/api/sample").json().get("version").asText())
                .isEqualTo("1.0.0");

        section("audit");
        WebElement action = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("audit-action")));
        action.sendKeys("plugin.rollback");
        browser.findElement(By.cssSelector("#audit-filters button[type=submit]"))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("tbody"), "plugin.rollback"));
        List<WebElement> entries = browser.findElements(By.cssSelector("tbody tr"));
        assertThat(entries)
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row.getText()).contains("plugin.rollback"));
        assertThat(browser.findElement(By.id("view")).getText()).doesNotContain("null", "undefined");
        screenshot("audit");
    }

    @Test
    void theUpgradePreviewShowsTheApiDifferenceAndThatRollbackWouldBeLost() {
        assertThat(RUNNING.host().install(Fixtures.SAMPLE_V1).status()).isEqualTo(201);
        JsonNode expected = RUNNING.host()
                .admin("POST", "/admin/plugins/preview", Fixtures.bytes(Fixtures.SAMPLE_V2))
                .json();
        signIn(RunningHost.ADMIN_TOKEN);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-plugin=sample]")));

        WebElement preview = previewJar(Fixtures.SAMPLE_V2);
        assertThat(preview.findElement(By.id("preview-versions")).getText()).isEqualTo("1.0.0 → 2.0.0");
        String migrations = preview.findElement(By.id("preview-migrations")).getText();
        expected.get("migrations")
                .get("pending")
                .forEach(script -> assertThat(migrations).contains(script.asText()));
        assertThat(migrations)
                .contains(
                        "Rollback lost",
                        expected.get("migrations").get("detail").asText());
        String api = preview.findElement(By.id("preview-api")).getText();
        for (String kind : List.of("added", "removed", "changed")) {
            expected.get("api").get(kind).forEach(operation -> assertThat(api).contains(operation.asText()));
        }
        assertThat(preview.findElements(By.id("preview-breaking")))
                .hasSize(expected.get("api").get("breaking").asBoolean() ? 1 : 0);
        assertThat(preview.getText()).doesNotContain("null", "undefined");
        screenshot("upgrade-diff");

        preview.findElement(By.id("confirm-operation")).click();
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("tr[data-plugin=sample]"), "2.0.0"));
        assertThat(RUNNING.host()
                        .admin("GET", "/admin/plugins/sample", null)
                        .json()
                        .get("version")
                        .asText())
                .isEqualTo("2.0.0");
    }

    @Test
    void aFailedJobIsRetriedFromTheJobsPage() {
        assertThat(RUNNING.host().install(Fixtures.SAMPLE_V1).status()).isEqualTo(201);
        RunningHost.Reply scheduled = RUNNING.host()
                .postJson(
                        "/api/sample/jobs",
                        "{\"type\": \"flaky\", \"label\": \"f\", \"key\": \"flaky\", \"failures\": 1,"
                                + " \"maxAttempts\": 1, \"backoffMillis\": 1}");
        assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> RUNNING.host()
                                .admin("GET", "/admin/jobs?state=failed", null)
                                .json()
                                .get("items")
                                .size()
                        == 1);
        signIn(RunningHost.ADMIN_TOKEN);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-plugin=sample]")));

        section("jobs");
        WebElement retry = wait.until(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("button[aria-label^='Retry job']")));
        assertThat(browser.findElement(By.tagName("tbody")).getText())
                .contains("sample", "flaky", "flaky failure 1 of 1");
        screenshot("jobs-failed");
        retry.click();
        confirm();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "done."));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> RUNNING.host().get("/api/sample/job-runs").json().size() == 1);
    }

    @Test
    void aRefusedRollbackShowsTheApiErrorAndTheVersionStays() {
        assertThat(RUNNING.host().install(Fixtures.SAMPLE_V1).status()).isEqualTo(201);
        assertThat(RUNNING.host()
                        .upgrade("sample", Fixtures.bytes(Fixtures.SAMPLE_V2))
                        .status())
                .isEqualTo(200);
        signIn(RunningHost.ADMIN_TOKEN);

        pluginRow("sample")
                .findElement(By.cssSelector("button[aria-label='Roll back sample']"))
                .click();
        confirm();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertThat(error.getText()).contains("rollback refused", "forward-only", "HTTP 409");
        assertThat(pluginRow("sample").findElements(By.tagName("td")).get(0).getText())
                .isEqualTo("2.0.0");
        assertThat(RUNNING.host().get("/api/sample").json().get("version").asText())
                .isEqualTo("2.0.0");
    }

    @Test
    void cancellingTheConfirmationChangesNothing() {
        assertThat(RUNNING.host().install(Fixtures.SAMPLE_V1).status()).isEqualTo(201);
        signIn(RunningHost.ADMIN_TOKEN);

        pluginRow("sample")
                .findElement(By.cssSelector("button[aria-label='Uninstall and purge sample']"))
                .click();
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        assertThat(dialog.getText()).contains("DELETE ALL ITS DATA");
        dialog.findElement(By.cssSelector("button[value=cancel]")).click();
        wait.until(ExpectedConditions.invisibilityOf(dialog));
        assertThat(RUNNING.host().admin("GET", "/admin/plugins/sample", null).status())
                .isEqualTo(200);
        assertThat(browser.findElement(By.id("status")).getText()).isEmpty();
    }

    @Test
    void aRefusedJarShowsTheApiErrorAndChangesNothing() throws IOException {
        Path notAJar = Files.createTempFile("not-a-plugin", ".jar");
        try {
            Files.writeString(notAJar, "this is not a jar");
            signIn(RunningHost.ADMIN_TOKEN);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("deploy-ok")));
            section("install");
            browser.findElement(By.id("jar")).sendKeys(notAJar.toAbsolutePath().toString());
            browser.findElement(By.cssSelector("#preview-form button[type=submit]"))
                    .click();
            WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
            String apiError = RUNNING.host()
                    .admin("POST", "/admin/plugins/preview", Files.readAllBytes(notAJar))
                    .json()
                    .get("error")
                    .asText();
            assertThat(error.getText()).contains(apiError, "HTTP 4");
            assertThat(browser.findElements(By.id("confirm-operation"))).isEmpty();
            assertThat(RUNNING.host()
                            .admin("GET", "/admin/plugins", null)
                            .json()
                            .get("plugins"))
                    .isEmpty();
        } finally {
            Files.delete(notAJar);
        }
    }

    @Test
    void usersAreCreatedAndGetATokenShownOnce() {
        signIn(RunningHost.ADMIN_TOKEN);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("deploy-ok")));
        section("users");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-email")))
                .sendKeys("ada@example.com");
        browser.findElement(By.id("new-name")).sendKeys("Ada");
        browser.findElement(By.id("new-zone")).sendKeys("Europe/Berlin");
        browser.findElement(By.cssSelector("#new-user button[type=submit]")).click();
        WebElement row = wait.until(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-user='ada@example.com']")));
        assertThat(row.getText()).contains("Ada", "Europe/Berlin", "active");
        screenshot("users");

        row.findElement(By.cssSelector("button[aria-label='Create a token for ada@example.com']"))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("new-token"), "mct_"));
        String shown = browser.findElement(By.id("new-token")).getText();
        String token = shown.substring(shown.indexOf("mct_"));
        assertThat(RUNNING.host()
                        .as(token, "GET", "/api/me", null)
                        .json()
                        .get("email")
                        .asText())
                .isEqualTo("ada@example.com");

        WebElement before = browser.findElement(By.id("new-email"));
        section("users");
        wait.until(ExpectedConditions.stalenessOf(before));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-email")))
                .sendKeys("not an e-mail");
        browser.findElement(By.id("new-name")).sendKeys("Nobody");
        // The browser's own check of type=email would stop the form: the API's answer is what the console shows.
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("document.getElementById('new-email').type = 'text'");
        browser.findElement(By.cssSelector("#new-user button[type=submit]")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertThat(error.getText()).contains("email", "HTTP 4");
        assertThat(browser.findElements(By.cssSelector("tr[data-user='not an e-mail']")))
                .isEmpty();
    }

    private void signIn(String token) {
        WebElement field = browser.findElement(By.id("token"));
        field.clear();
        field.sendKeys(token);
        browser.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
    }

    private void section(String name) {
        browser.findElement(By.cssSelector("#nav [data-view=" + name + "]")).click();
    }

    private WebElement previewJar(Path jar) {
        section("install");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("jar")))
                .sendKeys(jar.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("#preview-form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-operation")));
        return browser.findElement(By.id("preview"));
    }

    private WebElement pluginRow(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-plugin=" + id + "]")));
    }

    private void confirm() {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-yes")))
                .click();
    }

    private void screenshot(String name) {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(
                    shot.toPath(),
                    SCREENSHOTS.resolve(name + ".png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
