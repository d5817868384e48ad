package dk.albertslund.signage.emergency;

import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import dk.albertslund.signage.testing.WebClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmergencyPagesTest implements PostgresTest {

    private static final ZoneId CAMPUS = ZoneId.of("Europe/Copenhagen");

    @Inject
    Fixtures fixtures;

    @Inject
    ContentFixtures content;

    @Test
    void only_approvers_and_admins_may_open_the_emergency_page() {
        assertThat(fixtures.browserAs(Role.VIEWER).get("/admin/emergency").status()).isEqualTo(403);
        assertThat(fixtures.browserAs(Role.EDITOR, content.institution("Kongsholm Gymnasium").id()).get("/admin/emergency").status())
                .isEqualTo(403);
        WebClient.Page signedOut = fixtures.browser().get("/admin/emergency");
        assertThat(signedOut.status()).isIn(302, 303);
        assertThat(signedOut.location()).hasValue("/admin/login");

        WebClient.Page page = fixtures.browserAs(Role.APPROVER).language("en").get("/admin/emergency");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text("h1")).isEqualTo("Emergency message");
        assertThat(page.document().select("#target option").eachText()).first().isEqualTo("All screens");
    }

    @Test
    void an_editor_cannot_start_an_emergency_even_by_posting_the_form() {
        ContentFixtures.Institution school = content.institution("Kongsholm Gymnasium");
        WebClient editor = fixtures.browserAs(Role.EDITOR, school.id());
        editor.get("/admin/account");

        WebClient.Page refused = editor.submit("/admin/emergency", Map.of("title", "Evakuering", "institution", school.slug(), "target", "all"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(fixtures.rows("SELECT id FROM announcement WHERE title = 'Evakuering'")).isEmpty();
    }

    @Test
    void an_emergency_puts_a_banner_on_every_staff_page_until_it_is_ended() {
        ContentFixtures.Institution library = content.institution("Albertslund Bibliotek");
        WebClient approver = fixtures.browserAs(Role.APPROVER).language("da");
        approver.get("/admin/emergency");
        WebClient viewer = fixtures.browserAs(Role.VIEWER).language("da");
        String until = LocalDateTime.now(CAMPUS).plusDays(1).truncatedTo(ChronoUnit.MINUTES).toString();

        WebClient.Page started = approver.submit("/admin/emergency", Map.of("title", "Stationen er lukket", "body", "Brug bus 143.",
                "titleEn", "The station is closed", "institution", library.slug(), "target", "all", "until", until));

        assertThat(started.status()).isEqualTo(303);
        assertThat(started.location()).hasValue("/admin/emergency?notice=emergencyStarted");
        WebClient.Page account = viewer.get("/admin/account");
        assertThat(account.text(".emergency-banner")).startsWith("Nødbesked vises nu: Stationen er lukket – Alle skærme");
        WebClient.Page list = approver.get(started.location().orElseThrow());
        assertThat(list.text("[role=status]")).isEqualTo("Nødbeskeden vises på skærmene.");
        String slug = list.document().select("tr[data-emergency]").stream()
                .filter(row -> row.selectFirst("th").text().equals("Stationen er lukket")).findFirst().orElseThrow().attr("data-emergency");
        assertThat(fixtures.rows("SELECT title, status, category, language, translations->0->>'title' AS english FROM announcement"
                + " WHERE slug LIKE ?", slug + "%")).containsExactly(Map.of("title", "Stationen er lukket", "status", "approved",
                "category", "emergency", "language", "da", "english", "The station is closed"));
        assertThat(fixtures.rows("SELECT e.kind, e.priority, e.target_kind FROM schedule_entry e JOIN playlist p ON p.id = e.playlist_id "
                + "WHERE p.slug = ?", slug)).isNotEmpty()
                .allMatch(row -> row.equals(Map.of("kind", "emergency", "priority", 1000, "target_kind", "all")));
        assertThat(fixtures.rows("SELECT action FROM audit_log WHERE entity_type = 'announcement' AND entity_id = "
                + "(SELECT id FROM announcement WHERE slug = ?) ORDER BY id", slug))
                .extracting(row -> row.get("action")).containsExactly("create", "submit", "approve");

        WebClient.Page cleared = approver.submit("/admin/emergency/" + slug + "/clear", Map.of());

        assertThat(cleared.status()).isEqualTo(303);
        assertThat(cleared.location()).hasValue("/admin/emergency?notice=emergencyCleared");
        assertThat(viewer.get("/admin/account").text(".emergency-banner")).doesNotContain("Stationen er lukket");
        assertThat(fixtures.rows("SELECT status FROM announcement WHERE slug IN (?, ?)", slug, slug + "-en"))
                .containsOnly(Map.of("status", "archived"));
        assertThat(fixtures.rows("SELECT e.id FROM schedule_entry e JOIN playlist p ON p.id = e.playlist_id WHERE p.slug = ?", slug)).isEmpty();
        assertThat(approver.get("/admin/emergency").document().select("tr[data-emergency=" + slug + "]")).isEmpty();
    }

    @Test
    void an_emergency_for_a_group_names_the_group_in_the_banner() {
        ContentFixtures.Institution library = content.institution("Albertslund Bibliotek");
        String group = fixtures.unique("station");
        assertThat(content.admin().post("/api/v1/screen-groups", Map.of("slug", group, "name", "Stationen")).status()).isEqualTo(201);
        WebClient approver = fixtures.browserAs(Role.APPROVER).language("en");
        approver.get("/admin/emergency");

        WebClient.Page started = approver.submit("/admin/emergency", Map.of("title", "Togbus fra perron 2",
                "institution", library.slug(), "target", group));

        assertThat(started.status()).isEqualTo(303);
        WebClient.Page page = approver.get("/admin/emergency");
        var row = page.document().select("tr[data-emergency]").stream()
                .filter(r -> r.selectFirst("th").text().equals("Togbus fra perron 2")).findFirst().orElseThrow();
        assertThat(row.select("td").eachText()).first().isEqualTo("Screen group Stationen");
        assertThat(row.select("td").get(2).text()).isEqualTo("Until it is ended");
        assertThat(fixtures.rows("SELECT DISTINCT e.target_kind FROM schedule_entry e JOIN playlist p ON p.id = e.playlist_id WHERE p.slug = ?",
                row.attr("data-emergency"))).containsExactly(Map.of("target_kind", "group"));
        approver.submit("/admin/emergency/" + row.attr("data-emergency") + "/clear", Map.of());
    }

    @Test
    void a_form_with_mistakes_comes_back_with_each_beside_its_field_and_the_input_kept() {
        WebClient approver = fixtures.browserAs(Role.APPROVER).language("en");
        approver.get("/admin/emergency");

        WebClient.Page page = approver.submit("/admin/emergency", Map.of("title", " ", "bodyEn", "Use bus 143.", "institution", "",
                "target", "all", "until", "2001-01-01T10:00"));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.text("#title-error")).isEqualTo("is required");
        assertThat(page.text("#titleEn-error")).isEqualTo("is required when there is an English text");
        assertThat(page.text("#institution-error")).isEqualTo("is required");
        assertThat(page.text("#until-error")).isEqualTo("must be in the future");
        assertThat(page.document().selectFirst("#until").attr("aria-invalid")).isEqualTo("true");
        assertThat(page.document().selectFirst("#until").attr("value")).isEqualTo("2001-01-01T10:00");
        assertThat(page.document().selectFirst("#bodyEn").text()).isEqualTo("Use bus 143.");
        assertThat(fixtures.rows("SELECT id FROM announcement WHERE body_markdown = 'Use bus 143.'")).isEmpty();
    }

    @Test
    void ending_an_emergency_without_the_forms_token_is_refused() {
        WebClient approver = fixtures.browserAs(Role.APPROVER);

        assertThat(approver.post("/admin/emergency", Map.of("title", "Uden token", "target", "all")).status()).isEqualTo(403);
        assertThat(approver.post("/admin/emergency/emergency-x/clear", Map.of("csrfToken", "forged")).status()).isEqualTo(403);
    }

    @Test
    void the_emergencys_windows_cover_exactly_from_now_until_its_end() {
        LocalDateTime start = LocalDateTime.of(2026, 11, 28, 14, 30);

        assertThat(EmergencyService.pieces(start, LocalDateTime.of(2026, 11, 28, 18, 0))).containsExactly(
                piece("2026-11-28", "2026-11-28", "14:30", "18:00"));
        assertThat(EmergencyService.pieces(start, LocalDateTime.of(2026, 11, 29, 0, 0))).containsExactly(
                piece("2026-11-28", "2026-11-28", "14:30", "00:00"));
        assertThat(EmergencyService.pieces(start, LocalDateTime.of(2026, 12, 1, 9, 15))).containsExactly(
                piece("2026-11-28", "2026-11-28", "14:30", "00:00"),
                piece("2026-11-29", "2026-11-30", "00:00", "00:00"),
                piece("2026-12-01", "2026-12-01", "00:00", "09:15"));
        assertThat(EmergencyService.pieces(start, null)).containsExactly(
                piece("2026-11-28", "2026-11-28", "14:30", "00:00"),
                new EmergencyService.Piece(java.time.LocalDate.parse("2026-11-29"), null, java.time.LocalTime.MIDNIGHT, java.time.LocalTime.MIDNIGHT));
    }

    private static EmergencyService.Piece piece(String from, String to, String start, String end) {
        return new EmergencyService.Piece(java.time.LocalDate.parse(from), java.time.LocalDate.parse(to),
                java.time.LocalTime.parse(start), java.time.LocalTime.parse(end));
    }
}
