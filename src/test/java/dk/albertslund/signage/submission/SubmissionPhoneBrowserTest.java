package dk.albertslund.signage.submission;

import dk.albertslund.signage.kiosk.KioskBrowser;
import dk.albertslund.signage.kiosk.Kiosks;
import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Chromium;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A youth club's member on a phone (390×844), like a person (README "Submission links"):
 * opens the link, writes, sees the live preview and readability verdict, attaches a
 * picture, sends, and reads the receipt; an approver finds it in the queue marked with the
 * club, approves it, and it is in the kiosk's manifest; a rejection's reason shows on its
 * receipt; a closed link says so. axe-core finds no serious or critical violation on any of
 * the pages, and the pages' own CSP blocks nothing they need. Screenshots are kept as
 * target/screenshots/submission-*.png.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubmissionPhoneBrowserTest implements PostgresTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Fixtures fixtures;
    @Inject
    ContentFixtures content;
    @Inject
    Kiosks kiosks;
    @Inject
    EmbeddedServer server;
    @Inject
    SubmissionThrottle throttle;

    private ChromeDriver phone;
    private final List<String> violations = new ArrayList<>();

    @BeforeAll
    void startPhone() {
        phone = Chromium.start(390, 844);
    }

    @AfterAll
    void stopPhone() {
        if (phone != null) {
            phone.quit();
        }
    }

    @BeforeEach
    void freshHour() {
        throttle.forget();
        violations.clear();
    }

    /** localhost, not 127.0.0.1: browsers accept the Secure CSRF cookie over http only there. */
    private String url(String path) {
        return "http://localhost:" + server.getPort() + path;
    }

    private String link(String group) {
        return link(group, 5);
    }

    private String link(String group, int weeklyLimit) {
        ContentFixtures.Institution club = content.institution("Albertslund Ungdomsskole");
        Api.Response created = fixtures.secondApprover().post("/api/v1/submission-links",
                Map.of("groupName", group, "institution", club.slug(), "expiresInDays", 30, "weeklyLimit", weeklyLimit));
        String address = (String) created.expect(201).body().get("address");
        return address.substring(address.indexOf("/submit/"));
    }

    private void check(String name) {
        for (String refused : Chromium.contentSecurityPolicyViolations(phone)) {
            violations.add(name + ": " + refused);
        }
        for (String violation : Chromium.seriousAccessibilityViolations(phone)) {
            violations.add(name + ": " + violation);
        }
        Chromium.screenshot(phone, "submission-" + name);
    }

    private Object script(String js) {
        return phone.executeScript(js);
    }

    private void signIn(String username) throws InterruptedException {
        phone.get(url("/admin/login"));
        phone.findElement(By.id("username")).sendKeys(username);
        phone.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD, Keys.ENTER);
        assertThat(Chromium.waitFor(WAIT, () -> phone.getCurrentUrl().contains("/admin/dashboard"))).isTrue();
    }

    @Test
    void a_club_member_writes_on_a_phone_sees_the_preview_sends_and_the_approved_message_reaches_a_kiosk() throws Exception {
        String path = link("Ungdomsklubben");
        phone.manage().deleteAllCookies();
        phone.get(url(path));
        assertThat(phone.findElement(By.tagName("h1")).getText()).isEqualTo("Send et opslag fra Ungdomsklubben");
        check("form");

        phone.findElement(By.id("titleDa")).sendKeys("Fredagsbar i klubben");
        phone.findElement(By.id("bodyDa")).sendKeys("Fredag kl. 19 i klubhuset. Gratis entré.");
        // the verdict comes from the server's readability check, the preview from the kiosk player's renderer
        assertThat(Chromium.waitFor(WAIT, () -> script(
                "return document.querySelector('fieldset[data-language=da] [data-readability] .verdict')?.dataset.verdict"))).isNotNull();
        assertThat(Chromium.waitFor(WAIT, () -> script("return document.querySelector('fieldset[data-language=da] .preview-screen')"
                + ".shadowRoot.textContent.includes('Gratis entré')"))).isEqualTo(true);

        Path picture = Files.createTempFile("plakat", ".png");
        Files.write(picture, KioskBrowser.png(800, 450, new Color(0xe63946)));
        phone.findElement(By.id("file")).sendKeys(picture.toString());
        assertThat(Chromium.waitFor(WAIT, () -> script("return document.querySelector('fieldset[data-language=da] .preview-screen')"
                + ".shadowRoot.querySelector('img') !== null"))).isEqualTo(true);
        phone.findElement(By.cssSelector("label.choice input[value=campus]")).click();
        script("document.querySelector('fieldset[data-language=da]').scrollIntoView()");
        Chromium.screenshot(phone, "submission-preview");

        phone.findElement(By.cssSelector("#submission button[type=submit]")).click();
        assertThat(Chromium.waitFor(WAIT, () -> phone.getCurrentUrl().contains("/submit/receipt/"))).isTrue();
        String receipt = phone.getCurrentUrl();
        assertThat(phone.findElement(By.cssSelector("[data-state]")).getText())
                .isEqualTo("Opslaget er modtaget og venter på godkendelse.");
        check("receipt");

        String slug = (String) fixtures.rows("SELECT slug FROM announcement WHERE title = 'Fredagsbar i klubben'").get(0).get("slug");
        phone.manage().deleteAllCookies();
        signIn(fixtures.staffMember(EnumSet.of(Role.APPROVER)));
        phone.get(url("/admin/approvals"));
        assertThat(phone.findElement(By.cssSelector("article[data-slug='" + slug + "'] .approval-sender")).getText())
                .isEqualTo("Indsendt af Ungdomsklubben via link");
        check("queue");
        phone.findElement(By.cssSelector("form[action='/admin/approvals/" + slug + "/approve'] button")).click();
        assertThat(Chromium.waitFor(WAIT, () -> phone.getCurrentUrl().contains("notice=announcementApproved"))).isTrue();
        phone.get(url("/admin/submission-links"));
        check("links");
        // the message's history says who wrote it: the group, not an internal link number
        phone.get(url("/admin/announcements/" + slug));
        assertThat(phone.findElement(By.cssSelector("table.history tbody tr td:nth-of-type(2)")).getText())
                .isEqualTo("Indsendt af Ungdomsklubben via link");

        String screen = kiosks.screen("Klubhuset");
        String playlist = fixtures.unique("klub");
        kiosks.admin().post("/api/v1/playlists", Map.of("slug", playlist, "name", "Klub " + playlist, "items", List.of(slug))).expect(201);
        kiosks.admin().put("/api/v1/screens/" + screen, Map.of("name", "Klubhuset", "defaultPlaylist", playlist)).expect(200);
        Kiosks.Paired kiosk = kiosks.pair(screen);
        assertThat(kiosks.as(kiosk.token()).get("/api/v1/kiosk/manifest").expect(200).text()).contains("Fredagsbar i klubben");

        phone.manage().deleteAllCookies();
        phone.get(receipt);
        assertThat(phone.findElement(By.cssSelector("[data-state]")).getText())
                .isEqualTo("Opslaget er godkendt og vises på skærmene i den valgte periode.");
        assertThat(violations).isEmpty();
    }

    @Test
    void a_rejection_reads_on_the_receipt_in_english_and_a_closed_link_says_so() throws Exception {
        String path = link("Elevrådet");
        phone.manage().deleteAllCookies();
        phone.get(url(path + "?lang=en"));
        assertThat(phone.findElement(By.tagName("h1")).getText()).isEqualTo("Send a message from Elevrådet");
        check("form-en");
        phone.findElement(By.id("titleEn")).sendKeys("Student party");
        phone.findElement(By.cssSelector("#submission button[type=submit]")).click();
        assertThat(Chromium.waitFor(WAIT, () -> phone.getCurrentUrl().contains("/submit/receipt/"))).isTrue();
        String receipt = phone.getCurrentUrl();

        String slug = (String) fixtures.rows("SELECT slug FROM announcement WHERE title = 'Student party'").get(0).get("slug");
        fixtures.secondApprover().post("/api/v1/announcements/" + slug + "/reject",
                Map.of("reason", "Please add the date and the place.")).expect(200);
        phone.get(receipt);
        assertThat(phone.findElement(By.cssSelector("[data-reason]")).getText()).isEqualTo("Please add the date and the place.");
        check("rejected");

        long id = ((Number) fixtures.rows("SELECT id FROM submission_link WHERE group_name = 'Elevrådet' ORDER BY id DESC LIMIT 1")
                .get(0).get("id")).longValue();
        fixtures.secondApprover().delete("/api/v1/submission-links/" + id).expect(204);
        phone.get(url(path));
        assertThat(phone.findElement(By.tagName("h1")).getText()).isEqualTo("This link has been closed");
        check("revoked");
        assertThat(violations).isEmpty();
    }

    @Test
    void the_errors_of_a_form_sent_empty_show_beside_the_fields_and_pass_axe_core() throws InterruptedException, IOException {
        String path = link("Dramaholdet");
        phone.manage().deleteAllCookies();
        phone.get(url(path + "?lang=da"));
        String before = phone.manage().getCookies() + " field=" + phone.findElement(By.name("csrfToken")).getAttribute("value");
        phone.findElement(By.cssSelector("#submission button[type=submit]")).click();
        assertThat(Chromium.waitFor(WAIT, () -> !phone.findElements(By.cssSelector(".field-error")).isEmpty()))
                .as(() -> before + "\n" + phone.getCurrentUrl()).isTrue();
        assertThat(phone.findElement(By.id("titleDa-error")).getText()).isEqualTo("Skriv mindst en overskrift på dansk eller engelsk.");
        check("errors");
        assertThat(violations).isEmpty();
    }

    @Test
    void past_the_links_weekly_limit_the_phone_is_told_so_and_keeps_what_was_typed() throws InterruptedException {
        String path = link("Skakklubben", 1);
        phone.manage().deleteAllCookies();
        phone.get(url(path + "?lang=en"));
        phone.findElement(By.id("titleDa")).sendKeys("Skakturnering");
        phone.findElement(By.cssSelector("#submission button[type=submit]")).click();
        assertThat(Chromium.waitFor(WAIT, () -> phone.getCurrentUrl().contains("/submit/receipt/"))).isTrue();

        phone.get(url(path + "?lang=en"));
        phone.findElement(By.id("titleDa")).sendKeys("Lynskak");
        phone.findElement(By.id("bodyDa")).sendKeys("Torsdag kl. 18 i klubben.");
        phone.findElement(By.cssSelector("#submission button[type=submit]")).click();
        assertThat(Chromium.waitFor(WAIT, () -> !phone.findElements(By.cssSelector("[role=alert]")).isEmpty())).isTrue();
        assertThat(phone.findElement(By.cssSelector("[role=alert]")).getText())
                .isEqualTo("This link has reached its limit of 1 in 7 days. Try again later, or ask your contact person.");
        assertThat(phone.findElement(By.id("titleDa")).getAttribute("value")).as("nothing typed is lost").isEqualTo("Lynskak");
        assertThat(phone.findElement(By.id("bodyDa")).getAttribute("value")).isEqualTo("Torsdag kl. 18 i klubben.");
        assertThat(fixtures.rows("SELECT id FROM announcement WHERE title = 'Lynskak'")).as("nothing stored").isEmpty();
        check("week-full");
        assertThat(violations).isEmpty();
    }
}
