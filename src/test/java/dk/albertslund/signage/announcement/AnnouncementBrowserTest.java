package dk.albertslund.signage.announcement;

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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * The editor in Debian's Chromium: the preview drawn by the kiosk's renderer follows the
 * typing, the readability verdict warns about too many words for the time on screen,
 * and the saved pair reaches the approver. Each page is
 * checked with axe-core and kept as a screenshot. The verdict also follows the time on
 * screen alone: shorter makes the same words too fast, longer makes them fine again.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnnouncementBrowserTest implements PostgresTest {

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


    private Object js(String script) {
        return browser.executeScript(script);
    }

    private void checkAndKeep(String screenshot) {
        assertThat(Chromium.seriousAccessibilityViolations(browser)).as("axe-core on " + browser.getCurrentUrl()).isEmpty();
        Chromium.screenshot(browser, screenshot);
    }

    @Test
    void the_preview_follows_the_typing_and_the_readability_warning_shows_before_submitting() throws InterruptedException {
        Campus.Place school = campus.institution("Albertslund Gymnasium");
        String username = fixtures.staffMember(EnumSet.of(Role.EDITOR), school.id());
        browser.get(url("/admin/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD, Keys.ENTER);
        Chromium.waitFor(Duration.ofSeconds(30), () -> browser.getCurrentUrl().contains("/admin/dashboard") ? true : null);
        browser.get(url("/admin/announcements/new"));

        String title = fixtures.unique("Åbent hus");
        browser.findElement(By.id("titleDa")).sendKeys(title);
        Object drawn = Chromium.waitFor(Duration.ofSeconds(30), () -> js("""
                const root = document.querySelector('fieldset[data-language=da] .preview-screen[data-orientation=portrait]').shadowRoot;
                return root?.querySelector('#slide .slide-title')?.textContent ?? null;"""));
        assertThat(drawn).isEqualTo(title);
        // nothing on this campus is scheduled yet, and the editor says so before anything is sent
        Object nowhere = Chromium.waitFor(Duration.ofSeconds(30), () -> js(
                "return document.querySelector('.where-live [data-where=nowhere]')?.textContent ?? null;"));
        assertThat(nowhere).asString().startsWith("Vises ikke på nogen skærm den kommende uge");

        browser.findElement(By.id("bodyDa")).sendKeys("Kom og se **skolen**, mød lærerne og eleverne, og hør om alle de "
                + "studieretninger, du kan vælge imellem efter sommerferien. Der er kaffe og kage i kantinen hele eftermiddagen.");
        browser.findElement(By.id("durationSeconds")).sendKeys(Keys.END, Keys.BACK_SPACE, Keys.BACK_SPACE, Keys.BACK_SPACE, "5");
        Object warned = Chromium.waitFor(Duration.ofSeconds(30), () -> js("""
                return document.querySelector('fieldset[data-language=da] .verdict')?.dataset.verdict === 'problem'
                  && document.querySelector('fieldset[data-language=da] .finding--problem').textContent.includes('5 sekunder')"""));
        assertThat(warned).isEqualTo(true);
        assertThat(browser.findElement(By.cssSelector("fieldset[data-language=da] .finding--problem")).getText())
                .contains("ord på 5 sekunder");
        Object bold = js("""
                return document.querySelector('fieldset[data-language=da] .preview-screen').shadowRoot
                  .querySelector('#slide .slide-html strong')?.textContent ?? null;""");
        assertThat(bold).isEqualTo("skolen");

        js("window.scrollTo(0, 0)");
        checkAndKeep("announcement-editor");

        browser.findElement(By.id("titleEn")).sendKeys("Open house");
        Object english = Chromium.waitFor(Duration.ofSeconds(30), () -> js("""
                const root = document.querySelector('fieldset[data-language=en] .preview-screen[data-orientation=landscape]').shadowRoot;
                const slide = root?.querySelector('#slide');
                return slide?.querySelector('.slide-title')?.textContent === 'Open house' ? slide.textContent : null;"""));
        assertThat(english).asString().doesNotContain("Kom og se");
        browser.findElement(By.cssSelector("#category option[value=education]")).click();
        browser.findElement(By.cssSelector("button[name=intent][value=submit]")).click();
        Chromium.waitFor(Duration.ofSeconds(30), () -> browser.getCurrentUrl().contains("notice=announcementSubmitted") ? true : null);
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).isEqualTo("Sendt til godkendelse. En godkender kigger på det.");
        Object onPage = Chromium.waitFor(Duration.ofSeconds(30), () -> js("""
                const root = document.querySelector('section[data-language=en] .preview-screen[data-orientation=portrait]').shadowRoot;
                return root?.querySelector('#slide .slide-title')?.textContent ?? null;"""));
        assertThat(onPage).isEqualTo("Open house");
        checkAndKeep("announcement");

        browser.get(url("/admin/announcements"));
        checkAndKeep("announcements");

        String slug = Slugs.fromName(title, "announcement");
        assertThat(fixtures.rows("SELECT status FROM announcement WHERE slug LIKE ?", slug + "%"))
                .extracting(r -> Objects.toString(r.get("status"))).containsExactly("submitted");
        browser.manage().deleteAllCookies();
        String approver = fixtures.staffMember(EnumSet.of(Role.APPROVER));
        browser.get(url("/admin/login"));
        browser.findElement(By.id("username")).sendKeys(approver);
        browser.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD, Keys.ENTER);
        Chromium.waitFor(Duration.ofSeconds(30), () -> browser.getCurrentUrl().contains("/admin/dashboard") ? true : null);
        browser.get(url("/admin/approvals"));
        assertThat(browser.findElement(By.cssSelector("article[data-slug=" + slug + "] h2")).getText()).isEqualTo(title);
        // the approver sees the slide the kiosk will draw, at both shapes, not the server's grey box
        for (String orientation : List.of("landscape", "portrait")) {
            Object stored = Chromium.waitFor(Duration.ofSeconds(30), () -> js("""
                    const root = document.querySelector('article[data-slug="%s"] .approval-version[data-language=da] .preview-screen[data-orientation=%s]').shadowRoot;
                    const slide = root?.querySelector('#slide');
                    return slide?.querySelector('.slide-title') ? [slide.querySelector('.slide-title').textContent,
                      slide.querySelector('.slide-html strong')?.textContent ?? null,
                      root.querySelector('.slide-fallback') === null] : null;""".formatted(slug, orientation)));
            assertThat(stored).as(orientation).isEqualTo(List.of(title, "skolen", true));
            Object inEnglish = Chromium.waitFor(Duration.ofSeconds(30), () -> js("""
                    const root = document.querySelector('article[data-slug="%s"] .approval-version[data-language=en] .preview-screen[data-orientation=%s]').shadowRoot;
                    return root?.querySelector('#slide .slide-title')?.textContent ?? null;""".formatted(slug, orientation)));
            assertThat(inEnglish).as("the English version, " + orientation).isEqualTo("Open house");
        }
        checkAndKeep("approvals");
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
        browser.manage().deleteAllCookies();
        browser.get(url("/admin/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD, Keys.ENTER);
        assertThat(Chromium.waitFor(Duration.ofSeconds(15), () -> browser.getCurrentUrl().contains("/admin/dashboard"))).isTrue();
        browser.get(url("/admin/announcements/new"));
        timeOnScreen("20");
        browser.findElement(By.id("titleDa")).sendKeys("Åbent hus");
        // 24 words: fine in 20 seconds, far too fast in 4
        browser.findElement(By.id("bodyDa")).sendKeys("Kom og se skolen på torsdag, mød lærerne og eleverne, "
                + "og hør om de studieretninger, du kan vælge efter sommerferien.");
        assertThat(Chromium.waitFor(Duration.ofSeconds(15), () -> "ok".equals(danishVerdict()))).as("verdict with 20 seconds").isTrue();

        timeOnScreen("4");

        assertThat(Chromium.waitFor(Duration.ofSeconds(15), () -> "problem".equals(danishVerdict()))).as("verdict with 4 seconds").isTrue();
        assertThat(browser.findElement(By.cssSelector("fieldset[data-language=da] .finding--problem")).getText())
                .contains("4 sekunder");

        timeOnScreen("30");

        assertThat(Chromium.waitFor(Duration.ofSeconds(15), () -> "ok".equals(danishVerdict()))).as("verdict with 30 seconds").isTrue();
        assertThat(browser.findElement(By.cssSelector("fieldset[data-language=da] .verdict .badge")).getText()).isEqualTo("Let at læse");
        assertThat(browser.findElements(By.cssSelector("fieldset[data-language=da] .finding--problem"))).isEmpty();
    }

    @Test
    void a_picture_picked_for_a_new_message_shows_in_the_preview_at_once_and_is_saved_with_it() throws Exception {
        Campus.Place school = campus.institution("Musikskolen");
        String username = fixtures.staffMember(EnumSet.of(Role.EDITOR), school.id());
        browser.manage().deleteAllCookies();
        browser.get(url("/admin/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD, Keys.ENTER);
        Chromium.waitFor(Duration.ofSeconds(30), () -> browser.getCurrentUrl().contains("/admin/dashboard") ? true : null);
        browser.get(url("/admin/announcements/new"));
        String title = fixtures.unique("Sommerkoncert");
        browser.findElement(By.id("titleDa")).sendKeys(title);
        browser.findElement(By.id("bodyDa")).sendKeys("Kom til koncert i parken.");
        browser.findElement(By.cssSelector("#category option[value=culture]")).click();
        byte[] poster = dk.albertslund.signage.media.SampleFiles.png(160, 90);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("koncert", ".png");
        java.nio.file.Files.write(file, poster);

        browser.findElement(By.id("file")).sendKeys(file.toString());

        Object shown = Chromium.waitFor(Duration.ofSeconds(30), () -> js("""
                const root = document.querySelector('fieldset[data-language=da] .preview-screen[data-orientation=landscape]').shadowRoot;
                const img = root?.querySelector('#slide img');
                return img?.dataset.src?.startsWith('blob:') && img.naturalWidth > 0 ? img.naturalWidth + 'x' + img.naturalHeight : null;"""));
        // the picked file itself, drawn before anything was sent
        assertThat(shown).isEqualTo("160x90");
        checkAndKeep("announcement-editor-picked-file");
        browser.findElement(By.cssSelector("button[name=intent][value=save]")).click();
        Chromium.waitFor(Duration.ofSeconds(30), () -> browser.getCurrentUrl().contains("notice=announcementSaved") ? true : null);
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(poster));
        assertThat(fixtures.rows("SELECT m.sha256 FROM announcement a JOIN media m ON m.id = a.media_id WHERE a.slug = ?",
                Slugs.fromName(title, "announcement"))).containsExactly(java.util.Map.of("sha256", sha));
        java.nio.file.Files.deleteIfExists(file);
    }
}
