package dk.albertslund.signage.submission;

import dk.albertslund.signage.kiosk.KioskBrowser;
import dk.albertslund.signage.kiosk.Kiosks;
import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import dk.albertslund.signage.testing.WebClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Submission links over real HTTP on the real database (README "Submission links"): made,
 * listed and revoked by admins and approvers through the API; the public form behind a link
 * takes a message with a picture into the approval queue, marked with the group; the
 * receipt follows it through approval (and onto a kiosk's manifest) or a rejection with its
 * reason; revoked links, the weekly limit, the per-address throttle, the honeypot, wrong
 * pictures and a missing CSRF token are each refused as a person would want to be told.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubmissionApiTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    ContentFixtures content;
    @Inject
    Kiosks kiosks;
    @Inject
    SubmissionThrottle throttle;

    @BeforeEach
    void freshHour() {
        throttle.forget();
    }

    /** A link made through the API by an approver; returns its secret path (/submit/...). */
    private String link(String group, int weeklyLimit) {
        ContentFixtures.Institution club = content.institution("Albertslund Ungdomsskole");
        Api.Response created = fixtures.secondApprover().post("/api/v1/submission-links",
                Map.of("groupName", group, "institution", club.slug(), "expiresInDays", 30, "weeklyLimit", weeklyLimit));
        created.expect(201);
        String address = (String) created.body().get("address");
        return address.substring(address.indexOf("/submit/"));
    }

    private static Map<String, Object> message(String title) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("titleDa", title);
        fields.put("bodyDa", "Fredag kl. 19 i klubhuset. Gratis entré.");
        fields.put("titleEn", "");
        fields.put("bodyEn", "");
        fields.put("publishFrom", "");
        fields.put("publishUntil", "");
        fields.put("place", "campus");
        fields.put("website", "");
        return fields;
    }

    private static WebClient.FilePart picture() {
        return new WebClient.FilePart("plakat.png", "image/png", KioskBrowser.png(640, 360, new Color(0x1d3557)));
    }

    /** Opens the form as a phone would (which sets the CSRF cookie) and sends it. */
    private WebClient.Page send(WebClient phone, String path, Map<String, Object> fields, Map<String, WebClient.FilePart> files) {
        assertThat(phone.get(path).status()).isEqualTo(200);
        return phone.submitMultipart(path, fields, files);
    }

    @Test
    void an_approver_makes_a_link_whose_address_is_shown_once_and_stored_only_hashed() {
        ContentFixtures.Institution club = content.institution("Albertslund Ungdomsskole");
        Api approver = fixtures.secondApprover();
        Api.Response created = approver.post("/api/v1/submission-links",
                Map.of("groupName", "Elevrådet", "institution", club.slug(), "expiresInDays", 14, "weeklyLimit", 2));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().get("Cache-Control")).isEqualTo("no-store");
        String address = (String) created.body().get("address");
        assertThat(address).contains("/submit/");
        String secret = address.substring(address.lastIndexOf('/') + 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> link = (Map<String, Object>) created.body().get("link");
        assertThat(link).containsEntry("groupName", "Elevrådet").containsEntry("institution", club.slug())
                .containsEntry("weeklyLimit", 2).containsEntry("state", "active").containsEntry("sentThisWeek", 0);
        long id = ((Number) link.get("id")).longValue();

        List<Map<String, Object>> rows = fixtures.rows("SELECT token_hash FROM submission_link WHERE id = ?", id);
        assertThat(rows.get(0).get("token_hash")).isEqualTo(dk.albertslund.signage.core.Sha256.hex(secret));
        assertThat(approver.get("/api/v1/submission-links").text()).doesNotContain(secret).contains("Elevrådet");
        assertThat(fixtures.rows("SELECT action, actor FROM audit_log WHERE entity_type = 'submission-link' AND entity_id = ?", id))
                .extracting(r -> r.get("action")).containsExactly("create");
    }

    @Test
    void editors_cannot_make_links_and_unknown_fields_are_refused() {
        ContentFixtures.Institution club = content.institution("Albertslund Ungdomsskole");
        Api editor = fixtures.signedIn(Role.EDITOR, club.id());
        assertThat(editor.post("/api/v1/submission-links", Map.of("groupName", "Klubben", "institution", club.slug())).status())
                .isEqualTo(403);
        assertThat(editor.get("/api/v1/submission-links").status()).isEqualTo(403);
        Api.Response misspelt = fixtures.secondApprover().post("/api/v1/submission-links",
                Map.of("groupName", "Klubben", "institution", club.slug(), "weeklyLimt", 2));
        assertThat(misspelt.status()).isEqualTo(400);
        Api.Response empty = fixtures.secondApprover().post("/api/v1/submission-links", Map.of("institution", club.slug(), "weeklyLimit", 0));
        assertThat(empty.errorFields()).containsExactlyInAnyOrder("groupName", "weeklyLimit");
    }

    @Test
    void a_message_sent_through_a_link_waits_in_the_queue_marked_with_the_group_then_plays_once_approved() {
        String path = link("Ungdomsklubben", 3);
        WebClient phone = fixtures.browser();
        WebClient.Page form = phone.get(path);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(form.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(form.text("h1")).isEqualTo("Send et opslag fra Ungdomsklubben");

        Map<String, Object> fields = message("Fredagsbar i klubben");
        java.time.ZoneId campus = java.time.ZoneId.of("Europe/Copenhagen");
        java.time.LocalDate today = java.time.LocalDate.now(campus);
        fields.put("publishFrom", today.toString());
        fields.put("publishUntil", today.plusDays(2).toString());
        WebClient.Page sent = phone.submitMultipart(path, fields, Map.of("file", picture()));
        assertThat(sent.status()).as(sent.html()).isEqualTo(303);
        String receipt = sent.location().orElseThrow();
        assertThat(receipt).startsWith("/submit/receipt/");
        WebClient.Page waiting = phone.get(receipt);
        assertThat(waiting.text("[data-state]")).isEqualTo("Opslaget er modtaget og venter på godkendelse.");
        assertThat(waiting.text(".facts dd")).isEqualTo("Fredagsbar i klubben");

        List<Map<String, Object>> stored = fixtures.rows("""
                SELECT a.slug, a.status, a.created_by, a.media_id, extract(epoch FROM a.publish_from)::bigint AS from_,
                       extract(epoch FROM a.publish_until)::bigint AS until_,
                       a.tags::text AS tags FROM submission s JOIN announcement a ON a.id = s.announcement_id
                WHERE a.title = 'Fredagsbar i klubben'""");
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).get("status")).isEqualTo("submitted");
        assertThat(stored.get(0).get("media_id")).isNotNull();
        // the wished days, whole days in the campus time zone, the last one included
        assertThat(stored.get(0).get("from_")).isEqualTo(today.atStartOfDay(campus).toEpochSecond());
        assertThat(stored.get(0).get("until_")).isEqualTo(today.plusDays(3).atStartOfDay(campus).toEpochSecond());
        assertThat(stored.get(0).get("tags")).isEqualTo("{campus}");
        String slug = (String) stored.get(0).get("slug");

        WebClient approverPage = fixtures.browserAs(Role.APPROVER);
        WebClient.Page queue = approverPage.get("/admin/approvals");
        assertThat(queue.document().selectFirst("article[data-slug=" + slug + "] .approval-sender").text())
                .isEqualTo("Indsendt af Ungdomsklubben via link");

        assertThat(fixtures.approve(slug).status()).isEqualTo(200);
        assertThat(phone.get(receipt).text("[data-state]"))
                .isEqualTo("Opslaget er godkendt og vises på skærmene i den valgte periode.");

        String screen = kiosks.screen("Klubhuset");
        String playlist = fixtures.unique("klub");
        kiosks.admin().post("/api/v1/playlists", Map.of("slug", playlist, "name", "Klub " + playlist, "items", List.of(slug))).expect(201);
        kiosks.admin().put("/api/v1/screens/" + screen, Map.of("name", "Klubhuset", "defaultPlaylist", playlist)).expect(200);
        Kiosks.Paired kiosk = kiosks.pair(screen);
        String manifest = kiosks.as(kiosk.token()).get("/api/v1/kiosk/manifest").expect(200).text();
        assertThat(manifest).contains("Fredagsbar i klubben");
    }

    @Test
    void a_rejection_reason_reaches_the_receipt_page() {
        String path = link("Spejderne", 3);
        WebClient phone = fixtures.browser();
        Map<String, Object> words = message("Loppemarked søndag");
        words.put("bodyDa", "Alt skal væk <script>alert(1)</script> **søndag** kl. 10.");
        // a file input left empty, as a browser sends it
        String receipt = send(phone, path, words,
                Map.of("file", new WebClient.FilePart("", "application/octet-stream", new byte[0]))).location().orElseThrow();
        Map<String, Object> stored = fixtures.rows("SELECT slug, body_html FROM announcement WHERE title = 'Loppemarked søndag'").get(0);
        String slug = (String) stored.get("slug");
        // the words are rendered and sanitised as the editor's are
        assertThat((String) stored.get("body_html")).contains("<strong>søndag</strong>").doesNotContain("<script");

        WebClient approver = fixtures.browserAs(Role.APPROVER);
        approver.get("/admin/approvals");
        assertThat(approver.submit("/admin/approvals/" + slug + "/reject",
                Map.of("reason", "Skriv venligst klokkeslættet.")).status()).isEqualTo(303);

        WebClient.Page page = phone.get(receipt);
        assertThat(page.text("[data-state]")).startsWith("Opslaget er ikke godkendt.");
        assertThat(page.text("[data-reason]")).isEqualTo("Skriv venligst klokkeslættet.");
        phone.get(receipt + "?lang=en");
        assertThat(phone.get(receipt).text("[data-state]")).startsWith("The message was not approved.");
    }

    @Test
    void a_revoked_link_refuses_in_both_languages_and_says_why() {
        String path = link("Foreningen", 3);
        Api approver = fixtures.secondApprover();
        long id = ((Number) fixtures.rows("SELECT id FROM submission_link ORDER BY id DESC LIMIT 1").get(0).get("id")).longValue();
        WebClient phone = fixtures.browser();
        assertThat(phone.get(path).status()).isEqualTo(200);
        assertThat(approver.delete("/api/v1/submission-links/" + id).status()).isEqualTo(204);

        WebClient.Page refused = phone.get(path);
        assertThat(refused.status()).isEqualTo(410);
        assertThat(refused.text("h1")).isEqualTo("Linket er lukket");
        WebClient.Page sent = phone.submitMultipart(path, message("For sent"), Map.of());
        assertThat(sent.status()).isEqualTo(410);
        assertThat(fixtures.rows("SELECT id FROM announcement WHERE title = 'For sent'")).isEmpty();
        phone.get(path + "?lang=en");
        assertThat(phone.get(path).text("h1")).isEqualTo("This link has been closed");
        assertThat(phone.get("/submit/no-such-link").status()).isEqualTo(404);
        assertThat(fixtures.rows("SELECT action FROM audit_log WHERE entity_type = 'submission-link' AND entity_id = ? ORDER BY id", id))
                .extracting(r -> r.get("action")).containsExactly("create", "revoke");
    }

    @Test
    void the_weekly_limit_refuses_with_a_clear_message() {
        String path = link("Skakklubben", 1);
        WebClient phone = fixtures.browser();
        assertThat(send(phone, path, message("Skakturnering"), Map.of()).status()).isEqualTo(303);
        WebClient.Page second = phone.submitMultipart(path, message("Endnu en turnering"), Map.of());
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.text("[role=alert]"))
                .isEqualTo("Linket har nået sin grænse på 1 opslag på 7 dage. Prøv igen senere, eller kontakt jeres kontaktperson.");
        assertThat(second.document().selectFirst("#titleDa").attr("value")).isEqualTo("Endnu en turnering");
        assertThat(fixtures.rows("SELECT id FROM announcement WHERE title = 'Endnu en turnering'")).isEmpty();
        // said at once to the next person who opens the form
        assertThat(fixtures.browser().get(path).text("[role=alert]")).startsWith("Linket har nået sin grænse på 1 opslag");
    }

    @Test
    void one_address_sending_too_often_is_throttled_and_the_honeypot_stores_nothing() {
        String path = link("Dramaholdet", 50);
        WebClient phone = fixtures.browser();
        phone.get(path);
        for (int i = 0; i < SubmissionThrottle.PER_ADDRESS_PER_HOUR; i++) {
            Map<String, Object> robot = message("Robot " + i);
            robot.put("website", "http://spam.example");
            WebClient.Page trapped = phone.submitMultipart(path, robot, Map.of());
            assertThat(trapped.status()).isEqualTo(200);
            assertThat(trapped.text("h1")).isEqualTo("Tak");
        }
        assertThat(fixtures.rows("SELECT id FROM announcement WHERE title LIKE 'Robot %'")).isEmpty();

        WebClient.Page throttled = phone.submitMultipart(path, message("Teaterforestilling"), Map.of());
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.text("[role=alert]")).isEqualTo("Der er sendt mange opslag herfra på kort tid. Vent en time, og prøv igen.");
        assertThat(fixtures.rows("SELECT id FROM announcement WHERE title = 'Teaterforestilling'")).isEmpty();
    }

    @Test
    void a_file_that_is_not_a_picture_is_refused_beside_the_field_and_nothing_is_stored() {
        String path = link("Musikholdet", 5);
        WebClient phone = fixtures.browser();
        WebClient.Page sent = send(phone, path, message("Koncert i hallen"),
                Map.of("file", new WebClient.FilePart("plakat.png", "image/png", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8))));
        assertThat(sent.status()).isEqualTo(400);
        assertThat(sent.text("#file-error")).isEqualTo("Vælg et billede i PNG, JPEG eller WebP.");
        assertThat(fixtures.rows("SELECT id FROM announcement WHERE title = 'Koncert i hallen'")).isEmpty();

        WebClient.Page empty = phone.submitMultipart(path, message(""), Map.of());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.text("#titleDa-error")).isNotEmpty();
    }

    @Test
    void the_form_needs_its_csrf_token() {
        String path = link("Billardklubben", 5);
        WebClient phone = fixtures.browser();
        phone.get(path);
        Map<String, Object> fields = message("Uden token");
        fields.put("csrfToken", "forged");
        assertThat(phone.submitMultipart(path, fields, Map.of()).status()).isEqualTo(403);
        assertThat(fixtures.rows("SELECT id FROM announcement WHERE title = 'Uden token'")).isEmpty();
    }

    @Test
    void nothing_about_the_sender_is_stored() {
        List<Object> columns = fixtures.rows("""
                SELECT column_name FROM information_schema.columns WHERE table_name IN ('submission', 'submission_link')
                ORDER BY table_name, ordinal_position""").stream().map(r -> r.get("column_name")).toList();
        assertThat(columns).containsExactly("id", "link_id", "announcement_id", "receipt_hash", "submitted_at",
                "id", "token_hash", "group_name", "institution_id", "weekly_limit", "expires_at", "revoked_at", "created_by", "created_at");
    }

    @Test
    void an_expired_link_says_so() {
        String path = link("Gamle link", 3);
        fixtures.rows("UPDATE submission_link SET expires_at = now() - interval '1 minute' WHERE group_name = 'Gamle link' RETURNING id");
        WebClient.Page page = fixtures.browser().get(path);
        assertThat(page.status()).isEqualTo(410);
        assertThat(page.text("h1")).isEqualTo("Linket er udløbet");
    }

    @Test
    void the_staff_page_makes_a_link_shows_its_address_once_and_revokes_it_while_editors_are_refused() {
        ContentFixtures.Institution club = content.institution("Albertslund Ungdomsskole");
        WebClient approver = fixtures.browserAs(Role.APPROVER);
        assertThat(approver.get("/admin/submission-links").status()).isEqualTo(200);
        WebClient.Page made = approver.submit("/admin/submission-links", Map.of("groupName", "Rollespillerne",
                "institution", club.slug(), "expiresInDays", "60", "weeklyLimit", "2"));
        assertThat(made.status()).isEqualTo(201);
        String address = made.document().selectFirst("#created-link").attr("value");
        assertThat(address).contains("/submit/");
        WebClient.Page listed = approver.get("/admin/submission-links");
        assertThat(listed.html()).doesNotContain(address.substring(address.lastIndexOf('/') + 1));
        String id = listed.document().select("tr[data-link-id]").stream().filter(r -> r.text().contains("Rollespillerne"))
                .findFirst().orElseThrow().attr("data-link-id");
        assertThat(approver.submit("/admin/submission-links/" + id + "/revoke", Map.of()).status()).isEqualTo(303);
        assertThat(approver.get("/admin/submission-links").document().selectFirst("tr[data-link-id=" + id + "]").attr("data-state"))
                .isEqualTo("revoked");
        assertThat(fixtures.browser().get(address.substring(address.indexOf("/submit/"))).status()).isEqualTo(410);

        WebClient.Page refused = approver.submit("/admin/submission-links", Map.of("groupName", "", "institution", club.slug(),
                "expiresInDays", "400", "weeklyLimit", "to"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("#weeklyLimit-error")).isEqualTo("Skriv et helt tal.");

        WebClient editor = fixtures.browserAs(Role.EDITOR, club.id());
        assertThat(editor.get("/admin/submission-links").status()).isEqualTo(403);
        assertThat(editor.get("/admin/dashboard").html()).doesNotContain("/admin/submission-links");
    }

    @Test
    void the_api_document_lists_the_link_api_but_not_the_public_pages() {
        String document = fixtures.anonymous().get("/swagger/campus-signage-api.yml").text();
        assertThat(document).contains("  /api/v1/submission-links:", "  /api/v1/submission-links/{id}:").doesNotContain("  /submit");
    }
}
