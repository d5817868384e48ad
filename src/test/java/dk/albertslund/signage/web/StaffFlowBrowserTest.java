package dk.albertslund.signage.web;

import dk.albertslund.signage.contentpack.ContentPackImporter;
import dk.albertslund.signage.staff.Role;
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
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The staff UI's main flow in Debian's Chromium, as two people at the campus would do it,
 * with the campus content pack loaded: an editor writes a Danish and English announcement,
 * sees the readability warning (too many words for the time on screen) and fixes it,
 * submits; an approver approves both languages; the editor puts it in a playlist and
 * schedules that for the station screens on weekday mornings; the timeline preview shows
 * it from 07.00 to 10.00 and not before or after; the dashboard shows it playing on both
 * station screens and not elsewhere. Every page is checked with axe-core and saved under
 * target/screenshots/flow-*.png.
 *
 * <p>The server's clock runs on a weekday at 08.30 in Copenhagen (the next one after
 * today), so "what plays now" on the dashboard is a weekday morning whenever the test runs.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffFlowBrowserTest implements PostgresTest {

    private static final ZoneId CAMPUS = ZoneId.of("Europe/Copenhagen");
    private static final ZonedDateTime MORNING = nextWeekdayMorning();

    @Inject
    Fixtures fixtures;
    @Inject
    EmbeddedServer server;
    @Inject
    ContentPackImporter importer;

    private ChromeDriver browser;
    private int step;

    /** The server's one clock, moved to a weekday morning; it keeps ticking from there. */
    @MockBean(Clock.class)
    Clock weekdayMorning() {
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), MORNING.toInstant()));
    }

    private static ZonedDateTime nextWeekdayMorning() {
        LocalDate day = LocalDate.now(CAMPUS).plusDays(1);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        return day.atTime(8, 30).atZone(CAMPUS);
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

    /** localhost, not 127.0.0.1: browsers accept the Secure CSRF cookie over http only there. */
    private String url(String path) {
        return "http://localhost:" + server.getPort() + path;
    }


    private void waitForUrl(String part) throws InterruptedException {
        assertThat(Chromium.waitFor(Duration.ofSeconds(30), () -> browser.getCurrentUrl().contains(part) ? true : null)).as("the address after a step: " + part).isEqualTo(true);
    }

    private Object js(String script) {
        return browser.executeScript(script);
    }

    private void checkAndKeep(String page) {
        assertThat(Chromium.seriousAccessibilityViolations(browser)).as("axe-core on " + browser.getCurrentUrl()).isEmpty();
        Chromium.screenshot(browser, String.format("flow-%02d-%s", ++step, page));
    }

    private void signIn(String username) throws InterruptedException {
        browser.manage().deleteAllCookies();
        browser.get(url("/admin/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD, Keys.ENTER);
        waitForUrl("/admin/dashboard");
    }

    private void setValue(String id, String value) {
        browser.executeScript("const e = document.getElementById(arguments[0]); e.value = arguments[1];"
                + " e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true}));", id, value);
    }

    private void choose(String select, String value) {
        browser.findElement(By.cssSelector("#" + select + " option[value='" + value + "']")).click();
    }

    private String verdict(String language) {
        return (String) js("return document.querySelector('fieldset[data-language=" + language + "] .verdict')?.dataset.verdict ?? null");
    }

    private List<String> texts(String css) {
        return browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    @Test
    void an_announcement_goes_from_the_editor_through_approval_to_the_station_screens_on_weekday_mornings() throws InterruptedException {
        long school = ((Number) fixtures.rows("SELECT id FROM institution WHERE slug = ?", "gymnasiet-albertslund").get(0).get("id")).longValue();
        String editor = fixtures.staffMember(EnumSet.of(Role.EDITOR), school);
        String approver = fixtures.staffMember(EnumSet.of(Role.APPROVER));
        String title = "Introdag på gymnasiet";
        String englishTitle = "Introduction day at the upper secondary school";

        // The editor writes both languages; 5 seconds is too short for the Danish text.
        signIn(editor);
        checkAndKeep("dashboard-before");
        browser.get(url("/admin/announcements/new"));
        browser.findElement(By.id("titleDa")).sendKeys(title);
        browser.findElement(By.id("durationSeconds")).sendKeys(Keys.END, Keys.BACK_SPACE, Keys.BACK_SPACE, Keys.BACK_SPACE, "5");
        browser.findElement(By.id("bodyDa")).sendKeys("Kom og se skolen, mød lærerne og eleverne, og hør om alle de "
                + "studieretninger, du kan vælge imellem efter sommerferien. Der er kaffe og kage i kantinen hele dagen.");
        assertThat(Chromium.waitFor(Duration.ofSeconds(30), () -> "problem".equals(verdict("da")))).as("the Danish verdict warns").isEqualTo(true);
        assertThat(browser.findElement(By.cssSelector("fieldset[data-language=da] .finding--problem")).getText())
                .contains("ord på 5 sekunder");
        js("window.scrollTo(0, 0)");
        checkAndKeep("editor-warning");

        // ... so she says less: the warning goes away.
        WebElement body = browser.findElement(By.id("bodyDa"));
        body.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        body.sendKeys("Torsdag 14. januar kl. 9–13. Alle er velkomne.");
        assertThat(Chromium.waitFor(Duration.ofSeconds(30), () -> !"problem".equals(verdict("da")) && verdict("da") != null)).as("the Danish verdict is fixed: %s", texts("fieldset[data-language=da] .finding")).isEqualTo(true);
        assertThat(texts("fieldset[data-language=da] .finding--problem")).isEmpty();
        browser.findElement(By.id("titleEn")).sendKeys(englishTitle);
        browser.findElement(By.id("bodyEn")).sendKeys("Thursday 14 January, 9–13. Everyone is welcome.");
        // both languages now share the 5 seconds, too short for either; she gives the slide 12
        assertThat(Chromium.waitFor(Duration.ofSeconds(30), () -> "problem".equals(verdict("da")))).as("the Danish verdict on its half").isEqualTo(true);
        browser.findElement(By.id("durationSeconds")).sendKeys(Keys.chord(Keys.CONTROL, "a"), "12");
        for (String language : List.of("da", "en")) {
            assertThat(Chromium.waitFor(Duration.ofSeconds(30), () -> !"problem".equals(verdict(language)) && verdict(language) != null))
                    .as("the verdict in " + language).isEqualTo(true);
        }
        choose("category", "education");
        js("window.scrollTo(0, 0)");
        checkAndKeep("editor-fixed");
        browser.findElement(By.cssSelector("button[name=intent][value=submit]")).click();
        waitForUrl("notice=announcementSubmitted");
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).isEqualTo("Sendt til godkendelse. En godkender kigger på det.");
        checkAndKeep("announcement-submitted");
        String slug = (String) fixtures.rows("SELECT slug FROM announcement WHERE title = ?", title).get(0).get("slug");

        // The approver sees one message in both languages and approves it once.
        signIn(approver);
        browser.get(url("/admin/approvals"));
        assertThat(texts("article.approval h2")).contains(title).doesNotContain(englishTitle);
        WebElement article = browser.findElement(By.xpath("//article[h2[normalize-space()='" + title + "']]"));
        assertThat(article.findElements(By.cssSelector(".approval-version")).stream().map(v -> v.getAttribute("data-language")).toList())
                .containsExactly("da", "en");
        checkAndKeep("approvals");
        article.findElement(By.cssSelector("form[action$='/approve'] button")).click();
        Chromium.waitFor(Duration.ofSeconds(30), () -> isStale(article) ? true : null);
        waitForUrl("notice=announcementApproved");
        assertThat(texts("article.approval h2")).doesNotContain(title);
        checkAndKeep("approvals-done");
        assertThat(fixtures.rows("SELECT status FROM announcement WHERE title = ?", title))
                .extracting(r -> Objects.toString(r.get("status"))).containsExactly("approved");

        // The editor puts it in a playlist of her school ...
        signIn(editor);
        browser.get(url("/admin/playlists/new"));
        String playlistName = fixtures.unique("Introdag");
        String playlist = dk.albertslund.signage.core.Slugs.fromName(playlistName, "playlist");
        browser.findElement(By.id("name")).sendKeys(playlistName);
        choose("institution", "gymnasiet-albertslund");
        checkAndKeep("playlist-new");
        browser.findElement(By.cssSelector("form[action='/admin/playlists'] button[type=submit]")).click();
        waitForUrl("notice=playlists.created");
        choose("announcement", slug);
        browser.findElement(By.cssSelector("form.add-item button[type=submit]")).click();
        waitForUrl("notice=playlists.added");
        assertThat(browser.getPageSource()).contains(title);
        checkAndKeep("playlist");

        // ... and schedules it for the station screens on weekday mornings, above the pack's education slot.
        browser.get(url("/admin/schedules/new"));
        String entry = fixtures.unique("Introdag på stationen");
        browser.findElement(By.id("name")).sendKeys(entry);
        choose("playlist", playlist);
        browser.findElement(By.cssSelector("input[name=targetKind][value=group]")).click();
        choose("group", "station");
        for (String day : List.of("MON", "TUE", "WED", "THU", "FRI")) {
            assertThat(browser.findElement(By.cssSelector("input[name=days][value=" + day + "]")).isSelected()).as(day).isTrue();
        }
        for (String day : List.of("SAT", "SUN")) {
            assertThat(browser.findElement(By.cssSelector("input[name=days][value=" + day + "]")).isSelected()).as(day).isFalse();
        }
        setValue("startTime", "07:00");
        setValue("endTime", "10:00");
        // a priority between the named levels: "another number", and the number under "Advanced"
        browser.findElement(By.cssSelector("#priorityLevel option[value=custom]")).click();
        browser.findElement(By.cssSelector("#priority-advanced summary")).click();
        WebElement priority = browser.findElement(By.id("priority"));
        priority.clear();
        priority.sendKeys("20");
        checkAndKeep("schedule-new");
        browser.findElement(By.cssSelector("#entry-form button[type=submit]")).click();
        waitForUrl("notice=schedules.created");
        assertThat(browser.findElement(By.id("rule-words")).getText()).contains("07.00", "10.00");
        checkAndKeep("schedule");

        // The timeline of the station hall on that weekday shows it from 07.00 to 10.00, and says why.
        browser.get(url("/admin/schedules/timeline?screen=station-hal&day=" + MORNING.toLocalDate()));
        List<WebElement> segments = browser.findElements(By.cssSelector("#segments tr.segment"));
        List<String> showingIt = segments.stream()
                .filter(s -> s.findElements(By.cssSelector(".announcements li")).stream().anyMatch(li -> li.getText().equals(title)))
                .map(s -> s.findElement(By.cssSelector(".when")).getText()).toList();
        assertThat(showingIt).containsExactly("07.00–10.00");
        WebElement morning = segments.stream().filter(s -> s.findElement(By.cssSelector(".when")).getText().equals("07.00–10.00"))
                .findFirst().orElseThrow();
        assertThat(morning.findElements(By.cssSelector(".announcements li")).stream().map(WebElement::getText).toList())
                .containsExactly(title);
        assertThat(morning.findElement(By.cssSelector(".winners")).getText()).contains(entry, "Introdag", "prioritet 20");
        assertThat(morning.findElement(By.cssSelector(".losers")).getText()).contains("Uddannelse – alt – Albertslund Station");
        browser.executeScript("arguments[0].scrollIntoView()", morning);
        checkAndKeep("timeline");

        // The dashboard: both station screens play it now, the library's do not.
        browser.get(url("/admin/dashboard"));
        for (String screen : List.of("station-hal", "station-underfoering")) {
            assertThat(texts("li[data-screen=" + screen + "] ol.playing li")).as(screen).contains(title).doesNotContain(englishTitle);
        }
        assertThat(texts("li[data-screen=bibliotek-indgang] ol.playing li")).doesNotContain(title);
        Object previewed = Chromium.waitFor(Duration.ofSeconds(30), () -> js("""
                const root = document.querySelector('[data-preview=station-hal]')?.shadowRoot;
                return root?.querySelector('.slide-title')?.textContent ?? null;"""));
        assertThat(previewed).as("the station hall's preview, drawn by the kiosk's player").isIn(title, englishTitle);
        WebElement preview = browser.findElement(By.cssSelector("[data-preview=station-hal]"));
        assertThat(preview.isDisplayed()).as("the preview is on show").isTrue();
        assertThat(preview.getSize().getHeight()).as("a 16:9 preview as wide as its card")
                .isCloseTo(preview.getSize().getWidth() * 9 / 16, within(1));
        browser.executeScript("arguments[0].scrollIntoView()", browser.findElement(By.cssSelector("li[data-screen=station-hal]")));
        checkAndKeep("dashboard");
    }

    private static boolean isStale(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException gone) {
            return true;
        }
    }
}
