package dk.albertslund.signage.announcement;

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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.time.Duration;
import java.util.EnumSet;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The editor's live readability verdict follows the time on screen alone: with the words
 * left as they are, a shorter time makes the same words too fast to read, and a longer
 * one makes them fine again.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnnouncementDurationBrowserTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    Campus campus;
    @Inject
    EmbeddedServer server;

    private ChromeDriver browser;

    @BeforeAll
    void startChromium() {
        browser = Chromium.start(1366, 1000);
    }

    @AfterAll
    void stopChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String url(String path) {
        return "http://localhost:" + server.getPort() + path;
    }

    private static <T> T waitFor(Supplier<T> value) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        T result = value.get();
        while ((result == null || Boolean.FALSE.equals(result)) && System.nanoTime() < until) {
            Thread.sleep(100);
            result = value.get();
        }
        return result;
    }

    private Object danishVerdict() {
        return browser.executeScript("return document.querySelector('fieldset[data-language=da] .verdict')?.dataset.verdict ?? null");
    }

    /** Changes only the number in the time-on-screen field, as a person does: select it and type another. */
    private void timeOnScreen(String seconds) {
        WebElement duration = browser.findElement(By.id("durationSeconds"));
        duration.sendKeys(Keys.chord(Keys.CONTROL, "a"), seconds);
    }

    @Test
    void changing_only_the_time_on_screen_turns_the_verdict_to_a_problem_and_back() throws InterruptedException {
        Campus.Place school = campus.institution("Kongsholm Gymnasium");
        String username = fixtures.staffMember(EnumSet.of(Role.EDITOR), school.id());
        browser.get(url("/admin/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD, Keys.ENTER);
        assertThat(waitFor(() -> browser.getCurrentUrl().contains("/admin/dashboard"))).isTrue();
        browser.get(url("/admin/announcements/new"));
        timeOnScreen("20");
        browser.findElement(By.id("titleDa")).sendKeys("Åbent hus");
        // 24 words: fine in 20 seconds, far too fast in 4
        browser.findElement(By.id("bodyDa")).sendKeys("Kom og se skolen på torsdag, mød lærerne og eleverne, "
                + "og hør om de studieretninger, du kan vælge efter sommerferien.");
        assertThat(waitFor(() -> "ok".equals(danishVerdict()))).as("verdict with 20 seconds").isTrue();

        timeOnScreen("4");

        assertThat(waitFor(() -> "problem".equals(danishVerdict()))).as("verdict with 4 seconds").isTrue();
        assertThat(browser.findElement(By.cssSelector("fieldset[data-language=da] .finding--problem")).getText())
                .contains("4 sekunder");

        timeOnScreen("30");

        assertThat(waitFor(() -> "ok".equals(danishVerdict()))).as("verdict with 30 seconds").isTrue();
        assertThat(browser.findElement(By.cssSelector("fieldset[data-language=da] .verdict .badge")).getText()).isEqualTo("Let at læse");
        assertThat(browser.findElements(By.cssSelector("fieldset[data-language=da] .finding--problem"))).isEmpty();
    }
}
