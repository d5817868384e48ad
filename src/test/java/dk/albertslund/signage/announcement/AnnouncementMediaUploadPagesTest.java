package dk.albertslund.signage.announcement;

import dk.albertslund.signage.core.Slugs;
import dk.albertslund.signage.media.SampleFiles;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import dk.albertslund.signage.testing.WebClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pictures uploaded from the editor. The editor's form is multipart and carries a file
 * field, so a picture can come with a new message in the same save: it is stored for the
 * chosen institution and put on the message; a bad file, or no institution to store it
 * for, sends the page back with everything typed and stores nothing. The older upload
 * endpoint of its own ({slug}/media) still puts a picture on a saved message: a file that is
 * not a picture or video, or is too large, is refused beside the file field with the
 * announcement's text still in the editor. Posts without the form's CSRF token are
 * refused. Uploads here may be 1 MB.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnnouncementMediaUploadPagesTest implements PostgresTest {

    private static final int LIMIT = 1024 * 1024;

    @Inject
    Fixtures fixtures;
    @Inject
    Campus campus;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("signage.media.max-bytes", String.valueOf(LIMIT));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An editor of a new institution and a Danish/English draft they saved with this title. */
    private record Draft(WebClient editor, String slug) {
    }

    private Draft draft(String institution, String title) {
        Campus.Place school = campus.institution(institution);
        WebClient editor = fixtures.browserAs(Role.EDITOR, school.id()).language("da");
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("titleDa", title);
        form.put("bodyDa", "Kom og se skolen fredag kl. 16.");
        form.put("titleEn", "Open house");
        form.put("bodyEn", "Visit the school on Friday at 4 pm.");
        form.put("institution", school.slug());
        form.put("category", "education");
        form.put("durationSeconds", "12");
        form.put("intent", "save");
        assertThat(editor.submit("/admin/announcements", form).status()).isEqualTo(303);
        return new Draft(editor, Slugs.fromName(title, "announcement"));
    }

    private static WebClient.Page upload(Draft draft, Map<String, ?> fields, String fileName, byte[] bytes) {
        return draft.editor().submitMultipart("/admin/announcements/" + draft.slug() + "/media", fields,
                Map.of("file", new WebClient.FilePart(fileName, "image/png", bytes)));
    }

    @Test
    void a_png_uploaded_through_the_editor_is_put_on_the_message_and_shown_on_its_page() {
        Draft draft = draft("Albertslund Gymnasium", fixtures.unique("Åbent hus"));
        String slug = draft.slug();
        byte[] poster = SampleFiles.png(64, 36);

        WebClient.Page uploaded = upload(draft, Map.of(), "plakat.png", poster);

        assertThat(uploaded.status()).isEqualTo(303);
        assertThat(uploaded.location()).hasValue("/admin/announcements/" + slug + "/edit?notice=announcementMediaAdded");
        assertThat(draft.editor().get(uploaded.location().orElseThrow()).text("[role=status]")).isEqualTo("Filen er lagt op og sat på opslaget.");
        String sha = sha256(poster);
        assertThat(fixtures.rows("SELECT m.sha256, m.width, m.height, m.original_name FROM announcement a JOIN media m ON m.id = a.media_id "
                + "WHERE a.slug = ?", slug)).containsExactly(
                Map.of("sha256", sha, "width", 64, "height", 36, "original_name", "plakat.png"));
        WebClient.Page page = draft.editor().get("/admin/announcements/" + slug);
        assertThat(page.document().select("dl img.thumb").eachAttr("src")).containsExactly("/media/" + sha + ".png");
        assertThat(page.document().selectFirst("dl img.thumb").attr("alt")).isNotBlank();
    }

    @Test
    void a_file_that_is_no_picture_or_video_is_refused_beside_the_file_field_with_the_text_kept() {
        String title = fixtures.unique("Koncert");
        Draft draft = draft("Musikskolen", title);

        WebClient.Page refused = upload(draft, Map.of(), "noder.png", "<html><p>ikke et billede</p></html>".getBytes());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("#file-error")).isEqualTo("Filen er text/html; læg en PNG-, JPEG-, WebP-, MP4- eller WebM-fil op.");
        assertThat(refused.document().selectFirst("#file").attr("aria-invalid")).isEqualTo("true");
        assertThat(refused.document().selectFirst("#file").attr("aria-describedby")).isEqualTo("file-hint file-error");
        assertThat(refused.document().selectFirst("#titleDa").attr("value")).isEqualTo(title);
        assertThat(refused.document().selectFirst("#bodyEn").text()).isEqualTo("Visit the school on Friday at 4 pm.");
        assertThat(fixtures.rows("SELECT media_id FROM announcement WHERE slug = ?", draft.slug()))
                .containsExactly(java.util.Collections.singletonMap("media_id", null));
        assertThat(fixtures.rows("SELECT id FROM media WHERE original_name = 'noder.png'")).isEmpty();
    }

    @Test
    void a_file_over_the_limit_is_refused_beside_the_file_field_with_the_limit_and_nothing_stored() {
        String title = fixtures.unique("Festival");
        Draft draft = draft("Forbrændingen", title);

        WebClient.Page refused = upload(draft, Map.of(), "stor.png", Arrays.copyOf(SampleFiles.png(32, 32), LIMIT + 1));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("#file-error")).isEqualTo("Filen er større end grænsen på 1 MB; læg en mindre fil op.");
        assertThat(refused.document().selectFirst("#titleDa").attr("value")).isEqualTo(title);
        assertThat(fixtures.rows("SELECT id FROM media WHERE original_name = 'stor.png'")).isEmpty();
    }

    @Test
    void an_upload_without_the_forms_token_is_refused_and_nothing_is_stored() {
        Draft draft = draft("Biblioteket", fixtures.unique("Lørdagsværksted"));
        byte[] poster = SampleFiles.png(48, 27);

        WebClient.Page refused = upload(draft, Map.of("csrfToken", ""), "uden-token.png", poster);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(fixtures.rows("SELECT id FROM media WHERE sha256 = ?", sha256(poster))).isEmpty();
        assertThat(fixtures.rows("SELECT media_id FROM announcement WHERE slug = ?", draft.slug())).hasSize(1)
                .allMatch(row -> row.get("media_id") == null);
    }

    /** A new Danish/English message for {@code school} as the editor's form sends it, no file yet. */
    private static Map<String, Object> newMessage(Campus.Place school, String titleDa) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("titleDa", titleDa);
        form.put("bodyDa", "Kom til koncert i salen torsdag kl. 19.");
        form.put("titleEn", "Concert");
        form.put("bodyEn", "Come to the concert in the hall on Thursday at 7 pm.");
        form.put("institution", school.slug());
        form.put("category", "culture");
        form.put("publishFrom", "2031-05-01T08:00");
        form.put("publishUntil", "2031-05-08T20:00");
        form.put("durationSeconds", "14");
        form.put("audience", Audiences.CAMPUS);
        form.put("media", "");
        form.put("intent", "save");
        return form;
    }

    private static Map<String, WebClient.FilePart> file(String fileName, byte[] bytes) {
        return Map.of("file", new WebClient.FilePart(fileName, "image/png", bytes));
    }

    @Test
    void a_new_message_saved_with_a_picture_gets_the_picture_which_is_in_the_library() {
        Campus.Place school = campus.institution("Musikskolen");
        WebClient editor = fixtures.browserAs(Role.EDITOR, school.id()).language("da");
        assertThat(editor.get("/admin/announcements/new").document().selectFirst("form#editor").attr("enctype"))
                .isEqualTo("multipart/form-data");
        String title = fixtures.unique("Forårskoncert");
        byte[] poster = SampleFiles.png(80, 45);

        WebClient.Page saved = editor.submitMultipart("/admin/announcements", newMessage(school, title), file("koncert.png", poster));

        String slug = Slugs.fromName(title, "announcement");
        assertThat(saved.status()).isEqualTo(303);
        assertThat(saved.location()).hasValue("/admin/announcements/" + slug + "/edit?notice=announcementSaved");
        assertThat(fixtures.rows("SELECT m.sha256, m.original_name, i.slug AS institution FROM announcement a "
                + "JOIN media m ON m.id = a.media_id JOIN institution i ON i.id = m.institution_id WHERE a.slug = ?", slug))
                .containsExactly(Map.of("sha256", sha256(poster), "original_name", "koncert.png", "institution", school.slug()));
        WebClient.Page edit = editor.get(saved.location().orElseThrow());
        assertThat(edit.document().selectFirst("input[name=media][value=" + sha256(poster) + "]").hasAttr("checked")).isTrue();
        assertThat(edit.document().selectFirst("#titleEn").attr("value")).isEqualTo("Concert");
        assertThat(edit.document().selectFirst("input[name=audience][value=campus]").hasAttr("checked")).isTrue();
        assertThat(edit.document().selectFirst("#durationSeconds").attr("value")).isEqualTo("14");
    }

    @Test
    void a_new_message_saved_and_submitted_with_a_picture_goes_for_approval_with_it() {
        Campus.Place school = campus.institution("Biblioteket");
        WebClient editor = fixtures.browserAs(Role.EDITOR, school.id()).language("da");
        String title = fixtures.unique("Bogbytte");
        byte[] poster = SampleFiles.png(40, 40);
        Map<String, Object> form = newMessage(school, title);
        form.put("intent", "submit");

        WebClient.Page submitted = editor.submitMultipart("/admin/announcements", form, file("bytte.png", poster));

        String slug = Slugs.fromName(title, "announcement");
        assertThat(submitted.status()).isEqualTo(303);
        assertThat(submitted.location()).hasValue("/admin/announcements/" + slug + "?notice=announcementSubmitted");
        assertThat(fixtures.rows("SELECT a.status, m.sha256 FROM announcement a JOIN media m ON m.id = a.media_id WHERE a.slug = ?", slug))
                .containsExactly(Map.of("status", "submitted", "sha256", sha256(poster)));
    }

    @Test
    void a_bad_file_with_a_new_message_comes_back_beside_the_file_field_with_everything_typed_and_nothing_stored() {
        Campus.Place school = campus.institution("Forbrændingen");
        WebClient editor = fixtures.browserAs(Role.EDITOR, school.id()).language("da");
        String title = fixtures.unique("Rockaften");

        WebClient.Page refused = editor.submitMultipart("/admin/announcements", newMessage(school, title),
                file("rock.png", "<html><p>ikke et billede</p></html>".getBytes()));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("#file-error")).isEqualTo("Filen er text/html; læg en PNG-, JPEG-, WebP-, MP4- eller WebM-fil op.");
        assertThat(refused.document().selectFirst("#file").attr("aria-invalid")).isEqualTo("true");
        assertThat(refused.document().selectFirst("#file").attr("aria-describedby")).isEqualTo("file-hint file-error");
        assertThat(refused.document().selectFirst("#titleDa").attr("value")).isEqualTo(title);
        assertThat(refused.document().selectFirst("#titleEn").attr("value")).isEqualTo("Concert");
        assertThat(refused.document().selectFirst("#bodyDa").text()).isEqualTo("Kom til koncert i salen torsdag kl. 19.");
        assertThat(refused.document().selectFirst("#bodyEn").text()).isEqualTo("Come to the concert in the hall on Thursday at 7 pm.");
        assertThat(refused.document().selectFirst("#publishFrom").attr("value")).isEqualTo("2031-05-01T08:00");
        assertThat(refused.document().selectFirst("#publishUntil").attr("value")).isEqualTo("2031-05-08T20:00");
        assertThat(refused.document().selectFirst("#durationSeconds").attr("value")).isEqualTo("14");
        assertThat(refused.document().selectFirst("#institution option[selected]").attr("value")).isEqualTo(school.slug());
        assertThat(refused.document().selectFirst("#category option[selected]").attr("value")).isEqualTo("culture");
        assertThat(refused.document().selectFirst("input[name=audience][value=campus]").hasAttr("checked")).isTrue();
        assertThat(refused.document().selectFirst("form#editor").attr("action")).isEqualTo("/admin/announcements");
        assertThat(fixtures.rows("SELECT id FROM announcement WHERE slug LIKE ?", Slugs.fromName(title, "announcement") + "%")).isEmpty();
        assertThat(fixtures.rows("SELECT id FROM media WHERE original_name = 'rock.png'")).isEmpty();
    }

    @Test
    void a_file_over_the_limit_with_a_new_message_is_refused_with_the_limit_and_nothing_stored() {
        Campus.Place school = campus.institution("Albertslund Gymnasium");
        WebClient editor = fixtures.browserAs(Role.EDITOR, school.id()).language("en");
        String title = fixtures.unique("Sportsdag");

        WebClient.Page refused = editor.submitMultipart("/admin/announcements", newMessage(school, title),
                file("sport.png", Arrays.copyOf(SampleFiles.png(32, 32), LIMIT + 1)));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("label[for=file]")).isEqualTo("Upload a picture");
        assertThat(refused.text("#file-error")).contains("1 MB");
        assertThat(refused.document().selectFirst("#titleDa").attr("value")).isEqualTo(title);
        assertThat(fixtures.rows("SELECT id FROM announcement WHERE slug LIKE ?", Slugs.fromName(title, "announcement") + "%")).isEmpty();
        assertThat(fixtures.rows("SELECT id FROM media WHERE original_name = 'sport.png'")).isEmpty();
    }

    @Test
    void a_picture_with_no_institution_chosen_is_not_stored_and_the_institution_field_says_why() {
        Campus.Place school = campus.institution("Musikskolen");
        WebClient editor = fixtures.browserAs(Role.EDITOR, school.id()).language("da");
        String title = fixtures.unique("Korprøve");
        Map<String, Object> form = newMessage(school, title);
        form.put("institution", "");
        byte[] poster = SampleFiles.png(44, 30);

        WebClient.Page refused = editor.submitMultipart("/admin/announcements", form, file("kor.png", poster));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("#institution-error")).isNotBlank();
        assertThat(refused.text("#file-error")).isEqualTo("Filen er ikke lagt op. Vælg den igen, når felterne ovenfor er rettet.");
        assertThat(refused.document().selectFirst("#titleDa").attr("value")).isEqualTo(title);
        assertThat(fixtures.rows("SELECT id FROM media WHERE sha256 = ?", sha256(poster))).isEmpty();
        assertThat(fixtures.rows("SELECT id FROM announcement WHERE slug LIKE ?", Slugs.fromName(title, "announcement") + "%")).isEmpty();
    }

    @Test
    void a_good_picture_with_a_message_still_to_mend_stays_in_the_library_and_chosen_so_it_need_not_be_picked_again() {
        Campus.Place school = campus.institution("Biblioteket");
        WebClient editor = fixtures.browserAs(Role.EDITOR, school.id()).language("da");
        String title = fixtures.unique("Forfatteraften");
        Map<String, Object> form = newMessage(school, title);
        form.put("publishFrom", "ikke en dato");
        byte[] poster = SampleFiles.png(52, 30);

        WebClient.Page refused = editor.submitMultipart("/admin/announcements", form, file("forfatter.png", poster));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("#publishFrom-error")).isNotBlank();
        assertThat(refused.text("#file-error")).isEmpty();
        assertThat(refused.document().selectFirst("input[name=media][value=" + sha256(poster) + "]").hasAttr("checked")).isTrue();
        assertThat(fixtures.rows("SELECT id FROM announcement WHERE slug LIKE ?", Slugs.fromName(title, "announcement") + "%")).isEmpty();

        form.put("publishFrom", "2031-05-01T08:00");
        form.put("media", sha256(poster));
        WebClient.Page saved = editor.submitMultipart("/admin/announcements", form, file("", new byte[0]));

        assertThat(saved.status()).isEqualTo(303);
        assertThat(fixtures.rows("SELECT m.sha256 FROM announcement a JOIN media m ON m.id = a.media_id WHERE a.slug = ?",
                Slugs.fromName(title, "announcement"))).containsExactly(Map.of("sha256", sha256(poster)));
    }

    @Test
    void the_editors_multipart_save_without_the_forms_token_is_refused_and_nothing_is_stored() {
        Campus.Place school = campus.institution("Forbrændingen");
        WebClient editor = fixtures.browserAs(Role.EDITOR, school.id()).language("da");
        String title = fixtures.unique("Jazzaften");
        Map<String, Object> form = newMessage(school, title);
        form.put("csrfToken", "");
        byte[] poster = SampleFiles.png(50, 28);

        WebClient.Page refused = editor.submitMultipart("/admin/announcements", form, file("jazz.png", poster));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(fixtures.rows("SELECT id FROM media WHERE sha256 = ?", sha256(poster))).isEmpty();
        assertThat(fixtures.rows("SELECT id FROM announcement WHERE slug LIKE ?", Slugs.fromName(title, "announcement") + "%")).isEmpty();
    }

    @Test
    void saving_a_message_with_a_picture_puts_it_on_the_message_and_keeps_the_rest() {
        String title = fixtures.unique("Teaterdag");
        Draft draft = draft("Albertslund Gymnasium", title);
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("titleDa", title);
        form.put("bodyDa", "Kom og se skolen fredag kl. 16.");
        form.put("titleEn", "Open house");
        form.put("bodyEn", "Visit the school on Friday at 4 pm.");
        form.put("institution", draft.editor().get("/admin/announcements/" + draft.slug() + "/edit").document()
                .selectFirst("#institution option[selected]").attr("value"));
        form.put("category", "education");
        form.put("durationSeconds", "12");
        form.put("intent", "save");
        byte[] poster = SampleFiles.png(60, 34);

        WebClient.Page saved = draft.editor().submitMultipart("/admin/announcements/" + draft.slug() + "/edit", form,
                file("teater.png", poster));

        assertThat(saved.status()).isEqualTo(303);
        assertThat(saved.location()).hasValue("/admin/announcements/" + draft.slug() + "/edit?notice=announcementSaved");
        assertThat(fixtures.rows("SELECT m.sha256 FROM announcement a JOIN media m ON m.id = a.media_id WHERE a.slug = ?", draft.slug()))
                .containsExactly(Map.of("sha256", sha256(poster)));
    }

    @Test
    void the_editors_form_sent_with_its_file_field_left_empty_saves_as_before() {
        Campus.Place school = campus.institution("Musikskolen");
        WebClient editor = fixtures.browserAs(Role.EDITOR, school.id()).language("da");
        String title = fixtures.unique("Spilleaften");
        long media = fixtures.rows("SELECT id FROM media").size();

        WebClient.Page saved = editor.submitMultipart("/admin/announcements", newMessage(school, title), file("", new byte[0]));

        assertThat(saved.status()).isEqualTo(303);
        assertThat(fixtures.rows("SELECT media_id, duration_seconds FROM announcement WHERE slug = ?", Slugs.fromName(title, "announcement")))
                .singleElement().satisfies(row -> {
                    assertThat(row.get("media_id")).isNull();
                    assertThat(row.get("duration_seconds")).isEqualTo(14);
                });
        assertThat(fixtures.rows("SELECT id FROM media")).hasSize((int) media);
    }

    @Test
    void every_place_ticked_comes_through_the_multipart_save() throws Exception {
        Campus.Place school = campus.institution("Biblioteket");
        WebClient editor = fixtures.browserAs(Role.EDITOR, school.id()).language("da");
        String group = fixtures.unique("stationen");
        fixtures.rows("INSERT INTO screen_group (slug, name) VALUES (?, ?) RETURNING id", group, "Stationen " + group);
        assertThat(editor.get("/admin/announcements/new").document().select("input[name=audience][value=" + group + "]")).hasSize(1);
        String title = fixtures.unique("Togtider");
        Map<String, Object> form = newMessage(school, title);
        form.remove("audience");

        // WebClient sends one part per name; a browser sends a part for each box ticked
        String boundary = "----EditorTest" + System.nanoTime();
        StringBuilder body = new StringBuilder();
        part(body, boundary, "csrfToken", editor.cookie(WebClient.CSRF_COOKIE).orElseThrow());
        String intent = (String) form.remove("intent");
        // in the page's order: the boxes come amid the other fields, the file and the button last
        form.forEach((name, value) -> {
            part(body, boundary, name, String.valueOf(value));
            if (name.equals("publishUntil")) {
                part(body, boundary, "audience", Audiences.CAMPUS);
                part(body, boundary, "audience", group);
            }
        });
        body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\n")
                .append("Content-Type: application/octet-stream\r\n\r\n\r\n");
        part(body, boundary, "intent", intent);
        body.append("--").append(boundary).append("--\r\n");
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(fixtures.url() + "/admin/announcements"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .header("Accept", "text/html")
                        // the staff sign-in cookie (StaffCookies.SIGN_IN) and the CSRF cookie, as the browser has them
                        .header("Cookie", "JWT=" + editor.cookie("JWT").orElseThrow() + "; " + WebClient.CSRF_COOKIE + "="
                                + editor.cookie(WebClient.CSRF_COOKIE).orElseThrow())
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(fixtures.rows("SELECT array_to_string(tags, ',') AS tags FROM announcement WHERE slug = ?", Slugs.fromName(title, "announcement")))
                .singleElement().satisfies(row -> assertThat(((String) row.get("tags")).split(","))
                        .containsExactlyInAnyOrder(Audiences.CAMPUS, group));
    }

    private static void part(StringBuilder body, String boundary, String name, String value) {
        body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(name)
                .append("\"\r\n\r\n").append(value).append("\r\n");
    }
}
