package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Chromium;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The touch kiosk (issue 16, part 3; kiosk-client/README.md, "Touch kiosk"): a paired kiosk
 * on a screen the admin makes a touch screen plays its rotation; a touch opens "Hvad sker der?" with this
 * week's messages, filtered by day and by institution, a message's details with its QR code,
 * the English switch, and back to the rotation by itself once untouched for the idle time
 * (shortened by {@code ?touch-idle-ms}, taken on a loopback address only). axe-core finds no
 * serious or critical violation in the view, the CSP blocks nothing. Screenshots in
 * target/screenshots/touch-*.png.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TouchKioskBrowserTest implements PostgresTest {

    private static final int IDLE_MS = 4000;
    private static final ZoneId CAMPUS = ZoneId.of("Europe/Copenhagen");

    @Inject
    Kiosks kiosks;
    @Inject
    ContentFixtures content;
    @Inject
    Fixtures fixtures;
    @Inject
    EmbeddedServer server;

    @Test
    void a_touch_opens_whats_on_by_day_and_institution_with_details_and_english_and_it_goes_back_by_itself() throws Exception {
        ContentFixtures.Institution school = content.institution("Gymnasiet i Albertslund");
        ContentFixtures.Institution library = content.institution("Albertslund Bibliotek");
        Api admin = content.admin();
        // ends the day after tomorrow (at noon on campus), so it is gone from the list three days on
        Instant inTwoDays = LocalDate.now(CAMPUS).plusDays(2).atTime(12, 0).atZone(CAMPUS).toInstant();
        String openHouse = KioskBrowser.approved(fixtures, admin, fixtures.unique("aabent-hus"), school.slug(),
                "Åbent hus på gymnasiet", Map.of("body", "Kom og se skolen torsdag kl. 17–19.", "durationSeconds", 10,
                        "link", "https://optagelse.dk/", "publishUntil", inTwoDays.toString()));
        String cafe = KioskBrowser.approved(fixtures, admin, fixtures.unique("lektiecafe"), library.slug(),
                "Lektiecafé i biblioteket", Map.of("body", "Hver dag efter skole.", "durationSeconds", 10));
        // coming: a concert on the screen three days on, 17–21, which the rotation does not play yet
        String concert = KioskBrowser.approved(fixtures, admin, fixtures.unique("julekoncert"), library.slug(),
                "Julekoncert i biblioteket", Map.of("body", "Musikskolens kor synger.", "durationSeconds", 10));
        String playlist = fixtures.unique("playlist");
        String concerts = fixtures.unique("koncerter");
        String screen = fixtures.unique("indgang");
        LocalDate threeDaysOn = LocalDate.now(CAMPUS).plusDays(3);
        admin.post("/api/v1/playlists", Map.of("slug", playlist, "name", "Biblioteket", "items", List.of(openHouse, cafe)))
                .expect(201);
        admin.post("/api/v1/playlists", Map.of("slug", concerts, "name", "Koncerter", "items", List.of(concert))).expect(201);
        admin.post("/api/v1/screens", Map.of("slug", screen, "name", "Bibliotekets indgang", "defaultPlaylist", playlist))
                .expect(201);
        admin.post("/api/v1/schedule-entries", Map.of("slug", fixtures.unique("koncert"), "playlist", concerts,
                "targetKind", "screen", "target", screen, "startDate", threeDaysOn.toString(), "endDate", threeDaysOn.toString(),
                "startTime", "17:00", "endTime", "21:00", "priority", 10)).expect(201);

        ChromeDriver browser = Chromium.start(1280, 720, "--autoplay-policy=no-user-gesture-required");
        try {
            browser.get("http://localhost:" + server.getPort() + "/kiosk/index.html?touch-idle-ms=" + IDLE_MS);
            String code = KioskBrowser.pairingCode(browser);
            kiosks.claim(admin, code, screen).expect(200);
            assertThat(playing(browser)).as("the rotation plays").isTrue();

            // not a touch screen yet: no button, and a touch opens nothing
            assertThat(browser.findElement(By.id("touch-open")).isDisplayed()).isFalse();
            browser.findElement(By.id("player")).click();
            assertThat(browser.executeScript("return window.kiosk.touch")).as("no touch kiosk").isNull();
            assertThat(browser.findElement(By.id("touch")).isDisplayed()).isFalse();

            // the admin makes it a touch screen: the kiosk follows its manifest, no visit needed
            admin.put("/api/v1/screens/" + screen, Map.of("slug", screen, "name", "Bibliotekets indgang",
                    "defaultPlaylist", playlist, "touch", true)).expect(200);
            assertThat(Chromium.waitFor(Duration.ofSeconds(20), () -> browser.findElement(By.id("touch-open")).isDisplayed()))
                    .as("the button appears once the manifest says touch").isTrue();
            assertThat(browser.executeScript("return window.kiosk.touch.open")).isEqualTo(false);
            Chromium.screenshot(browser, "touch-rotation");

            // a touch anywhere on the rotation opens the view, on today
            browser.findElement(By.id("slides")).click();
            assertThat(Chromium.waitFor(Duration.ofSeconds(5), () -> browser.findElement(By.id("touch")).isDisplayed())).isTrue();
            assertThat(browser.findElement(By.id("touch-title")).getText()).isEqualTo("Hvad sker der?");
            assertThat(titles(browser)).containsExactlyInAnyOrder("Åbent hus på gymnasiet", "Lektiecafé i biblioteket");
            assertThat(smallestTarget(browser)).as("the smallest button's side, px").isGreaterThanOrEqualTo(48);
            Chromium.screenshot(browser, "touch-today");

            assertThat(titles(browser)).as("the concert is not today").doesNotContain("Julekoncert i biblioteket");

            // three days on, the open house has ended and the concert is on, 17–21, when the café makes way for it
            String inThreeDays = threeDaysOn.toString();
            browser.findElement(By.cssSelector(".touch-day[data-day='" + inThreeDays + "']")).click();
            assertThat(titles(browser)).containsExactlyInAnyOrder("Lektiecafé i biblioteket", "Julekoncert i biblioteket");
            assertThat(times(browser)).containsEntry("Julekoncert i biblioteket", "17:00–21:00")
                    .containsEntry("Lektiecafé i biblioteket", "til 17:00, fra 21:00");
            Chromium.screenshot(browser, "touch-coming");
            browser.findElement(By.cssSelector(".touch-day[data-day='" + threeDaysOn.plusDays(1) + "']")).click();
            assertThat(titles(browser)).containsExactly("Lektiecafé i biblioteket");
            browser.findElement(By.cssSelector(".touch-day[data-day='" + inThreeDays + "']")).click();
            assertThat(browser.findElement(By.cssSelector(".touch-day[data-day='" + inThreeDays + "']")).getAttribute("aria-pressed"))
                    .isEqualTo("true");

            // today, the school only
            browser.findElement(By.cssSelector(".touch-day[data-day='" + LocalDate.now(CAMPUS) + "']")).click();
            browser.findElement(By.cssSelector(".touch-institution[data-institution='" + school.name() + "']")).click();
            assertThat(titles(browser)).containsExactly("Åbent hus på gymnasiet");
            Chromium.screenshot(browser, "touch-institution");
            assertThat(axe(browser)).as("axe-core on the list").isEmpty();

            // its details, with its QR code
            browser.findElement(By.cssSelector(".touch-item")).click();
            assertThat(browser.findElement(By.cssSelector("#touch-detail .touch-detail-title")).getText()).isEqualTo("Åbent hus på gymnasiet");
            assertThat(browser.findElement(By.cssSelector("#touch-detail .touch-detail-html")).getText()).contains("torsdag kl. 17");
            assertThat(browser.findElement(By.cssSelector("#touch-detail .touch-link")).getAttribute("data-address")).contains("/go/");
            assertThat(browser.findElement(By.cssSelector("#touch-detail .touch-link-code")).isDisplayed()).isTrue();
            Chromium.screenshot(browser, "touch-detail");
            assertThat(axe(browser)).as("axe-core on the details").isEmpty();

            // in English
            browser.findElement(By.cssSelector("[data-touch='language']")).click();
            assertThat(browser.findElement(By.id("touch-title")).getText()).isEqualTo("What's on");
            assertThat(browser.findElement(By.cssSelector("[data-touch='back']")).getText()).isEqualTo("Back");
            assertThat(browser.findElement(By.id("touch")).getAttribute("lang")).isEqualTo("en");
            browser.findElement(By.cssSelector("[data-touch='back']")).click();
            assertThat(browser.findElement(By.cssSelector("[data-touch='language']")).getText()).isEqualTo("Dansk");
            assertThat(browser.findElement(By.cssSelector(".touch-institution[data-institution='']")).getText()).isEqualTo("All");
            Chromium.screenshot(browser, "touch-english");
            assertThat(axe(browser)).as("axe-core in English").isEmpty();
            assertThat(Chromium.contentSecurityPolicyViolations(browser)).isEmpty();

            // untouched, it goes back to the rotation by itself and forgets the choices
            assertThat(Chromium.waitFor(Duration.ofSeconds(IDLE_MS / 1000 + 10),
                    () -> !browser.findElement(By.id("touch")).isDisplayed())).isTrue();
            assertThat(browser.executeScript("return window.kiosk.touch")).isEqualTo(Map.of("open", false, "idleMs", (long) IDLE_MS));
            assertThat(playing(browser)).isTrue();
            assertThat(browser.findElement(By.id("touch-open")).isDisplayed()).isTrue();
            Chromium.screenshot(browser, "touch-back");
            assertThat(Chromium.contentSecurityPolicyViolations(browser)).isEmpty();
        } finally {
            browser.quit();
        }
    }

    private static boolean playing(ChromeDriver browser) throws InterruptedException {
        return Boolean.TRUE.equals(Chromium.waitFor(Duration.ofSeconds(20), () -> browser.executeScript("""
                const slide = document.querySelector('#slide.shown');
                return Boolean(slide && slide.dataset.slideId && getComputedStyle(slide).opacity === '1');""")));
    }

    @SuppressWarnings("unchecked")
    private static List<String> titles(ChromeDriver browser) {
        return (List<String>) browser.executeScript(
                "return [...document.querySelectorAll('#touch .touch-item-title')].map(e => e.textContent);");
    }

    /** Each listed message's times on the chosen day ("" when on all day), by title. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> times(ChromeDriver browser) {
        return (Map<String, String>) browser.executeScript("""
                return Object.fromEntries([...document.querySelectorAll('#touch .touch-item')].map(e =>
                    [e.querySelector('.touch-item-title').textContent, e.querySelector('.touch-item-times')?.textContent ?? '']));""");
    }

    private static long smallestTarget(ChromeDriver browser) {
        return ((Number) browser.executeScript("""
                const sides = [...document.querySelectorAll('#touch button')]
                    .map(b => b.getBoundingClientRect()).map(r => Math.min(r.width, r.height));
                return Math.floor(Math.min(...sides));""")).longValue();
    }

    /** axe-core's serious and critical violations in the touch view (the rotation under it has tests of its own). */
    @SuppressWarnings("unchecked")
    private static List<String> axe(ChromeDriver browser) throws Exception {
        browser.executeScript(Files.readString(Path.of("src/test/browser/node_modules/axe-core/axe.min.js")));
        Object result = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run({ include: [['#touch']] }, { resultTypes: ['violations'] })
                  .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                      .flatMap(v => v.nodes.map(n => v.id + ': ' + n.target.join(' ') + ' (' + v.help + ')'))))
                  .catch(e => done(['axe failed: ' + e]));
                """);
        // axe's own <style> elements are refused by the kiosk's CSP in the console: drop those lines
        browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER);
        return (List<String>) result;
    }
}
