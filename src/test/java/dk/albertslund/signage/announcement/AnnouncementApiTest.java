package dk.albertslund.signage.announcement;

import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnnouncementApiTest implements PostgresTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Campus campus;

    @Test
    void an_editor_writes_a_draft_with_picture_and_window_and_reads_it_back() {
        Campus.Place library = campus.institution("Albertslund Bibliotek");
        String username = fixtures.staffMember(EnumSet.of(Role.EDITOR), library.id());
        Api editor = fixtures.signInAs(username);
        String picture = campus.image(1920, 1080);
        String slug = fixtures.unique("lektiecafe");
        Map<String, Object> command = campus.announcement(library, slug);
        command.put("title", "  Lektiecafé  ");
        command.put("category", "education");
        command.put("tags", List.of("lektier", "ung", "lektier"));
        command.put("media", picture);
        command.put("publishFrom", "2026-12-01T00:00:00+01:00");
        command.put("publishUntil", "2027-01-15T22:00:00+01:00");
        command.put("durationSeconds", 12);

        Api.Response created = editor.post("/api/v1/announcements", command);
        Api.Response read = editor.get("/api/v1/announcements/" + slug);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().get("Location")).isEqualTo("/api/v1/announcements/" + slug);
        assertThat(read.body())
                .containsEntry("slug", slug)
                .containsEntry("institution", library.slug())
                .containsEntry("title", "Lektiecafé")
                .containsEntry("body", "Fredag kl. 20. **Fri entré.**")
                .containsEntry("html", "<p>Fredag kl. 20. <strong>Fri entré.</strong></p>")
                .containsEntry("language", "da")
                .containsEntry("translations", List.of())
                .containsEntry("category", "education")
                .containsEntry("tags", List.of("lektier", "ung"))
                .containsEntry("media", Map.of("sha256", picture, "url", "/media/" + picture + ".png",
                        "contentType", "image/png", "width", 1920, "height", 1080))
                .containsEntry("publishFrom", "2026-11-30T23:00:00Z")
                .containsEntry("publishUntil", "2027-01-15T21:00:00Z")
                .containsEntry("durationSeconds", 12)
                .containsEntry("status", "draft")
                .containsEntry("rejectionReason", null)
                .containsEntry("createdBy", username);
        assertThat(read.body()).isEqualTo(created.body());
    }

    @Test
    void left_out_optional_fields_take_their_defaults() {
        Campus.Place library = campus.institution("Albertslund Bibliotek");
        String slug = fixtures.unique("kort");
        Map<String, Object> command = campus.announcement(library, slug);
        command.remove("body");

        Api.Response created = fixtures.signedIn(Role.EDITOR, library.id()).post("/api/v1/announcements", command);

        assertThat(created.body())
                .containsEntry("body", "").containsEntry("html", "").containsEntry("tags", List.of())
                .containsEntry("media", null).containsEntry("publishFrom", null).containsEntry("publishUntil", null)
                .containsEntry("durationSeconds", 10);
    }

    @Test
    void no_script_survives_a_round_trip_through_the_database() {
        Campus.Place venue = campus.institution("Forbrændingen");
        Api editor = fixtures.signedIn(Role.EDITOR, venue.id());
        String slug = fixtures.unique("hiphop");
        Map<String, Object> command = campus.announcement(venue, slug);
        String hostile = "Hiphop-aften<script>fetch('/api/v1/auth')</script>\n\n<img src=x onerror=alert(1)>"
                + "[Billetter](javascript:alert(1)) og [info](https://forbraendingen.dk)";
        command.put("body", hostile);
        String safe = "<p>Hiphop-aften</p>\n<p>Billetter og <a href=\"https://forbraendingen.dk\" rel=\"noopener noreferrer\">info</a></p>";

        Api.Response created = editor.post("/api/v1/announcements", command);
        Api.Response read = editor.get("/api/v1/announcements/" + slug);

        assertThat(created.body()).containsEntry("html", safe).containsEntry("body", hostile);
        assertThat(read.body()).containsEntry("html", safe);
        assertThat(fixtures.rows("SELECT body_html FROM announcement WHERE slug = ?", slug))
                .containsExactly(Map.of("body_html", safe));
    }

    @Test
    void bad_input_names_every_field_that_is_wrong() {
        Campus.Place school = campus.institution("Gymnasiet");
        Api editor = fixtures.signedIn(Role.EDITOR, school.id());
        Map<String, Object> command = Map.ofEntries(
                Map.entry("slug", "Not A Slug"), Map.entry("institution", "no-such-school"), Map.entry("title", " "),
                Map.entry("body", "x".repeat(5001)), Map.entry("language", "de"),
                Map.entry("translations", List.of(Map.of("language", "en", "title", ""))),
                Map.entry("category", "sport"), Map.entry("tags", List.of("Jazz", "two words")),
                Map.entry("media", "abc"), Map.entry("publishFrom", "tomorrow"),
                Map.entry("publishUntil", "2026-12-01T00:00"), Map.entry("durationSeconds", 2));

        Api.Response response = editor.post("/api/v1/announcements", command);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("slug", "institution", "title", "body", "language",
                "translations.en.title", "category", "tags", "media", "publishFrom", "publishUntil", "durationSeconds");
        assertThat(fixtures.rows("SELECT slug FROM announcement WHERE slug = 'Not A Slug'")).isEmpty();
    }

    @Test
    void missing_fields_are_named() {
        Api.Response response = fixtures.signedIn(Role.ADMIN).post("/api/v1/announcements", Map.of("body", "Hej"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("slug", "institution", "title", "language", "category");
    }

    @Test
    void a_window_must_end_after_it_starts() {
        Campus.Place school = campus.institution("Gymnasiet");
        Map<String, Object> command = campus.announcement(school, fixtures.unique("optagelse"));
        command.put("publishFrom", "2027-03-01T12:00:00+01:00");
        command.put("publishUntil", "2027-03-01T11:00:00Z");

        Api.Response response = fixtures.signedIn(Role.EDITOR, school.id()).post("/api/v1/announcements", command);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text()).contains("{\"field\":\"publishUntil\",\"message\":\"must be after publishFrom\"}");
        assertThat(response.errorFields()).containsExactly("publishUntil");
    }

    @Test
    void a_picture_must_be_an_uploaded_media_file() {
        Campus.Place school = campus.institution("Gymnasiet");
        Map<String, Object> command = campus.announcement(school, fixtures.unique("billede"));
        command.put("media", "a".repeat(64));

        Api.Response response = fixtures.signedIn(Role.EDITOR, school.id()).post("/api/v1/announcements", command);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("media");
    }

    @Test
    void a_duplicate_slug_is_a_conflict() {
        Campus.Place school = campus.institution("Gymnasiet");
        Api editor = fixtures.signedIn(Role.EDITOR, school.id());
        String slug = fixtures.unique("aabent-hus");
        editor.post("/api/v1/announcements", campus.announcement(school, slug));

        Api.Response again = editor.post("/api/v1/announcements", campus.announcement(school, slug));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).containsEntry("detail", "An announcement with the slug '" + slug + "' already exists.");
    }

    @Test
    void an_unknown_slug_is_404_everywhere() {
        Api admin = fixtures.signedIn(Role.ADMIN);

        List<Api.Response> responses = List.of(
                admin.get("/api/v1/announcements/no-such-slide"),
                admin.put("/api/v1/announcements/no-such-slide", Map.of("title", "x")),
                admin.delete("/api/v1/announcements/no-such-slide"),
                admin.post("/api/v1/announcements/no-such-slide/submit", Map.of()),
                admin.post("/api/v1/announcements/no-such-slide/approve", Map.of()),
                admin.post("/api/v1/announcements/no-such-slide/reject", Map.of("reason", "x")),
                admin.post("/api/v1/announcements/no-such-slide/archive", Map.of()),
                admin.get("/api/v1/announcements/no-such-slide/history"));

        assertThat(responses).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.body()).containsEntry("detail", "No announcement 'no-such-slide'.");
        });
    }

    @Test
    void an_edit_replaces_the_content_and_is_audited_with_before_and_after() {
        Campus.Place school = campus.institution("Gymnasiet");
        String username = fixtures.staffMember(EnumSet.of(Role.EDITOR), school.id());
        Api editor = fixtures.signInAs(username);
        String slug = fixtures.unique("infoaften");
        Map<String, Object> command = campus.announcement(school, slug);
        command.put("tags", List.of("info"));
        editor.post("/api/v1/announcements", command);
        Map<String, Object> edited = campus.announcement(school, slug);
        edited.remove("slug");
        edited.remove("institution");
        edited.put("title", "Infoaften for forældre");

        Api.Response response = editor.put("/api/v1/announcements/" + slug, edited);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).containsEntry("title", "Infoaften for forældre").containsEntry("slug", slug)
                .containsEntry("institution", school.slug()).containsEntry("tags", List.of());
        assertThat(fixtures.rows("""
                SELECT actor, action, before_json->>'title' AS before, after_json->>'title' AS after FROM audit_log
                WHERE entity_type = 'announcement' AND after_json->>'slug' = ? ORDER BY id""", slug))
                .extracting(r -> r.get("actor"), r -> r.get("action"), r -> r.get("before"), r -> r.get("after"))
                .containsExactly(
                        tuple(username, "create", null, "Jazz i foyeren"),
                        tuple(username, "update", "Jazz i foyeren", "Infoaften for forældre"));
    }

    @Test
    void an_edit_can_rename_the_slug_but_not_onto_another_announcement() {
        Campus.Place school = campus.institution("Gymnasiet");
        Api editor = fixtures.signedIn(Role.EDITOR, school.id());
        String first = fixtures.unique("foerste");
        String second = fixtures.unique("anden");
        editor.post("/api/v1/announcements", campus.announcement(school, first));
        editor.post("/api/v1/announcements", campus.announcement(school, second));

        Api.Response clash = editor.put("/api/v1/announcements/" + first, campus.announcement(school, second));
        Api.Response renamed = editor.put("/api/v1/announcements/" + first, campus.announcement(school, first + "-ny"));

        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.body()).containsEntry("detail", "An announcement with the slug '" + second + "' already exists.");
        assertThat(renamed.body()).containsEntry("slug", first + "-ny");
        assertThat(editor.get("/api/v1/announcements/" + first).status()).isEqualTo(404);
    }

    @Test
    void a_draft_is_deleted_and_the_deletion_audited() {
        Campus.Place school = campus.institution("Gymnasiet");
        Api editor = fixtures.signedIn(Role.EDITOR, school.id());
        String slug = fixtures.unique("slettes");
        long id = ((Number) editor.post("/api/v1/announcements", campus.announcement(school, slug)).body().get("id")).longValue();

        Api.Response deleted = editor.delete("/api/v1/announcements/" + slug);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(fixtures.rows("SELECT slug FROM announcement WHERE id = ?", id)).isEmpty();
        assertThat(fixtures.rows("""
                SELECT before_json->>'slug' AS before, after_json IS NULL AS gone FROM audit_log
                WHERE entity_type = 'announcement' AND entity_id = ? AND action = 'delete'""", id))
                .containsExactly(Map.of("before", slug, "gone", true));
    }

    @Test
    void a_message_carries_its_english_version_and_is_one_announcement() {
        Campus.Place theatre = campus.institution("Musikteatret");
        Api editor = fixtures.signedIn(Role.EDITOR, theatre.id());
        String slug = fixtures.unique("julekoncert");
        Map<String, Object> command = campus.announcement(theatre, slug);
        command.put("translations", List.of(Map.of("language", "en", "title", "Christmas concert", "body", "Friday at **20**.")));

        Api.Response created = editor.post("/api/v1/announcements", command);
        Api.Response read = editor.get("/api/v1/announcements/" + slug);

        assertThat(created.status()).isEqualTo(201);
        assertThat(read.body()).containsEntry("language", "da").containsEntry("translations", List.of(Map.of("language", "en",
                "title", "Christmas concert", "body", "Friday at **20**.", "html", "<p>Friday at <strong>20</strong>.</p>")));
        assertThat(fixtures.rows("SELECT count(*) AS n FROM announcement WHERE slug LIKE ?", slug + "%"))
                .containsExactly(Map.of("n", 1L));
    }

    @Test
    void each_language_version_is_checked_and_named_by_its_language() {
        Campus.Place theatre = campus.institution("Musikteatret");
        Api admin = fixtures.signedIn(Role.ADMIN);
        Map<String, Object> command = campus.announcement(theatre, fixtures.unique("koncert"));
        command.put("translations", List.of(Map.of("language", "da", "title", "Igen på dansk"),
                Map.of("language", "en", "title", "x".repeat(121), "body", "y".repeat(5001)),
                Map.of("language", "de", "title", "Konzert")));

        Api.Response response = admin.post("/api/v1/announcements", command);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("translations.da.language", "translations.en.title",
                "translations.en.body", "translations[2].language");
        assertThat(response.errorMessage("translations.da.language")).isEqualTo("is already there in that language; each language once");
    }

    @Test
    void lists_filter_sort_and_page_by_what_is_allowed() {
        Campus.Place school = campus.institution("Gymnasiet");
        Campus.Place library = campus.institution("Albertslund Bibliotek");
        Api admin = fixtures.signedIn(Role.ADMIN);
        String tag = fixtures.unique("liste");
        for (String[] a : new String[][]{{"Charlie", "en", "youth"}, {"Alpha", "da", "youth"}, {"Bravo", "da", "youth"},
                {"Delta", "da", "culture"}}) {
            Map<String, Object> command = campus.announcement(school, tag + "-" + a[0].toLowerCase());
            command.put("title", a[0] + " " + tag);
            command.put("language", a[1]);
            command.put("category", a[2]);
            admin.post("/api/v1/announcements", command);
        }
        admin.post("/api/v1/announcements", campus.announcement(library, tag + "-library"));
        admin.post("/api/v1/announcements/" + tag + "-bravo/submit", Map.of());

        Api.Response byTitle = admin.get("/api/v1/announcements?institution=" + school.slug() + "&category=youth&sort=title&size=2");
        Api.Response danishYouth = admin.get("/api/v1/announcements?institution=" + school.slug() + "&category=youth&language=da&sort=title,desc");
        Api.Response submitted = admin.get("/api/v1/announcements?status=submitted&q=" + tag.toUpperCase());
        Api.Response newestFirst = admin.get("/api/v1/announcements?q=" + tag);

        assertThat(byTitle.items()).extracting(i -> i.get("title")).containsExactly("Alpha " + tag, "Bravo " + tag);
        assertThat(byTitle.body()).containsEntry("total", 3).containsEntry("size", 2).containsEntry("page", 0);
        assertThat(danishYouth.items()).extracting(i -> i.get("slug")).containsExactly(tag + "-bravo", tag + "-alpha");
        assertThat(submitted.items()).extracting(i -> i.get("slug")).containsExactly(tag + "-bravo");
        assertThat(newestFirst.items()).extracting(i -> i.get("slug"))
                .containsExactly(tag + "-bravo", tag + "-delta", tag + "-alpha", tag + "-charlie");
    }

    @Test
    void unknown_list_parameters_and_values_are_refused() {
        Api admin = fixtures.signedIn(Role.ADMIN);

        Api.Response unknownFilter = admin.get("/api/v1/announcements?owner=me");
        Api.Response badSort = admin.get("/api/v1/announcements?sort=bodyHtml");
        Api.Response badValues = admin.get("/api/v1/announcements?status=published&category=sport&language=de&institution=nowhere");

        assertThat(unknownFilter.status()).isEqualTo(400);
        assertThat(unknownFilter.errorFields()).containsExactly("owner");
        assertThat(badSort.status()).isEqualTo(400);
        assertThat(badSort.errorFields()).containsExactly("sort");
        assertThat(badValues.status()).isEqualTo(400);
        assertThat(badValues.errorFields()).containsExactly("institution", "status", "category", "language");
    }

    @Test
    void lists_show_unpublished_announcements_only_to_those_who_work_on_them() {
        Campus.Place school = campus.institution("Gymnasiet");
        Campus.Place library = campus.institution("Albertslund Bibliotek");
        Api admin = fixtures.signedIn(Role.ADMIN);
        String tag = fixtures.unique("synlig");
        for (Campus.Place place : List.of(school, library)) {
            for (String status : List.of("draft", "approved", "archived")) {
                String slug = tag + "-" + place.slug() + "-" + status;
                Map<String, Object> command = campus.announcement(place, slug);
                command.put("title", slug);
                admin.post("/api/v1/announcements", command);
                if (!status.equals("draft")) {
                    admin.post("/api/v1/announcements/" + slug + "/submit", Map.of());
                    fixtures.approve(slug);
                }
                if (status.equals("archived")) {
                    admin.post("/api/v1/announcements/" + slug + "/archive", Map.of());
                }
            }
        }
        String list = "/api/v1/announcements?sort=createdAt&size=200&q=" + tag;

        Api.Response asSchoolEditor = fixtures.signedIn(Role.EDITOR, school.id()).get(list);
        Api.Response asViewer = fixtures.signedIn(Role.VIEWER, school.id()).get(list);
        Api.Response asApprover = fixtures.signedIn(Role.APPROVER).get(list);

        assertThat(asSchoolEditor.items()).extracting(i -> i.get("slug")).containsExactly(
                tag + "-" + school.slug() + "-draft", tag + "-" + school.slug() + "-approved", tag + "-" + school.slug() + "-archived",
                tag + "-" + library.slug() + "-approved", tag + "-" + library.slug() + "-archived");
        assertThat(asViewer.items()).extracting(i -> i.get("slug")).containsExactly(
                tag + "-" + school.slug() + "-approved", tag + "-" + school.slug() + "-archived",
                tag + "-" + library.slug() + "-approved", tag + "-" + library.slug() + "-archived");
        assertThat(asApprover.items()).hasSize(6);
    }

    @Test
    void an_unpublished_announcement_is_hidden_from_other_institutions_but_an_approved_one_is_not() {
        Campus.Place school = campus.institution("Gymnasiet");
        Campus.Place library = campus.institution("Albertslund Bibliotek");
        Api schoolEditor = fixtures.signedIn(Role.EDITOR, school.id());
        Api libraryEditor = fixtures.signedIn(Role.EDITOR, library.id());
        String draft = fixtures.unique("kladde");
        String approved = fixtures.unique("godkendt");
        schoolEditor.post("/api/v1/announcements", campus.announcement(school, draft));
        schoolEditor.post("/api/v1/announcements", campus.announcement(school, approved));
        schoolEditor.post("/api/v1/announcements/" + approved + "/submit", Map.of());
        fixtures.signedIn(Role.APPROVER).post("/api/v1/announcements/" + approved + "/approve", Map.of());

        Api.Response hidden = libraryEditor.get("/api/v1/announcements/" + draft);
        Api.Response hiddenHistory = libraryEditor.get("/api/v1/announcements/" + draft + "/history");
        Api.Response visible = fixtures.signedIn(Role.VIEWER).get("/api/v1/announcements/" + approved);

        assertThat(hidden.status()).isEqualTo(403);
        assertThat(hidden.body()).containsEntry("detail", "You may not see unpublished announcements of Gymnasiet.");
        assertThat(hiddenHistory.status()).isEqualTo(403);
        assertThat(visible.status()).isEqualTo(200);
        assertThat(visible.body()).containsEntry("status", "approved");
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_history_lists_every_change_with_who_and_before_and_after() {
        Campus.Place school = campus.institution("Gymnasiet");
        String username = fixtures.staffMember(EnumSet.of(Role.EDITOR), school.id());
        Api editor = fixtures.signInAs(username);
        String slug = fixtures.unique("historik");
        editor.post("/api/v1/announcements", campus.announcement(school, slug));
        editor.post("/api/v1/announcements/" + slug + "/submit", Map.of());

        Api.Response history = editor.get("/api/v1/announcements/" + slug + "/history");

        assertThat(history.status()).isEqualTo(200);
        assertThat(history.items()).extracting(i -> i.get("action")).containsExactly("create", "submit");
        assertThat(history.items()).extracting(i -> i.get("actor")).containsOnly(username);
        assertThat((String) history.items().get(1).get("before")).contains("\"status\": \"draft\"");
        assertThat((String) history.items().get(1).get("after")).contains("\"status\": \"submitted\"");
        assertThat(history.items().get(0).get("before")).isNull();
    }
}
