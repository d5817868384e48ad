package dk.albertslund.signage.schedule;

import dk.albertslund.signage.core.Slugs;
import dk.albertslund.signage.staff.Role;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;

import java.time.Duration;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entry form in Chromium as staff meet it: they name the entry and never see the
 * address field, which waits closed under Advanced and is not required.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScheduleFormBrowserTest implements PostgresTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Fixtures fixtures;
    @Inject
    SchedulePages schedules;
    @Inject
    EmbeddedServer server;

    private ChromeDriver browser;

    @BeforeAll
    void startChromium() {
        browser = Chromium.start(1280, 900);
    }

    @AfterAll
    void stopChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** localhost, not 127.0.0.1: browsers accept the Secure CSRF cookie over http only there. */
    private String url(String path) {
        return "http://localhost:" + server.getPort() + path;
    }

    @Test
    void an_editor_names_an_entry_and_gets_an_address_made_from_the_name() throws InterruptedException {
        SchedulePages.Library library = schedules.library();
        String username = fixtures.staffMember(EnumSet.of(Role.EDITOR), library.institution().id());
        browser.get(url("/admin/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD, Keys.ENTER);
        assertThat(Chromium.waitFor(WAIT, () -> browser.getCurrentUrl().contains("/admin/dashboard"))).isTrue();
        browser.get(url("/admin/language/da?back=/admin/account"));

        browser.get(url("/admin/schedules/new?playlist=" + library.morning()));
        assertThat(browser.findElement(By.id("slug")).isDisplayed()).isFalse();
        assertThat(Chromium.seriousAccessibilityViolations(browser)).as("axe-core on the new entry form").isEmpty();
        Chromium.screenshot(browser, "schedule-new-name-first");
        String name = "Uddannelse om morgenen på stationen " + fixtures.unique("nr");
        browser.findElement(By.id("name")).sendKeys(name);
        browser.findElement(By.cssSelector("#group option[value='" + library.group() + "']")).click();
        browser.findElement(By.cssSelector("#entry-form button[type=submit]")).click();

        assertThat(Chromium.waitFor(WAIT, () -> browser.getCurrentUrl().contains("notice=schedules.created"))).isTrue();
        assertThat(browser.getCurrentUrl()).contains("/admin/schedules/" + Slugs.fromName(name, "entry") + "?");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Tidsplan " + name);
        browser.findElement(By.cssSelector("#slug-advanced summary")).click();
        assertThat(browser.findElement(By.id("slug")).getAttribute("value")).isEqualTo(Slugs.fromName(name, "entry"));
        assertThat(Chromium.seriousAccessibilityViolations(browser)).as("axe-core on the entry").isEmpty();
    }
}
