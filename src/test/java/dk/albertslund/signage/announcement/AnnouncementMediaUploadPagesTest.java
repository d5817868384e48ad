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
 * The editor's own upload form (multipart, beside the editor's form): a picture uploaded
 * there is stored and put on both versions; a file that is not a picture or video, or is
 * too large, is refused beside the file field with the announcement's text still in the
 * editor; a post without the form's CSRF token is refused. Uploads here may be 1 MB.
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
}
