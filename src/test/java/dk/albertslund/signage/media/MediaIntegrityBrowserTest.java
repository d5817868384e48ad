package dk.albertslund.signage.media;

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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.file.Files;
import java.time.Duration;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard entry for a missing picture in Chromium, as an administrator signs in and
 * meets it, with the button that has the files checked again: checked with axe-core and kept as target/screenshots/media-missing-dashboard.png.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaIntegrityBrowserTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    EmbeddedServer server;
    @Inject
    PictureScreens pictures;
    @Inject
    MediaIntegrity integrity;

    private ChromeDriver browser;

    @BeforeAll
    void startChromium() {
        browser = Chromium.start(1280, 1000);
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
    void an_administrator_signing_in_sees_the_missing_picture_and_what_the_screen_shows_instead() throws Exception {
        PictureScreens.PictureScreen s = pictures.showingAPicture(getClass().getSimpleName(), 900);
        Files.delete(s.file());
        integrity.checkAll();
        String username = fixtures.staffMember(EnumSet.of(Role.ADMIN));

        browser.get(url("/admin/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD);
        browser.findElement(By.cssSelector("form.stacked button[type=submit]")).click();
        Chromium.waitFor(Duration.ofSeconds(30), () -> browser.getCurrentUrl().contains("/admin/dashboard") ? true : null);
        Chromium.waitFor(Duration.ofSeconds(30), () -> browser.findElements(By.id("media-problems")).isEmpty() ? null : true);

        WebElement entry = browser.findElement(By.cssSelector("#media-problems li[data-media='" + s.sha() + "']"));
        assertThat(browser.findElement(By.id("media-heading")).getText()).isEqualTo("Mediefiler med fejl");
        assertThat(entry.findElement(By.tagName("h3")).getText()).isEqualTo("Mangler sommer.png");
        assertThat(entry.findElement(By.cssSelector("li[data-announcement='" + s.pictureOnly().slug() + "']")).getText())
                .isEqualTo("Sommerplakat: springes over på " + s.screenName() + ", da opslaget kun er sit billede.");
        assertThat(browser.findElement(By.id("check-media")).getText()).isEqualTo("Kontrollér mediefilerne nu");
        assertThat(Chromium.seriousAccessibilityViolations(browser)).as("axe-core on the dashboard").isEmpty();
        Chromium.screenshot(browser, "media-missing-dashboard");
    }
}
