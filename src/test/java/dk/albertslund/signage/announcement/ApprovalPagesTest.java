package dk.albertslund.signage.announcement;

import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import dk.albertslund.signage.testing.WebClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dk.albertslund.signage.core.CampusTime;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApprovalPagesTest implements PostgresTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Campus campus;

    /** A submitted announcement of a new institution, and its editor's browser. */
    private record Submitted(String slug, String title, WebClient editor) {
    }

    private Submitted submitted(String title, String body, int seconds) {
        Campus.Place school = campus.institution("Gymnasiet");
        Api editor = fixtures.signedIn(Role.EDITOR, school.id());
        String slug = fixtures.unique("opslag");
        Map<String, Object> command = campus.announcement(school, slug);
        command.put("title", title);
        command.put("body", body);
        command.put("durationSeconds", seconds);
        assertThat(editor.post("/api/v1/announcements", command).status()).isEqualTo(201);
        assertThat(editor.post("/api/v1/announcements/" + slug + "/submit", Map.of()).status()).isEqualTo(200);
        return new Submitted(slug, title, fixtures.browserAs(Role.EDITOR, school.id()).language("da"));
    }

    @Test
    void only_approvers_and_administrators_see_the_queue() {
        Campus.Place school = campus.institution("Skolen");
        WebClient editor = fixtures.browserAs(Role.EDITOR, school.id()).language("en");

        WebClient.Page refused = editor.get("/admin/approvals");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("#error-detail")).isEqualTo("Only approvers and administrators can approve announcements.");
        assertThat(fixtures.browserAs(Role.VIEWER).get("/admin/approvals").status()).isEqualTo(403);
        assertThat(fixtures.browserAs(Role.APPROVER).get("/admin/approvals").status()).isEqualTo(200);
        assertThat(fixtures.browserAs(Role.ADMIN).get("/admin/approvals").status()).isEqualTo(200);
    }

    @Test
    void a_submitted_announcement_is_in_the_queue_with_its_verdict_and_can_be_approved() {
        Submitted s = submitted(fixtures.unique("Jazz i foyeren"), "Fredag kl. 20.", 10);
        WebClient approver = fixtures.browserAs(Role.APPROVER).language("en");

        WebClient.Page queue = approver.get("/admin/approvals");
        String card = "article[data-slug=" + s.slug() + "]";

        assertThat(queue.status()).isEqualTo(200);
        assertThat(queue.text(card + " h2")).isEqualTo(s.title());
        assertThat(queue.text(card + " .verdict .badge")).isEqualTo("Easy to read");
        assertThat(queue.text(card + " .verdict-words")).isEqualTo("6 words");
        assertThat(queue.text(card + " .slide-fallback p:nth-of-type(2)")).isEqualTo("Fredag kl. 20.");
        assertThat(queue.text(card + " .facts dd:nth-of-type(3)")).isEqualTo("10 seconds");

        WebClient.Page approved = approver.submit("/admin/approvals/" + s.slug() + "/approve", Map.of());
        WebClient.Page forged = approver.post("/admin/approvals/" + s.slug() + "/approve", Map.of("csrfToken", "forged"));

        assertThat(approved.status()).isEqualTo(303);
        assertThat(approved.location()).hasValue("/admin/approvals?notice=announcementApproved");
        assertThat(fixtures.rows("SELECT status FROM announcement WHERE slug = ?", s.slug())).containsExactly(Map.of("status", "approved"));
        WebClient.Page after = approver.get(approved.location().orElseThrow());
        assertThat(after.text("[role=status]")).isEqualTo("Approved. It is shown on the screens within its publish window.");
        assertThat(after.document().select(card)).isEmpty();
        assertThat(forged.status()).isEqualTo(403);
    }

    @Test
    void the_approver_sees_a_readability_problem_before_approving() {
        String body = "Kom og hør om alle de mange spændende uddannelser, som du kan vælge efter folkeskolen. ".repeat(3);
        Submitted s = submitted(fixtures.unique("Uddannelsesmesse"), body, 5);

        WebClient.Page queue = fixtures.browserAs(Role.APPROVER).language("da").get("/admin/approvals");

        String card = "article[data-slug=" + s.slug() + "]";
        assertThat(queue.text(card + " .verdict .badge")).isEqualTo("Svær at læse i forbifarten");
        assertThat(queue.document().select(card + " .finding--problem").eachText()).anyMatch(t -> t.contains("ord på 5 sekunder"));
    }

    @Test
    void a_rejection_needs_a_reason_and_the_editor_then_sees_it_on_the_list_and_the_announcement() {
        Submitted s = submitted(fixtures.unique("Koncert"), "Lørdag.", 10);
        WebClient approver = fixtures.browserAs(Role.APPROVER).language("da");
        approver.get("/admin/approvals");

        WebClient.Page missing = approver.submit("/admin/approvals/" + s.slug() + "/reject", Map.of("reason", "  "));

        assertThat(missing.status()).isEqualTo(400);
        String field = "#reason-" + s.slug();
        assertThat(missing.text(field + "-error")).isEqualTo("Skriv hvorfor, med 1 til 1000 tegn, så redaktøren ved, hvad der skal rettes.");
        assertThat(missing.document().selectFirst(field).attr("aria-invalid")).isEqualTo("true");
        assertThat(fixtures.rows("SELECT status FROM announcement WHERE slug = ?", s.slug())).containsExactly(Map.of("status", "submitted"));

        WebClient.Page rejected = approver.submit("/admin/approvals/" + s.slug() + "/reject", Map.of("reason", "Skriv hvilket klokkeslæt."));

        assertThat(rejected.location()).hasValue("/admin/approvals?notice=announcementRejected");
        WebClient.Page list = s.editor().get("/admin/announcements?status=rejected&q=" + s.title());
        assertThat(list.text("tr[data-slug=" + s.slug() + "] .badge")).isEqualTo("Sendt tilbage");
        assertThat(list.text("tr[data-slug=" + s.slug() + "] .rejection-reason")).isEqualTo("Derfor blev det sendt tilbage: Skriv hvilket klokkeslæt.");
        WebClient.Page page = s.editor().get("/admin/announcements/" + s.slug());
        assertThat(page.text(".rejection .rejection-reason")).isEqualTo("Skriv hvilket klokkeslæt.");
        assertThat(page.document().select("table.history tbody tr td:nth-child(3)").eachText()).endsWith("Sendt tilbage");
        WebClient.Page edit = s.editor().get("/admin/announcements/" + s.slug() + "/edit");
        assertThat(edit.text("fieldset[data-language=da] .rejection-reason")).isEqualTo("Skriv hvilket klokkeslæt.");
    }

    @Test
    void the_queue_and_the_page_say_where_the_message_will_show_once_approved() {
        Campus.Place school = campus.institution("Gymnasiet");
        Api editor = fixtures.signedIn(Role.EDITOR, school.id());
        String slug = fixtures.unique("hvor");
        Map<String, Object> command = campus.announcement(school, slug);
        assertThat(editor.post("/api/v1/announcements", command).status()).isEqualTo(201);
        assertThat(editor.post("/api/v1/announcements/" + slug + "/submit", Map.of()).status()).isEqualTo(200);
        WebClient approver = fixtures.browserAs(Role.APPROVER).language("en");
        String card = "article[data-slug=" + slug + "]";

        WebClient.Page before = approver.get("/admin/approvals");
        assertThat(before.text(card + " [data-where=nowhere]")).startsWith("Will show on no screen in the coming week: no scheduled playlist");

        Api admin = fixtures.signedIn(Role.ADMIN);
        String playlist = fixtures.unique("morgen");
        String screen = fixtures.unique("station");
        String screenName = "Stationshallen " + screen;
        LocalDate tomorrow = LocalDate.now(ZoneId.of("Europe/Copenhagen")).plusDays(1);
        assertThat(admin.post("/api/v1/playlists", Map.of("slug", playlist, "name", "Morgen",
                "rule", Map.of("categories", List.of(command.get("category"))))).status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/screens", Map.of("slug", screen, "name", screenName, "orientation", "landscape",
                "layout", "full", "languages", List.of("da"))).status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/schedule-entries", Map.of("slug", fixtures.unique("entry"), "playlist", playlist,
                "targetKind", "screen", "target", screen, "startDate", tomorrow.toString(),
                "startTime", "07:00", "endTime", "10:00")).status()).isEqualTo(201);

        WebClient.Page after = approver.get("/admin/approvals");
        assertThat(after.text(card + " [data-where=places] li"))
                .isEqualTo(screenName + " from " + CampusTime.dateTime(tomorrow.atTime(7, 0), "en"));
        WebClient writer = fixtures.browserAs(Role.EDITOR, school.id()).language("da");
        WebClient.Page page = writer.get("/admin/announcements/" + slug);
        assertThat(page.text("[data-where=places] li"))
                .isEqualTo(screenName + " fra " + CampusTime.dateTime(tomorrow.atTime(7, 0), "da"));

        // while writing a new message: the editor asks with what the form holds
        writer.get("/admin/announcements/new");
        WebClient.Page taken = writer.submit("/admin/announcements/where",
                Map.of("institution", school.slug(), "category", command.get("category")));
        WebClient.Page notTaken = writer.submit("/admin/announcements/where",
                Map.of("institution", school.slug(), "category", "practical".equals(command.get("category")) ? "youth" : "practical"));
        assertThat(taken.status()).isEqualTo(200);
        assertThat(taken.html()).contains(screenName + " fra ").contains("\"nowhere\":null");
        assertThat(notTaken.html()).contains("Vises ikke på nogen skærm den kommende uge").contains("\"places\":[]");
    }
}
