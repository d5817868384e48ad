package dk.albertslund.signage.web;

import dk.albertslund.signage.kiosk.Kiosks;
import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Chromium;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import dk.albertslund.signage.testing.WebClient;
import io.micronaut.http.HttpRequest;
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

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every staff page in Debian's Chromium, with a little of everything in the database so no
 * page is empty, checked with axe-core (no serious or critical violations) and kept as a
 * screenshot under target/screenshots/tour-*.png for review; none may have anything refused
 * by its Content-Security-Policy in the console.
 * <p>
 * As an admin, in Danish: sign-in, the invited person's setup link page, dashboard,
 * account, announcements list, new announcement, an announcement (a Danish/English pair)
 * and its editor, a rejected announcement, approvals, playlists list/new/edit (items and a
 * rule playlist), schedules list/new/edit/week/timeline, screens list/new/edit, a screen's
 * page (a paired kiosk with a heartbeat), new and edit screen group, pairing by code and
 * its confirmation page (a pending code), emergency (one active, so its banner is on every
 * page), reports over a period with plays, users list/new/edit and the invitation link
 * page, feeds list/new/feed page/delete, the 403 and the 404 page. In English: dashboard,
 * announcement editor, timeline, reports, users and the 404 page.
 * <p>
 * As an editor of one institution (fewer actions): dashboard, account, announcements list,
 * new announcement, an announcement and its editor, playlists list and edit, schedules
 * list/new/week/timeline, screens list, a screen's page, feeds list/new/feed page, reports,
 * and the 403 page of the approvals queue.
 * <p>
 * Forms sent with mistakes, errors beside the fields: new announcement, playlist, schedule
 * entry, screen, screen group, feed and user, a malformed pairing code, an emergency
 * without a title, and a too-short new password.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffPagesTourBrowserTest implements PostgresTest {

    private static final ZoneId CAMPUS = ZoneId.of("Europe/Copenhagen");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Fixtures fixtures;
    @Inject
    ContentFixtures content;
    @Inject
    Kiosks kiosks;
    @Inject
    EmbeddedServer server;

    private ChromeDriver browser;
    private final List<String> violations = new ArrayList<>();

    /** What the tour visits, built once through the API and the pages. */
    private record Data(ContentFixtures.Institution school, String pair, String rejected, String playlist, String rulePlaylist,
                        String group, String screen, String entry, String feed, String pendingCode, String editor,
                        LocalDate playedOn) {
    }

    private Data data;

    @BeforeAll
    void startChromiumAndBuildTheCampus() {
        browser = Chromium.start(1280, 900);
        data = campus();
    }

    @AfterAll
    void stopChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    private Data campus() {
        Api admin = content.admin();
        ContentFixtures.Institution school = content.institution("Albertslund Gymnasium");
        String editor = fixtures.staffMember(EnumSet.of(Role.EDITOR), school.id());
        WebClient adminPages = fixtures.browserAs(Role.ADMIN);

        WebClient.Page saved = adminPages.submit("/admin/announcements", Map.of("titleDa", "Åbent hus på gymnasiet",
                "bodyDa", "Kom og mød lærerne **torsdag** kl. 17.", "titleEn", "Open house at the school",
                "bodyEn", "Meet the teachers on **Thursday** at 5 pm.", "institution", school.slug(), "category", "education",
                "durationSeconds", "12", "intent", "submit"));
        assertThat(saved.status()).as(saved.html()).isEqualTo(303);
        String pair = URI.create(saved.location().orElseThrow()).getPath().replace("/admin/announcements/", "");
        // written by the admin on the pages, so another approver approves it (four eyes)
        assertThat(fixtures.approve(pair).status()).isEqualTo(200);
        long pairId = ((Number) admin.get("/api/v1/announcements/" + pair).body().get("id")).longValue();

        String rejected = fixtures.unique("koncert");
        assertThat(admin.post("/api/v1/announcements", Map.of("slug", rejected, "institution", school.slug(),
                "title", "Forårskoncert", "body", "Skolens kor synger i aulaen.", "language", "da", "category", "culture"))
                .status()).isEqualTo(201);
        admin.post("/api/v1/announcements/" + rejected + "/submit", Map.of());
        assertThat(admin.post("/api/v1/announcements/" + rejected + "/reject", Map.of("reason", "Mangler dato og tid"))
                .status()).isEqualTo(200);

        String playlist = content.playlist(Map.of("slug", fixtures.unique("morgen"), "name", "Morgen på gymnasiet",
                "institution", school.slug(), "items", List.of(pair, content.approved(school.id(), "youth"))));
        String rulePlaylist = content.playlist(Map.of("slug", fixtures.unique("kultur"), "name", "Al kultur",
                "rule", Map.of("categories", List.of("culture", "education"))));

        String group = fixtures.unique("station");
        assertThat(admin.post("/api/v1/screen-groups", Map.of("slug", group, "name", "Stationen",
                "defaultPlaylist", rulePlaylist)).status()).isEqualTo(201);
        String screen = fixtures.unique("perron");
        assertThat(admin.post("/api/v1/screens", Map.of("slug", screen, "name", "Perron 1", "location", "Albertslund Station",
                "languages", List.of("da", "en"), "groups", List.of(group))).status()).isEqualTo(201);
        String entry = fixtures.unique("hverdage");
        Api.Response scheduled = admin.post("/api/v1/schedule-entries", Map.of("slug", entry, "playlist", playlist,
                "targetKind", "group", "target", group, "days", List.of("MON", "TUE", "WED", "THU", "FRI"),
                "startTime", "07:00", "endTime", "10:00", "priority", 10));
        assertThat(scheduled.status()).as(scheduled.text()).isEqualTo(201);

        Kiosks.Paired kiosk = kiosks.pair(screen);
        // a kiosk reports plays only of what its manifest carried
        assertThat(kiosks.as(kiosk.token()).get("/api/v1/kiosk/manifest").status()).isEqualTo(200);
        Map<String, Object> heartbeat = new HashMap<>(Map.of("clientVersion", "0.1.3", "uptimeSeconds", 86_400,
                "currentSlideId", pairId, "clockOffsetMs", -250, "recentErrors", List.of("media 3f2a failed, retrying")));
        assertThat(kiosks.as(kiosk.token()).post("/api/v1/kiosk/heartbeat", heartbeat).status()).isEqualTo(204);
        LocalDate playedOn = LocalDate.now(CAMPUS).minusDays(2);
        List<Map<String, Object>> plays = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Instant at = playedOn.atTime(8, 0).atZone(CAMPUS).toInstant().plusSeconds(i * 60L);
            plays.add(Map.of("announcementId", pairId, "language", i % 2 == 0 ? "da" : "en", "startedAt", at.toString(),
                    "durationMs", 12_000));
        }
        assertThat(kiosks.as(kiosk.token()).post("/api/v1/kiosk/plays", Map.of("seq", 1, "plays", plays)).status()).isEqualTo(204);

        Api.Response asked = fixtures.anonymous().send(HttpRequest.POST("/api/v1/kiosk/pairings", Map.of())
                .header("User-Agent", "Mozilla/5.0 (X11; Linux aarch64) Chromium/126.0 CampusKiosk"));
        assertThat(asked.status()).isEqualTo(201);

        String feed = fixtures.unique("kalender");
        Api.Response created = admin.post("/api/v1/feeds", Map.of("slug", feed, "name", "Gymnasiets kalender", "kind", "ics-file",
                "institution", school.slug()));
        assertThat(created.status()).as(created.text()).isEqualTo(201);

        String until = LocalDateTime.now(CAMPUS).plusDays(1).truncatedTo(ChronoUnit.MINUTES).toString();
        WebClient.Page emergency = adminPages.submit("/admin/emergency", Map.of("title", "Stationen er lukket",
                "body", "Brug bus 143.", "titleEn", "The station is closed", "institution", school.slug(), "target", "all",
                "until", until));
        assertThat(emergency.status()).as(emergency.html()).isEqualTo(303);

        return new Data(school, pair, rejected, playlist, rulePlaylist, group, screen, entry, feed,
                (String) asked.body().get("code"), editor, playedOn);
    }

    /** localhost, not 127.0.0.1: browsers accept the Secure CSRF cookie over http only there. */
    private String url(String path) {
        return "http://localhost:" + server.getPort() + path;
    }

    /** Opens the page, checks it and keeps its picture; the violations of every page are reported together. */
    private void visit(String path, String name) {
        browser.get(url(path));
        check(name);
    }

    private void check(String name) {
        // the page's nonce CSP (application.yml) blocked nothing it needs; read before axe-core,
        // whose own <style> elements the policy refuses
        for (String refused : Chromium.contentSecurityPolicyViolations(browser)) {
            violations.add(name + " (" + browser.getCurrentUrl() + "): " + refused);
        }
        for (String violation : Chromium.seriousAccessibilityViolations(browser)) {
            violations.add(name + " (" + browser.getCurrentUrl() + "): " + violation);
        }
        Chromium.screenshot(browser, "tour-" + name);
    }

    private void signIn(String username) throws InterruptedException {
        browser.manage().deleteAllCookies();
        browser.get(url("/admin/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD, Keys.ENTER);
        assertThat(Chromium.waitFor(WAIT, () -> browser.getCurrentUrl().contains("/admin/dashboard"))).isTrue();
    }

    private void language(String lang) {
        browser.get(url("/admin/language/" + lang + "?back=/admin/account"));
    }

    /** Sends the form as it stands, past the browser's own checks, so the server's errors show beside the fields. */
    private void sendAsItStands(String form, String name) throws InterruptedException {
        browser.executeScript("window.stillTheOldPage = true; const form = document.querySelector(arguments[0]);"
                + " form.noValidate = true; form.requestSubmit();", form);
        assertThat(Chromium.waitFor(WAIT, () -> browser.executeScript("return window.stillTheOldPage === undefined && document.readyState === 'complete'")))
                .as("the answer to " + form + " on " + name).isEqualTo(true);
        assertThat(browser.findElements(By.cssSelector(".field-error"))).as("errors on " + name).isNotEmpty();
        check(name);
    }

    @Test
    void every_form_sent_with_mistakes_shows_its_errors_beside_the_fields_and_passes_axe_core() throws InterruptedException {
        violations.clear();
        signIn(fixtures.staffMember(EnumSet.of(Role.ADMIN)));
        language("da");

        browser.get(url("/admin/announcements/new"));
        sendAsItStands("#editor", "announcement-new-errors");
        browser.get(url("/admin/playlists/new"));
        sendAsItStands("main form[method=post]", "playlist-new-errors");
        browser.get(url("/admin/schedules/new"));
        sendAsItStands("#entry-form", "schedule-new-errors");
        browser.get(url("/admin/screens/new"));
        sendAsItStands("#screen-form", "screen-new-errors");
        browser.get(url("/admin/screens/groups/new"));
        sendAsItStands("#group-form", "group-new-errors");
        browser.get(url("/admin/pairing"));
        browser.findElement(By.id("code")).sendKeys("AB");
        sendAsItStands("#code-form", "pairing-errors");
        browser.get(url("/admin/emergency"));
        sendAsItStands("#emergency-form", "emergency-errors");
        browser.get(url("/admin/users/new"));
        sendAsItStands("#user-form", "user-new-errors");
        browser.get(url("/admin/feeds/new"));
        sendAsItStands("main form.feed-form", "feed-new-errors");
        browser.get(url("/admin/account"));
        browser.findElement(By.cssSelector("main form input[type=password]")).sendKeys("kort");
        sendAsItStands("main form[action='/admin/account/password']", "account-errors");

        assertThat(violations).isEmpty();
    }

    @Test
    void every_page_an_admin_opens_passes_axe_core_in_danish_and_english() throws InterruptedException {
        violations.clear();
        browser.manage().deleteAllCookies();
        visit("/admin/login", "login");
        signIn(fixtures.staffMember(EnumSet.of(Role.ADMIN)));
        language("da");

        visit("/admin/dashboard", "dashboard");
        assertThat(browser.findElement(By.cssSelector(".emergency-banner")).getText()).startsWith("Nødbesked vises nu: Stationen er lukket");
        visit("/admin/account", "account");
        visit("/admin/announcements", "announcements");
        visit("/admin/announcements/new", "announcement-new");
        visit("/admin/announcements/" + data.pair(), "announcement");
        visit("/admin/announcements/" + data.pair() + "/edit", "announcement-edit");
        visit("/admin/announcements/" + data.rejected(), "announcement-rejected");
        visit("/admin/approvals", "approvals");
        visit("/admin/playlists", "playlists");
        visit("/admin/playlists/new", "playlist-new");
        visit("/admin/playlists/" + data.playlist(), "playlist-edit");
        visit("/admin/playlists/" + data.rulePlaylist(), "playlist-rule");
        visit("/admin/schedules", "schedules");
        visit("/admin/schedules/new", "schedule-new");
        visit("/admin/schedules/" + data.entry(), "schedule-edit");
        visit("/admin/schedules/week?screen=" + data.screen(), "schedule-week");
        visit("/admin/schedules/timeline?screen=" + data.screen(), "schedule-timeline");
        visit("/admin/screens", "screens");
        visit("/admin/screens/new", "screen-new");
        visit("/admin/screens/" + data.screen() + "/edit", "screen-edit");
        visit("/admin/screens/" + data.screen(), "screen");
        visit("/admin/screens/groups/new", "group-new");
        visit("/admin/screens/groups/" + data.group() + "/edit", "group-edit");
        visit("/admin/pairing", "pairing");
        browser.findElement(By.id("code")).sendKeys(data.pendingCode(), Keys.ENTER);
        assertThat(Chromium.waitFor(WAIT, () -> !browser.findElements(By.id("claim-form")).isEmpty())).isTrue();
        check("pairing-confirm");
        visit("/admin/emergency", "emergency");
        visit("/admin/reports?from=" + data.playedOn().minusDays(3) + "&to=" + data.playedOn().plusDays(1), "reports");
        assertThat(browser.findElement(By.id("total-plays")).getText()).isEqualTo("4");
        visit("/admin/users", "users");
        visit("/admin/users/" + data.editor(), "user-edit");
        visit("/admin/users/new", "user-new");
        String invited = fixtures.unique("laerer");
        browser.findElement(By.id("username")).sendKeys(invited);
        browser.findElement(By.id("displayName")).sendKeys("Lone Lærer");
        browser.findElement(By.cssSelector("input[name=roles][value=viewer]")).click();
        browser.findElement(By.cssSelector("#user-form button[type=submit]")).click();
        assertThat(Chromium.waitFor(WAIT, () -> !browser.findElements(By.id("invitation-link")).isEmpty())).isTrue();
        check("user-invitation-link");
        URI link = URI.create(browser.findElement(By.id("invitation-link")).getAttribute("value"));
        visit("/admin/feeds", "feeds");
        visit("/admin/feeds/new", "feed-new");
        visit("/admin/feeds/" + data.feed(), "feed");
        visit("/admin/feeds/" + data.feed() + "/delete", "feed-delete");
        visit("/admin/announcements/" + fixtures.unique("findes-ikke"), "error-404");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Siden findes ikke");

        language("en");
        visit("/admin/dashboard", "en-dashboard");
        visit("/admin/announcements/" + data.pair() + "/edit", "en-announcement-edit");
        visit("/admin/schedules/timeline?screen=" + data.screen(), "en-schedule-timeline");
        visit("/admin/reports?from=" + data.playedOn().minusDays(3) + "&to=" + data.playedOn().plusDays(1), "en-reports");
        visit("/admin/users", "en-users");
        visit("/admin/schedules/" + fixtures.unique("findes-ikke"), "en-error-404");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("This page does not exist");
        language("da");

        browser.manage().deleteAllCookies();
        visit(link.getPath() + "?" + link.getRawQuery(), "setup-link");

        assertThat(violations).isEmpty();
    }

    @Test
    void the_pages_an_editor_opens_show_fewer_actions_and_pass_axe_core() throws InterruptedException {
        violations.clear();
        signIn(data.editor());
        language("da");

        visit("/admin/dashboard", "editor-dashboard");
        assertThat(browser.findElement(By.cssSelector(".emergency-banner")).getText()).isEqualTo("Nødbesked vises nu: Stationen er lukket – Alle skærme");
        assertThat(browser.findElements(By.cssSelector(".emergency-banner a"))).isEmpty();
        visit("/admin/account", "editor-account");
        visit("/admin/announcements", "editor-announcements");
        visit("/admin/announcements/new", "editor-announcement-new");
        visit("/admin/announcements/" + data.rejected(), "editor-announcement-rejected");
        visit("/admin/announcements/" + data.rejected() + "/edit", "editor-announcement-edit");
        visit("/admin/playlists", "editor-playlists");
        visit("/admin/playlists/" + data.playlist(), "editor-playlist-edit");
        visit("/admin/schedules", "editor-schedules");
        visit("/admin/schedules/new", "editor-schedule-new");
        visit("/admin/schedules/week?screen=" + data.screen(), "editor-schedule-week");
        visit("/admin/schedules/timeline?screen=" + data.screen(), "editor-schedule-timeline");
        visit("/admin/screens", "editor-screens");
        visit("/admin/screens/" + data.screen(), "editor-screen");
        visit("/admin/feeds", "editor-feeds");
        visit("/admin/feeds/new", "editor-feed-new");
        visit("/admin/feeds/" + data.feed(), "editor-feed");
        visit("/admin/reports?from=" + data.playedOn().minusDays(3) + "&to=" + data.playedOn().plusDays(1), "editor-reports");
        visit("/admin/approvals", "error-403");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Det har du ikke adgang til");

        assertThat(violations).isEmpty();
    }
}
