package dev.keel.report;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens the fixture report in headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * installed by .ci/run): no console errors, every chart drawn at a real size, the table sorts and filters,
 * and with scripts off the charts and the table are still there. Saves a screenshot to
 * {@code report/target/report-screenshot.png}.
 */
class BrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /**
     * One message whether Chromium or its driver is missing: README's test command must pass on a machine that
     * has Chromium without chromedriver, as on one that has neither.
     */
    static final String SKIPPED = "skipped: no Chromium at /usr/bin/chromium or no chromedriver at /usr/bin/chromedriver"
            + " (apt-get install chromium chromium-driver; .ci/run does)";

    /** Whether the browser test can run: both the browser and its driver are there. */
    static boolean canRun(Path chromium, Path chromedriver) {
        return Files.isExecutable(chromium) && Files.isExecutable(chromedriver);
    }

    @TempDir
    static Path dir;
    static Path report;
    ChromeDriver driver;

    @BeforeAll
    static void render() throws Exception {
        Assumptions.assumeTrue(canRun(CHROMIUM, CHROMEDRIVER), SKIPPED);
        Path run = FixtureSweep.write40(dir.resolve("run"));
        report = ReportWriter.write(run, run.resolve("report.html"));
    }

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    private ChromeDriver open(boolean scripts) throws Exception {
        // An explicit driver and browser: Selenium Manager must never try to download either.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1280,1800",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-profile"));
        if (!scripts) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.get(report.toUri().toString());
        return driver;
    }

    @Test
    void theReportOpensWithoutConsoleErrorsAndEveryChartIsDrawn() throws Exception {
        open(true);
        List<WebElement> charts = driver.findElements(By.cssSelector("figure img"));
        assertThat(charts).hasSizeGreaterThanOrEqualTo(8);
        for (WebElement img : charts) {
            assertThat(loaded(img)).as(img.getAttribute("alt")).isTrue();
            assertThat(img.getSize().getWidth()).isPositive();
            assertThat(img.getSize().getHeight()).isPositive();
        }
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "report-screenshot.png");
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(severe()).isEmpty();
        // The log channel works, so "no errors" above is a finding and not a deaf ear.
        ((JavascriptExecutor) driver).executeScript("console.error('probe from BrowserTest');");
        assertThat(severe()).anyMatch(e -> e.contains("probe from BrowserTest"));
    }

    @Test
    void clickingAHeaderSortsTheTableAndAgainReversesIt() throws Exception {
        open(true);
        WebElement header = driver.findElement(By.xpath("//table[@id='trial-table']/thead//th[normalize-space()='learning_rate']"));
        int column = Integer.parseInt(String.valueOf(((JavascriptExecutor) driver)
                .executeScript("return arguments[0].cellIndex;", header)));
        click(header.findElement(By.tagName("button")));
        List<Double> up = numbers(column);
        assertThat(header.getAttribute("aria-sort")).isEqualTo("ascending");
        assertThat(up).hasSize(40).isSorted();
        click(header.findElement(By.tagName("button")));
        List<Double> down = numbers(column);
        assertThat(header.getAttribute("aria-sort")).isEqualTo("descending");
        assertThat(down).isSortedAccordingTo(java.util.Comparator.reverseOrder()).containsExactlyInAnyOrderElementsOf(up);

        click(driver.findElement(By.xpath("//table[@id='trial-table']/thead//th[normalize-space()='trial']//button")));
        List<String> ids = driver.findElements(By.cssSelector("#trial-table tbody tr td:first-child"))
                .stream().map(WebElement::getText).toList();
        assertThat(ids).isSorted();
        assertThat(severe()).isEmpty();
    }

    @Test
    void theFilterKeepsOnlyMatchingRowsAndARowLinksToItsSection() throws Exception {
        open(true);
        WebElement bar = driver.findElement(By.id("trial-filter"));
        assertThat(bar.isDisplayed()).isTrue();
        new Select(bar.findElement(By.tagName("select"))).selectByVisibleText("vanishing");
        List<WebElement> visible = driver.findElements(By.cssSelector("#trial-table tbody tr")).stream()
                .filter(WebElement::isDisplayed).toList();
        assertThat(visible).isNotEmpty().allMatch(r -> "vanishing".equals(r.getAttribute("data-outcome")));
        assertThat(bar.findElement(By.tagName("output")).getText()).isEqualTo(visible.size() + " of 40 trials");

        WebElement link = visible.get(0).findElement(By.cssSelector("td:first-child a"));
        String id = link.getAttribute("href").substring(link.getAttribute("href").indexOf('#') + 1);
        click(link);
        WebElement section = driver.findElement(By.id(id));
        WebElement thumbnail = section.findElement(By.tagName("img"));
        new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> loaded(thumbnail));
        assertThat(thumbnail.getSize().getWidth()).isPositive();
        assertThat(section.getText()).contains("Diagnosed vanishing");
        assertThat(severe()).isEmpty();
    }

    @Test
    void withScriptsOffTheChartsAndTheTableAreStillThere() throws Exception {
        open(false);
        assertThat(driver.findElements(By.cssSelector("#trial-table tbody tr"))).hasSize(40);
        assertThat(driver.findElement(By.id("trial-filter")).isDisplayed()).isFalse();
        for (WebElement img : driver.findElements(By.cssSelector("figure img"))) {
            assertThat(img.getSize().getWidth()).isPositive();
            assertThat(img.getSize().getHeight()).isPositive();
        }
        WebElement error = driver.findElement(By.cssSelector("#trial-t0002 pre.error"));
        assertThat(error.getText()).isEqualTo(FixtureSweep.HOSTILE_ERROR);
        assertThat(severe()).isEmpty();
    }

    /** Clicks as a user would: with the element in the middle of the window, not under the sticky navigation. */
    private void click(WebElement e) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", e);
        e.click();
    }

    private boolean loaded(WebElement img) {
        Object ok = ((JavascriptExecutor) driver)
                .executeScript("var i = arguments[0]; return i.complete && i.naturalWidth > 0;", img);
        return Boolean.TRUE.equals(ok);
    }

    private List<Double> numbers(int column) {
        List<Double> values = new ArrayList<>();
        for (WebElement row : driver.findElements(By.cssSelector("#trial-table tbody tr"))) {
            values.add(Double.parseDouble(row.findElements(By.tagName("td")).get(column).getAttribute("data-sort")));
        }
        return values;
    }

    private List<String> severe() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::toString).toList();
    }
}
