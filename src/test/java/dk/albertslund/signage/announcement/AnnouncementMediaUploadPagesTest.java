package dk.albertslund.signage.announcement;

import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import dk.albertslund.signage.testing.WebClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
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

    private static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(0x1d3557));
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A saved Danish/English draft of the school, written by this editor; returns its slug. */
    private String draft(WebClient editor, Campus.Place school, String title) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("titleDa", title);
        form.put("bodyDa", "Kom og se skolen fredag kl. 16.");
        form.put("titleEn", "Open house");
        form.put("bodyEn", "Visit the school on Friday at 4 pm.");
        form.put("institution", school.slug());
        form.put("category", "education");
        form.put("durationSeconds", "12");
        form.put("intent", "save");
        WebClient.Page saved = editor.submit("/admin/announcements", form);
        assertThat(saved.status()).isEqualTo(303);
        return AnnouncementEditor.base(title);
    }

    @Test
    void a_png_uploaded_through_the_editor_is_put_on_both_versions_and_shown_on_the_announcement() {
        Campus.Place school = campus.institution("Albertslund Gymnasium");
        WebClient editor = fixtures.browserAs(Role.EDITOR, school.id()).language("da");
        String slug = draft(editor, school, fixtures.unique("Åbent hus"));
        byte[] poster = png(64, 36);

        WebClient.Page uploaded = editor.submitMultipart("/admin/announcements/" + slug + "/media", Map.of(),
                Map.of("file", new WebClient.FilePart("plakat.png", "image/png", poster)));

        assertThat(uploaded.status()).isEqualTo(303);
        assertThat(uploaded.location()).hasValue("/admin/announcements/" + slug + "/edit?notice=announcementMediaAdded");
        assertThat(editor.get(uploaded.location().orElseThrow()).text("[role=status]")).isEqualTo("Filen er lagt op og sat på opslaget.");
        String sha = sha256(poster);
        assertThat(fixtures.rows("SELECT m.sha256, m.width, m.height, m.original_name FROM announcement a JOIN media m ON m.id = a.media_id "
                + "WHERE a.slug IN (?, ?)", slug, slug + "-en")).containsExactly(
                Map.of("sha256", sha, "width", 64, "height", 36, "original_name", "plakat.png"),
                Map.of("sha256", sha, "width", 64, "height", 36, "original_name", "plakat.png"));
        WebClient.Page page = editor.get("/admin/announcements/" + slug);
        assertThat(page.document().select("dl img.thumb").eachAttr("src")).containsExactly("/media/" + sha + ".png");
        assertThat(page.document().selectFirst("dl img.thumb").attr("alt")).isNotBlank();
    }

    @Test
    void a_file_that_is_no_picture_or_video_is_refused_beside_the_file_field_with_the_text_kept() {
        Campus.Place school = campus.institution("Musikskolen");
        WebClient editor = fixtures.browserAs(Role.EDITOR, school.id()).language("da");
        String title = fixtures.unique("Koncert");
        String slug = draft(editor, school, title);

        WebClient.Page refused = editor.submitMultipart("/admin/announcements/" + slug + "/media", Map.of(),
                Map.of("file", new WebClient.FilePart("noder.png", "image/png", "<html><p>ikke et billede</p></html>".getBytes())));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("#file-error")).isEqualTo("Filen er text/html; læg en PNG-, JPEG-, WebP-, MP4- eller WebM-fil op.");
        assertThat(refused.document().selectFirst("#file").attr("aria-invalid")).isEqualTo("true");
        assertThat(refused.document().selectFirst("#file").attr("aria-describedby")).isEqualTo("file-hint file-error");
        assertThat(refused.document().selectFirst("#titleDa").attr("value")).isEqualTo(title);
        assertThat(refused.document().selectFirst("#bodyEn").text()).isEqualTo("Visit the school on Friday at 4 pm.");
        assertThat(fixtures.rows("SELECT media_id FROM announcement WHERE slug = ?", slug)).containsExactly(java.util.Collections.singletonMap("media_id", null));
        assertThat(fixtures.rows("SELECT id FROM media WHERE original_name = 'noder.png'")).isEmpty();
    }

    @Test
    void a_file_over_the_limit_is_refused_beside_the_file_field_with_the_limit_and_nothing_stored() {
        Campus.Place school = campus.institution("Forbrændingen");
        WebClient editor = fixtures.browserAs(Role.EDITOR, school.id()).language("da");
        String title = fixtures.unique("Festival");
        String slug = draft(editor, school, title);
        byte[] tooLarge = Arrays.copyOf(png(32, 32), LIMIT + 1);

        WebClient.Page refused = editor.submitMultipart("/admin/announcements/" + slug + "/media", Map.of(),
                Map.of("file", new WebClient.FilePart("stor.png", "image/png", tooLarge)));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("#file-error")).isEqualTo("Filen er større end grænsen på 1 MB; læg en mindre fil op.");
        assertThat(refused.document().selectFirst("#titleDa").attr("value")).isEqualTo(title);
        assertThat(fixtures.rows("SELECT id FROM media WHERE original_name = 'stor.png'")).isEmpty();
    }

    @Test
    void an_upload_without_the_forms_token_is_refused_and_nothing_is_stored() {
        Campus.Place school = campus.institution("Biblioteket");
        WebClient editor = fixtures.browserAs(Role.EDITOR, school.id()).language("da");
        String slug = draft(editor, school, fixtures.unique("Lørdagsværksted"));
        byte[] poster = png(48, 27);

        WebClient.Page refused = editor.submitMultipart("/admin/announcements/" + slug + "/media", Map.of("csrfToken", ""),
                Map.of("file", new WebClient.FilePart("uden-token.png", "image/png", poster)));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(fixtures.rows("SELECT id FROM media WHERE sha256 = ?", sha256(poster))).isEmpty();
        assertThat(fixtures.rows("SELECT media_id FROM announcement WHERE slug IN (?, ?)", slug, slug + "-en")).hasSize(2)
                .allMatch(row -> row.get("media_id") == null);
    }
}
