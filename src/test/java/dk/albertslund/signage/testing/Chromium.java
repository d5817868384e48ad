package dk.albertslund.signage.testing;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;


/**
 * Debian's Chromium and ChromeDriver for browser tests; nothing is downloaded. Without
 * them a test is skipped with a line saying how to install them, unless
 * SIGNAGE_REQUIRE_BROWSER=true (set by CI), which makes that a failure.
 */
public final class Chromium {

    private static final File BROWSER = new File("/usr/bin/chromium");
    private static final File DRIVER = new File("/usr/bin/chromedriver");
    private static final Path AXE = Path.of("src/test/browser/node_modules/axe-core/axe.min.js");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    private Chromium() {
    }

    /** Whether Chromium and its driver are here; throws when they must be (CI) and are not. */
    public static boolean installed() {
        boolean installed = BROWSER.canExecute() && DRIVER.canExecute();
        if (!installed && "true".equals(System.getenv("SIGNAGE_REQUIRE_BROWSER"))) {
            throw new IllegalStateException("SIGNAGE_REQUIRE_BROWSER is set but /usr/bin/chromium or /usr/bin/chromedriver is missing");
        }
        return installed;
    }

    /** A headless Chromium with a fresh profile; skips the calling test when Chromium is not installed. */
    public static ChromeDriver start(int width, int height, String... arguments) {
        Assumptions.assumeTrue(installed(), "Chromium is not installed: apt-get install -y chromium chromium-driver");
        return launch(width, height, arguments);
    }

    /** A headless Chromium with a fresh profile, for benchmarks, which have no test to skip. */
    public static ChromeDriver launch(int width, int height, String... arguments) {
        try {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(BROWSER);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--window-size=" + width + "," + height,
                    "--user-data-dir=" + Files.createTempDirectory("chromium"));
            options.addArguments(arguments);
            // a Danish member of staff's browser, as most of the campus's are
            options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "da,en"));
            // the console, for contentSecurityPolicyViolations()
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).usingAnyFreePort().build();
            return new ChromeDriver(service, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves what the browser shows now as target/screenshots/{name}.png, for people to review. */
    public static Path screenshot(ChromeDriver browser, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs axe-core (from the npm registry, installed by the build) on the page and returns
     * its serious and critical violations as "rule: target" lines.
     */
    @SuppressWarnings("unchecked")
    public static List<String> seriousAccessibilityViolations(ChromeDriver browser) {
        try {
            browser.executeScript(Files.readString(AXE));
        } catch (IOException e) {
            throw new UncheckedIOException("axe-core is missing: run npm ci in src/test/browser (the Maven build does)", e);
        }
        Object result = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] })
                  .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                      .flatMap(v => v.nodes.map(n => v.id + ': ' + n.target.join(' ') + ' (' + v.help + ')'))))
                  .catch(e => done(['axe failed: ' + e]));
                """);
        // axe-core adds <style> elements of its own, which a page's CSP refuses in the console:
        // those lines are axe's, not the page's, so they are read and dropped here
        browser.manage().logs().get(LogType.BROWSER);
        return (List<String>) result;
    }

    /**
     * What the browser's console said about the Content-Security-Policy since it was last
     * asked (Chromium logs each blocked script, style, picture, connection or eval there).
     */
    public static List<String> contentSecurityPolicyViolations(ChromeDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy"))
                .toList();
    }

    /** Polls every 50 ms until the value is neither null nor false, or the time is up (then returns the last value). */
    public static <T> T waitFor(Duration limit, Supplier<T> value) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        T result = value.get();
        while ((result == null || Boolean.FALSE.equals(result)) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            result = value.get();
        }
        return result;
    }
}
