package dk.albertslund.signage.web;

import dk.albertslund.signage.contentpack.ContentPackImporter;
import dk.albertslund.signage.kiosk.Kiosks;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Chromium;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
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

import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main job, as issue "one message in two languages" asks it to work, in Chromium with
 * the campus content pack: an editor writes one message in Danish and English for the
 * station and sees where it will show before submitting; an approver sees the kiosk's
 * slide in both languages and orientations and approves once; within 2 s both station
 * kiosks have it in their manifest as one slide, and the loop is as long as the number of
 * messages. Screenshots of each step: target/screenshots/message-*.png.
 *
 * <p>The server's clock runs on a weekday at noon outside December (the next one after
 * today), when the station plays its standard playlist: no Christmas, morning or evening
 * slot of the pack's schedules is on.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageFlowBrowserTest implements PostgresTest {

    private static final ZoneId CAMPUS = ZoneId.of("Europe/Copenhagen");
    private static final ZonedDateTime NOON = nextPlainWeekdayNoon();

    @Inject
    Fixtures fixtures;
    @Inject
    EmbeddedServer server;
    @Inject
    ContentPackImporter importer;
    @Inject
    Kiosks kiosks;

    private ChromeDriver browser;
    private int step;

    @MockBean(Clock.class)
    Clock weekdayNoon() {
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), NOON.toInstant()));
    }

    private static ZonedDateTime nextPlainWeekdayNoon() {
        LocalDate day = LocalDate.now(CAMPUS).plusDays(1);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY || day.getMonth() == Month.DECEMBER) {
            day = day.plusDays(1);
        }
        return day.atTime(12, 0).atZone(CAMPUS);
    }

    @BeforeAll
    void loadThePackAndStartChromium() {
        browser = Chromium.start(1366, 1000);
        importer.importPack(Path.of("content"));
    }

    @AfterAll
    void stopChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void one_message_in_two_languages_is_written_approved_once_and_reaches_both_station_kiosks_as_one_slide() throws Exception {
        long school = ((Number) fixtures.rows("SELECT id FROM institution WHERE slug = ?", "gymnasiet-albertslund").get(0).get("id")).longValue();
        String editor = fixtures.staffMember(EnumSet.of(Role.EDITOR), school);
        String approver = fixtures.staffMember(EnumSet.of(Role.APPROVER));
        Kiosks.Paired hall = kiosks.pair("station-hal");
        Kiosks.Paired underpass = kiosks.pair("station-underfoering");
        String title = "Brobygning på gymnasiet";
        String englishTitle = "Taster days at the upper secondary school";

        // The editor writes both languages for the station and sees where it will show.
        signIn(editor);
        browser.get(url("/admin/announcements/new"));
        browser.findElement(By.id("titleDa")).sendKeys(title);
        browser.findElement(By.id("bodyDa")).sendKeys("Prøv en dag som elev, **uge 3**. Tilmeld dig på kontoret.");
        browser.findElement(By.id("titleEn")).sendKeys(englishTitle);
        browser.findElement(By.id("bodyEn")).sendKeys("Try a day as a student, **week 3**. Sign up at the office.");
        browser.findElement(By.id("durationSeconds")).sendKeys(Keys.chord(Keys.CONTROL, "a"), "20");
        browser.findElement(By.cssSelector("#category option[value=education]")).click();
        WebElement station = browser.findElement(By.cssSelector("input[name=audience][value=station]"));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", station);
        station.click();
        Object where = Chromium.waitFor(Duration.ofSeconds(30), () -> {
            List<String> places = texts(".where-live .where-places li");
            return places.stream().anyMatch(p -> p.startsWith("Stationshallen"))
                    && places.stream().anyMatch(p -> p.startsWith("Stationens underføring")) ? places : null;
        });
        assertThat((List<String>) where).as("will show on both station screens, and nowhere else")
                .hasSize(2).allMatch(p -> p.startsWith("Station"));
        browser.executeScript("document.querySelector('.where-live').scrollIntoView({block: 'end'})");
        checkAndKeep("editor-where");
        js("window.scrollTo(0, 0)");
        checkAndKeep("editor");
        browser.findElement(By.cssSelector("button[name=intent][value=submit]")).click();
        waitForUrl("notice=announcementSubmitted");
        checkAndKeep("submitted");
        Map<String, Object> stored = fixtures.rows("SELECT id, slug FROM announcement WHERE title = ?", title).get(0);
        long id = ((Number) stored.get("id")).longValue();
        String slug = (String) stored.get("slug");
        assertThat(fixtures.rows("SELECT count(*) AS n FROM announcement WHERE title IN (?, ?)", title, englishTitle))
                .as("one message, not two announcements").containsExactly(Map.of("n", 1L));

        // The approver sees the kiosk's own slide, each language, landscape and portrait.
        signIn(approver);
        browser.get(url("/admin/approvals"));
        for (String language : List.of("da", "en")) {
            for (String orientation : List.of("landscape", "portrait")) {
                Object drawn = Chromium.waitFor(Duration.ofSeconds(30), () -> js("""
                        const box = document.querySelector('article[data-slug="%s"] .approval-version[data-language=%s] .preview-screen[data-orientation=%s]');
                        return box?.shadowRoot?.querySelector('#slide .slide-title')?.textContent ?? null;""".formatted(slug, language, orientation)));
                assertThat(drawn).as(language + " " + orientation).isEqualTo(language.equals("da") ? title : englishTitle);
            }
        }
        WebElement card = browser.findElement(By.cssSelector("article[data-slug='" + slug + "']"));
        browser.executeScript("arguments[0].scrollIntoView()", card);
        checkAndKeep("approvals");
        assertThat(card.findElements(By.cssSelector("form[action$='/approve']"))).as("one approval for the message").hasSize(1);

        // Approved once: within 2 s both station kiosks have it as one slide.
        long approvedAt = System.nanoTime();
        card.findElement(By.cssSelector("form[action$='/approve'] button")).click();
        for (Kiosks.Paired kiosk : List.of(hall, underpass)) {
            Api device = kiosks.as(kiosk.token());
            List<Map<String, Object>> slides = (List<Map<String, Object>>) Chromium.waitFor(Duration.ofSeconds(10), () -> {
                List<Map<String, Object>> now = (List<Map<String, Object>>) device.get("/api/v1/kiosk/manifest").body().get("slides");
                return now.stream().anyMatch(s -> ((Number) s.get("id")).longValue() == id) ? now : null;
            });
            double seconds = (System.nanoTime() - approvedAt) / 1e9;
            assertThat(slides).as(kiosk.screen() + " has the message").isNotNull();
            assertThat(seconds).as(kiosk.screen() + ": seconds from approval to the manifest").isLessThanOrEqualTo(2.0);
            List<Map<String, Object>> ours = slides.stream().filter(s -> ((Number) s.get("id")).longValue() == id).toList();
            assertThat(ours).as("one slide for the message").hasSize(1);
            assertThat((List<Map<String, Object>>) ours.get(0).get("texts")).extracting(t -> t.get("title"))
                    .containsExactly(title, englishTitle);
            assertThat(new HashSet<>(slides.stream().map(s -> s.get("id")).toList()))
                    .as("the loop is as long as the number of messages").hasSize(slides.size());
        }
        waitForUrl("notice=announcementApproved");
        checkAndKeep("approved");
        assertThat(fixtures.rows("SELECT status FROM announcement WHERE id = ?", id)).containsExactly(Map.of("status", "approved"));
    }

    /** localhost, not 127.0.0.1: browsers accept the Secure CSRF cookie over http only there. */
    private String url(String path) {
        return "http://localhost:" + server.getPort() + path;
    }

    private void waitForUrl(String part) throws InterruptedException {
        assertThat(Chromium.waitFor(Duration.ofSeconds(30), () -> browser.getCurrentUrl().contains(part) ? true : null))
                .as("the address after a step: " + part).isEqualTo(true);
    }

    private Object js(String script) {
        return browser.executeScript(script);
    }

    private List<String> texts(String css) {
        return browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    private void checkAndKeep(String page) {
        assertThat(Chromium.seriousAccessibilityViolations(browser)).as("axe-core on " + browser.getCurrentUrl()).isEmpty();
        Chromium.screenshot(browser, String.format("message-%02d-%s", ++step, page));
    }

    private void signIn(String username) throws InterruptedException {
        browser.manage().deleteAllCookies();
        browser.get(url("/admin/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD, Keys.ENTER);
        waitForUrl("/admin/dashboard");
    }
}
