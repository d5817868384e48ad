package dk.albertslund.signage.screen;

import dk.albertslund.signage.playlist.ContentFixtures;
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

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An administrator gives the station's institutions their shares of the airtime in
 * Chromium, as a person would: a sum over 100 % comes back beside the fields, a corrected
 * one is saved and the screen's page says the order goes by share. Screenshots in
 * target/screenshots/airtime-*.png.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AirtimeBrowserTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    ContentFixtures content;
    @Inject
    EmbeddedServer server;

    private ChromeDriver browser;

    @BeforeAll
    void startChromium() {
        browser = Chromium.start(1280, 1400);
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

    private void share(ContentFixtures.Institution institution, String percent) {
        WebElement field = browser.findElement(By.id("share-" + institution.slug()));
        field.clear();
        field.sendKeys(percent);
    }

    private void save() {
        browser.findElement(By.cssSelector("#screen-form button[type=submit]")).click();
    }

    @Test
    void an_admin_sets_the_stations_shares_and_the_screen_page_explains_the_order() throws InterruptedException {
        ContentFixtures.Institution schools = content.institution("Skolerne");
        ContentFixtures.Institution library = content.institution("Biblioteket");
        ContentFixtures.Institution culture = content.institution("Kultur");
        String slug = fixtures.unique("station");
        assertThat(content.admin().post("/api/v1/screens", Map.of("slug", slug, "name", "Stationen, perron 1")).status())
                .isEqualTo(201);
        String username = fixtures.staffMember(EnumSet.of(Role.ADMIN));
        browser.get(url("/admin/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD);
        browser.findElement(By.cssSelector("form.stacked button[type=submit]")).click();
        Chromium.waitFor(Duration.ofSeconds(30), () -> browser.getCurrentUrl().contains("/admin/dashboard"));

        browser.get(url("/admin/screens/" + slug + "/edit"));
        share(schools, "40");
        share(library, "30");
        share(culture, "40");
        save();
        Chromium.waitFor(Duration.ofSeconds(30), () -> !browser.findElements(By.id("airtime-error")).isEmpty());
        assertThat(browser.findElement(By.id("airtime-error")).getText())
                .isEqualTo("andelene er 110 % tilsammen, højst 100 % er tilladt (resten går til institutioner uden andel)");
        // the fields and the error in view for the picture
        new org.openqa.selenium.interactions.Actions(browser).scrollToElement(browser.findElement(By.id("airtime-error"))).perform();
        assertThat(Chromium.seriousAccessibilityViolations(browser)).isEmpty();
        Chromium.screenshot(browser, "airtime-screen-form-too-much");

        share(library, "20");
        save();
        Chromium.waitFor(Duration.ofSeconds(30), () -> browser.getCurrentUrl().endsWith("/admin/screens/" + slug + "?notice=saved"));
        assertThat(browser.findElement(By.id("airtime")).getText()).isEqualTo(
                culture.name() + " 40 % · " + schools.name() + " 40 % · " + library.name() + " 20 %: tur efter andel");
        assertThat(Chromium.seriousAccessibilityViolations(browser)).isEmpty();
        Chromium.screenshot(browser, "airtime-screen-page");
    }
}
