package dk.albertslund.signage.announcement;

import dk.albertslund.signage.core.Slugs;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import dk.albertslund.signage.testing.WebClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnnouncementEditorPagesTest implements PostgresTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Campus campus;

    private Map<String, Object> form(Campus.Place school, String titleDa, String titleEn) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("titleDa", titleDa);
        form.put("bodyDa", "Kom og se skolen fredag kl. 16.");
        form.put("titleEn", titleEn);
        form.put("bodyEn", "Visit the school on Friday at 4 pm.");
        form.put("institution", school.slug());
        form.put("category", "education");
        form.put("publishFrom", "2026-12-01T09:00");
        form.put("publishUntil", "2026-12-08T17:30");
        form.put("durationSeconds", "12");
        form.put("media", "");
        form.put("intent", "save");
        return form;
    }

    @Test
    void danish_and_english_written_side_by_side_are_saved_as_one_message() {
        Campus.Place school = campus.institution("Albertslund Gymnasium");
        WebClient editor = fixtures.browserAs(Role.EDITOR, school.id()).language("da");
        String title = fixtures.unique("Åbent hus på skolen");

        WebClient.Page saved = editor.submit("/admin/announcements", form(school, title, "Open house"));

        String slug = Slugs.fromName(title, "announcement");
        assertThat(saved.status()).isEqualTo(303);
        assertThat(saved.location()).hasValue("/admin/announcements/" + slug + "/edit?notice=announcementSaved");
        List<Map<String, Object>> rows = fixtures.rows("""
                SELECT a.slug, a.language, a.title, a.status, a.duration_seconds, a.publish_from, a.publish_until,
                       a.translations->0->>'language' AS other, a.translations->0->>'title' AS other_title
                FROM announcement a WHERE a.slug LIKE ?""", slug + "%");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("slug", slug).containsEntry("language", "da").containsEntry("title", title)
                .containsEntry("status", "draft").containsEntry("duration_seconds", 12)
                .containsEntry("other", "en").containsEntry("other_title", "Open house");
        // the form's times are campus time: 09:00 in Copenhagen in December is 08:00 UTC
        assertThat(((java.sql.Timestamp) rows.get(0).get("publish_from")).toInstant()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
        assertThat(((java.sql.Timestamp) rows.get(0).get("publish_until")).toInstant()).isEqualTo(Instant.parse("2026-12-08T16:30:00Z"));

        WebClient.Page page = editor.get(saved.location().orElseThrow());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text("[role=status]")).isEqualTo("Gemt som kladde.");
        assertThat(page.document().selectFirst("#titleDa").attr("value")).isEqualTo(title);
        assertThat(page.document().selectFirst("#titleEn").attr("value")).isEqualTo("Open house");
        assertThat(page.document().selectFirst("#bodyEn").text()).isEqualTo("Visit the school on Friday at 4 pm.");
        assertThat(page.document().selectFirst("#publishFrom").attr("value")).isEqualTo("2026-12-01T09:00");
        assertThat(page.document().selectFirst("#publishUntil").attr("value")).isEqualTo("2026-12-08T17:30");
        assertThat(page.document().selectFirst("#institution option[selected]").attr("value")).isEqualTo(school.slug());
        assertThat(page.text("fieldset[data-language=da] legend .badge")).isEqualTo("Kladde");
        assertThat(page.text("fieldset[data-language=en] .verdict .badge")).isEqualTo("Let at læse");
        assertThat(page.text("fieldset[data-language=en] .slide-fallback p:nth-of-type(2)")).isEqualTo("Visit the school on Friday at 4 pm.");
    }

    @Test
    void wrong_fields_are_named_beside_each_field_in_the_pages_language_with_the_input_kept_and_nothing_saved() {
        Campus.Place school = campus.institution("Musikskolen");
        WebClient editor = fixtures.browserAs(Role.EDITOR, school.id()).language("da");
        Map<String, Object> form = form(school, "", "Concert in the hall " + fixtures.unique("x"));
        form.put("category", "");
        form.put("durationSeconds", "2");
        form.put("publishUntil", "2026-11-30T10:00");

        WebClient.Page page = editor.submit("/admin/announcements", form);

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.text("#editor-errors")).isEqualTo("Opslaget blev ikke gemt. Ret felterne, der er markeret nedenfor.");
        assertThat(page.text("#titleDa-error")).isEqualTo("Skriv en overskrift på 1 til 120 tegn.");
        assertThat(page.document().selectFirst("#titleDa").attr("aria-invalid")).isEqualTo("true");
        assertThat(page.text("#category-error")).isEqualTo("Vælg en kategori.");
        assertThat(page.text("#durationSeconds-error")).isEqualTo("Angiv et helt antal sekunder fra 3 til 300.");
        assertThat(page.text("#publishUntil-error")).isEqualTo("Angiv dato og klokkeslæt efter \"Vis fra\", eller lad feltet stå tomt.");
        assertThat(page.document().select(".field-error")).hasSize(4);
        assertThat(page.document().selectFirst("#titleEn").attr("value")).isEqualTo(form.get("titleEn"));
        assertThat(page.document().selectFirst("#bodyDa").text()).isEqualTo("Kom og se skolen fredag kl. 16.");
        assertThat(page.document().selectFirst("#durationSeconds").attr("value")).isEqualTo("2");
        assertThat(fixtures.rows("SELECT slug FROM announcement WHERE title = ?", form.get("titleEn"))).isEmpty();
    }

    @Test
    void an_editor_of_one_institution_gets_403_on_another_institutions_draft() {
        Campus.Place mine = campus.institution("Forbrændingen");
        Campus.Place theirs = campus.institution("Biblioteket");
        Api theirEditor = fixtures.signedIn(Role.EDITOR, theirs.id());
        String slug = fixtures.unique("laesekreds");
        Map<String, Object> draft = campus.announcement(theirs, slug);
        assertThat(theirEditor.post("/api/v1/announcements", draft).status()).isEqualTo(201);
        WebClient editor = fixtures.browserAs(Role.EDITOR, mine.id()).language("en");

        WebClient.Page page = editor.get("/admin/announcements/" + slug + "/edit");
        WebClient.Page shown = editor.get("/admin/announcements/" + slug);
        WebClient.Page post = editor.submit("/admin/announcements/" + slug + "/edit", form(theirs, "Overtaget", ""));

        assertThat(page.status()).isEqualTo(403);
        assertThat(page.text("h1")).isEqualTo("You do not have access to this");
        assertThat(page.text("#error-detail")).isEqualTo("You may not change announcements of Biblioteket.");
        assertThat(shown.status()).isEqualTo(403);
        assertThat(post.status()).isEqualTo(403);
        assertThat(fixtures.rows("SELECT title FROM announcement WHERE slug = ?", slug)).containsExactly(Map.of("title", "Jazz i foyeren"));
    }

    @Test
    void only_editors_may_open_the_editor_and_a_form_without_its_token_is_refused() {
        Campus.Place school = campus.institution("Kongsholm Gymnasium");
        WebClient viewer = fixtures.browserAs(Role.VIEWER).language("en");
        WebClient approver = fixtures.browserAs(Role.APPROVER).language("en");
        WebClient editor = fixtures.browserAs(Role.EDITOR, school.id()).language("en");
        String title = fixtures.unique("Forged");

        assertThat(viewer.get("/admin/announcements/new").status()).isEqualTo(403);
        assertThat(approver.get("/admin/announcements/new").text("#error-detail"))
                .isEqualTo("Only editors can write announcements, and only for their own institutions.");
        assertThat(viewer.get("/admin/announcements").document().select("a[href=/admin/announcements/new]")).isEmpty();
        assertThat(editor.get("/admin/announcements").document().select("a[href=/admin/announcements/new]")).hasSize(1);
        assertThat(fixtures.browser().get("/admin/announcements/new").location()).hasValue("/admin/login");

        WebClient.Page forged = editor.post("/admin/announcements", form(school, title, ""));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(fixtures.rows("SELECT slug FROM announcement WHERE title = ?", title)).isEmpty();
    }

    @Test
    void the_new_page_offers_only_the_editors_own_institutions_and_the_existing_pictures() {
        Campus.Place mine = campus.institution("Herstedlund Skole");
        Campus.Place other = campus.institution("Musikteatret");
        String picture = campus.image(1920, 1080);
        WebClient editor = fixtures.browserAs(Role.EDITOR, mine.id()).language("en");

        WebClient.Page page = editor.get("/admin/announcements/new");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text("h1")).isEqualTo("New announcement");
        assertThat(page.document().select("#institution option").eachAttr("value")).containsExactly("", mine.slug());
        assertThat(page.document().selectFirst("#institution option[selected]").attr("value")).isEqualTo(mine.slug());
        assertThat(page.document().select("#institution option").eachAttr("value")).doesNotContain(other.slug());
        assertThat(page.document().selectFirst("#media-" + picture).attr("data-kind")).isEqualTo("image");
        assertThat(page.document().selectFirst("label[for=media-" + picture + "] img").attr("src")).isEqualTo("/media/" + picture + ".png");
        assertThat(page.document().selectFirst("#media-none").hasAttr("checked")).isTrue();
        assertThat(page.document().select("label[for=titleDa], label[for=bodyDa], label[for=titleEn], label[for=bodyEn]")).hasSize(4);
        assertThat(page.document().select(".preview-screen[data-orientation=portrait]")).hasSize(2);
        assertThat(page.document().selectFirst("script[type=module]").attr("src")).isEqualTo("/admin/assets/announcement-editor.js");
    }

    @Test
    void saving_with_submit_sends_the_message_for_approval_once() {
        Campus.Place school = campus.institution("Ungdomsskolen");
        WebClient editor = fixtures.browserAs(Role.EDITOR, school.id()).language("en");
        String title = fixtures.unique("Natcafé");
        Map<String, Object> form = form(school, title, "Night café");
        form.put("intent", "submit");

        WebClient.Page saved = editor.submit("/admin/announcements", form);

        String slug = Slugs.fromName(title, "announcement");
        assertThat(saved.location()).hasValue("/admin/announcements/" + slug + "?notice=announcementSubmitted");
        assertThat(fixtures.rows("SELECT language, status FROM announcement WHERE slug LIKE ?", slug + "%"))
                .containsExactly(Map.of("language", "da", "status", "submitted"));
        WebClient.Page page = editor.get(saved.location().orElseThrow());
        assertThat(page.text("[role=status]")).isEqualTo("Submitted for approval. An approver will look at it.");
        assertThat(page.document().select("#history-heading + table tbody tr td:nth-child(3)").eachText())
                .containsExactly("Created", "Submitted for approval");
    }

    @Test
    void the_live_check_returns_the_body_as_the_screen_gets_it_and_the_verdict_in_the_pages_language() {
        Campus.Place school = campus.institution("Biblioteket");
        WebClient editor = fixtures.browserAs(Role.EDITOR, school.id()).language("en");
        editor.get("/admin/announcements/new");
        String longBody = "Kom og hør om alle de mange spændende uddannelser, som du kan vælge efter folkeskolen, ".repeat(3);

        WebClient.Page answer = editor.submit("/admin/announcements/readability", Map.of("title", "Uddannelsesmesse",
                "body", "**Lørdag** " + longBody, "durationSeconds", "5", "institution", school.slug(), "language", "da", "media", ""));
        WebClient.Page forged = editor.post("/admin/announcements/readability", Map.of("title", "x", "body", "y"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(answer.html()).contains("\"html\":\"<p><strong>Lørdag</strong> Kom og hør").contains("\"result\":\"problem\"")
                .contains("\"label\":\"Hard to read in passing\"").contains("a passer-by reads at most 3");
        assertThat(forged.status()).isEqualTo(403);
    }

    @Test
    void with_both_languages_written_each_is_checked_on_its_half_of_the_time() {
        Campus.Place school = campus.institution("Musikskolen");
        WebClient editor = fixtures.browserAs(Role.EDITOR, school.id()).language("en");
        editor.get("/admin/announcements/new");
        Map<String, String> words = Map.of("title", "Koncert", "body", "Elevkoncert i salen fredag kl. 17 med kor, band og strygere fra hele musikskolen.",
                "durationSeconds", "8", "institution", school.slug(), "language", "da", "media", "");

        WebClient.Page alone = editor.submit("/admin/announcements/readability", words);
        Map<String, String> shared = new java.util.HashMap<>(words);
        shared.put("languages", "2");
        WebClient.Page halved = editor.submit("/admin/announcements/readability", shared);

        assertThat(alone.html()).doesNotContain("in 8 seconds is").doesNotContain("\"result\":\"problem\"");
        assertThat(halved.html()).contains("15 words in 4 seconds").contains("\"result\":\"problem\"");
    }
}
