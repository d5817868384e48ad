package dk.albertslund.signage.feed;

import dk.albertslund.signage.core.Slugs;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Chromium;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feed pages in Chromium as an editor uses them: add a calendar, import it, see its
 * announcements, and watch a running import move on without reloading. Every page is
 * checked with axe-core and saved as a screenshot under target/screenshots.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedPagesBrowserTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    EmbeddedServer server;
    @Inject
    FeedImportStatus importStatus;

    private ChromeDriver browser;
    private FeedServer calendars;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("signage.feeds.allowed-addresses", "127.0.0.1");
    }

    @BeforeAll
    void start() throws IOException {
        browser = Chromium.start(1280, 1000);
        calendars = new FeedServer();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (calendars != null) {
            calendars.close();
        }
    }

    /** localhost, not 127.0.0.1: browsers accept the Secure CSRF cookie over http only there. */
    private String url(String path) {
        return "http://localhost:" + server.getPort() + path;
    }

    private void checkAndKeep(String screenshot) {
        assertThat(Chromium.seriousAccessibilityViolations(browser)).as("axe-core on " + browser.getCurrentUrl()).isEmpty();
        Chromium.screenshot(browser, screenshot);
    }

    /** The page polls every 2 s; ten seconds is plenty even on a busy machine. */
    private static void waitUntil(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited 10 s for the page to change").isBefore(deadline);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void an_editor_adds_a_calendar_imports_it_and_watches_a_running_import() throws InterruptedException {
        String institution = fixtures.unique("musikteatret");
        Api admin = fixtures.signedIn(Role.ADMIN);
        long institutionId = ((Number) admin.post("/api/v1/institutions", Map.of("slug", institution, "name", "Musikteatret"))
                .body().get("id")).longValue();
        String username = fixtures.staffMember(EnumSet.of(Role.EDITOR), institutionId);
        calendars.serveFresh("/musikteatret.ics", FeedPagesTest.calendar(FeedPagesTest.event("vinter-1@example.org",
                "Vinterkoncert: Campuskoret", Instant.now().truncatedTo(ChronoUnit.HOURS).plus(2, ChronoUnit.DAYS))));
        String name = fixtures.unique("Musikteatrets kalender");
        String slug = Slugs.fromName(name, "feed");

        browser.get(url("/admin/login?next=/admin/feeds"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD);
        browser.findElement(By.cssSelector("form.stacked button[type=submit]")).click();
        // the click starts the sign-in; the page it leads to may not have begun loading yet
        assertThat(Chromium.waitFor(Duration.ofSeconds(10), () -> browser.getCurrentUrl().endsWith("/admin/feeds")
                && !browser.findElements(By.tagName("h1")).isEmpty())).isTrue();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Kalendere og nyheder");
        browser.findElement(By.linkText("Tilføj en kalender eller et nyhedsfeed")).click();
        checkAndKeep("feeds-new");

        browser.findElement(By.id("name")).sendKeys(name);
        browser.findElement(By.id("url")).sendKeys(calendars.url("/musikteatret.ics"));
        browser.findElement(By.cssSelector("form.feed-form button[type=submit]")).click();
        waitUntil(() -> browser.getCurrentUrl().endsWith("?notice=feeds.created"));
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText())
                .isEqualTo("Feedet er tilføjet. Importér det nu, eller vent på den første import.");

        // the import runs while the post waits, so the click may return before the next page has come
        browser.findElement(By.id("import-now")).click();
        waitUntil(() -> browser.getCurrentUrl().endsWith("?notice=feeds.imported"));
        assertThat(browser.findElement(By.id("import-state")).getText()).isEqualTo("OK");
        assertThat(browser.findElement(By.cssSelector("#made tbody th a")).getText()).isEqualTo("Vinterkoncert: Campuskoret");
        checkAndKeep("feeds-feed");

        long id = ((Number) fixtures.rows("SELECT id FROM feed_source WHERE slug = ?", slug).get(0).get("id")).longValue();
        importStatus.started(id, Instant.now());
        importStatus.progress(id, 3, 40);
        browser.navigate().refresh();
        assertThat(browser.findElement(By.id("import-processed")).getText()).isEqualTo("3");
        checkAndKeep("feeds-running");

        importStatus.progress(id, 17, 40);
        waitUntil(() -> browser.findElements(By.id("import-processed")).stream().anyMatch(e -> e.getText().equals("17")));
        importStatus.unchanged(id, Instant.now(), null, null, 1);
        waitUntil(() -> browser.findElements(By.id("import-progress")).isEmpty());
        assertThat(browser.findElement(By.id("import-state")).getText()).isEqualTo("OK, intet nyt");

        browser.get(url("/admin/feeds"));
        assertThat(browser.findElement(By.cssSelector("tr[data-feed=" + slug + "] th a")).getText()).isEqualTo(name);
        checkAndKeep("feeds-list");
    }
}
