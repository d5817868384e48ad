package dk.albertslund.signage.web;

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
import org.openqa.selenium.chrome.ChromeDriver;

import java.time.Duration;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staff UI in Debian's Chromium, used like a person would: signing in, moving around
 * by the menu, switching language, signing out. Every page visited is checked with
 * axe-core and saved as a screenshot under target/screenshots.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffBrowserTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
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

    private void checkAndKeep(String screenshot) {
        assertThat(Chromium.seriousAccessibilityViolations(browser)).as("axe-core on " + browser.getCurrentUrl()).isEmpty();
        Chromium.screenshot(browser, screenshot);
    }

    @Test
    void a_person_signs_in_reads_their_account_in_english_and_signs_out() throws InterruptedException {
        String username = fixtures.staffMember(EnumSet.of(Role.APPROVER));

        browser.get(url("/admin/account"));
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/admin/login"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Log ind");
        checkAndKeep("login");

        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys("not it");
        browser.findElement(By.cssSelector("form.stacked button[type=submit]")).click();
        // the answer is a new page: on a busy machine it is not there the moment the button is clicked
        Chromium.waitFor(Duration.ofSeconds(30), () -> !browser.findElements(By.id("login-error")).isEmpty());
        assertThat(browser.findElement(By.id("login-error")).getText()).isEqualTo("Forkert brugernavn eller adgangskode.");
        assertThat(browser.findElement(By.id("username")).getAttribute("value")).isEqualTo(username);

        browser.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD);
        browser.findElement(By.cssSelector("form.stacked button[type=submit]")).click();
        Chromium.waitFor(Duration.ofSeconds(30), () -> browser.getCurrentUrl().contains("/admin/dashboard"));
        browser.get(url("/admin/account"));
        assertThat(browser.findElement(By.cssSelector("dl.facts dd:nth-of-type(2)")).getText()).isEqualTo(username);

        browser.findElement(By.linkText("English")).click();
        Chromium.waitFor(Duration.ofSeconds(30), () -> browser.findElement(By.tagName("h1")).getText().equals("Your account"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Your account");
        checkAndKeep("account");

        browser.findElement(By.cssSelector("header form.inline button")).click();
        Chromium.waitFor(Duration.ofSeconds(30), () -> !browser.findElements(By.cssSelector("[role=status]")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).isEqualTo("You have signed out.");
        browser.get(url("/admin/account"));
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/admin/login"));
    }
}
