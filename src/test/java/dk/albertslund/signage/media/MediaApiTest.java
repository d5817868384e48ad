package dk.albertslund.signage.media;

import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import dk.albertslund.signage.core.ProblemException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dk.albertslund.signage.media.Uploads.sha256;
import static dk.albertslund.signage.media.Uploads.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaApiTest implements PostgresTest {

    private static final Path MEDIA = Path.of("target", "test-media", "MediaApiTest");

    @Inject
    Fixtures fixtures;

    @Inject
    MediaService mediaService;

    @Test
    void a_png_named_and_declared_as_mp4_is_stored_as_the_png_it_is_with_its_size() {
        long institution = institution("bibliotek");
        Api editor = fixtures.signedIn(Role.EDITOR, institution);
        byte[] png = SampleFiles.png(800, 450);
        String sha = sha256(png);

        Api.Response response = upload(editor, "sommer.mp4", "video/mp4", png,
                "institution", slug(institution), "alt", "Sommerferie på biblioteket");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.headers().get("Location")).isEqualTo("/api/v1/media/" + sha);
        assertThat(response.body()).containsEntry("sha256", sha).containsEntry("url", "/media/" + sha + ".png")
                .containsEntry("contentType", "image/png").containsEntry("bytes", png.length)
                .containsEntry("width", 800).containsEntry("height", 450)
                .containsEntry("originalName", "sommer.mp4").containsEntry("alt", "Sommerferie på biblioteket")
                .containsEntry("institution", slug(institution));
        assertThat(fixtures.rows("SELECT content_type, extension, width, height FROM media WHERE sha256 = ?", sha))
                .containsExactly(Map.of("content_type", "image/png", "extension", "png", "width", 800, "height", 450));
        assertThat(MEDIA.resolve(sha.substring(0, 2)).resolve(sha + ".png")).hasBinaryContent(png);
    }

    @Test
    void html_named_jpg_is_refused_with_what_it_is_and_nothing_is_stored() throws IOException {
        byte[] html = SampleFiles.html();

        Api.Response response = upload(fixtures.signedIn(Role.ADMIN), "foto.jpg", "image/jpeg", html);

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.body()).containsEntry("detail", "This file is text/html; upload a PNG, JPEG, WebP, MP4 or WebM file.");
        assertThat(fixtures.rows("SELECT id FROM media WHERE sha256 = ?", sha256(html))).isEmpty();
        assertThat(Uploads.filesUnder("MediaApiTest")).noneMatch(p -> p.toString().contains(sha256(html)) || p.startsWith(".incoming"));
    }

    @Test
    void svg_is_never_accepted_as_an_upload() throws IOException {
        byte[] svg = Files.readAllBytes(Path.of("content", "media", "logo-bibliotek.svg"));

        Api.Response response = upload(fixtures.signedIn(Role.ADMIN), "logo.png", "image/png", svg);

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.body()).containsEntry("detail", "This file is image/svg+xml; upload a PNG, JPEG, WebP, MP4 or WebM file.");
    }

    @Test
    void small_mp4_and_webm_videos_are_accepted_with_what_their_headers_say() {
        Api approver = fixtures.signedIn(Role.APPROVER);

        Api.Response mp4 = upload(approver, "koncert.mp4", "video/mp4", SampleFiles.mp4("isom", 1920, 1080, 15_000));
        Api.Response webm = upload(approver, "koncert.webm", "video/webm", SampleFiles.matroska("webm"));

        assertThat(mp4.status()).isEqualTo(201);
        assertThat(mp4.body()).containsEntry("contentType", "video/mp4").containsEntry("width", 1920)
                .containsEntry("height", 1080).containsEntry("durationMs", 15_000);
        assertThat((String) mp4.body().get("url")).endsWith(".mp4");
        assertThat(webm.status()).isEqualTo(201);
        assertThat(webm.body()).containsEntry("contentType", "video/webm").doesNotContainKey("durationMs");
        assertThat((String) webm.body().get("url")).endsWith(".webm");
    }

    @Test
    void the_same_bytes_uploaded_twice_are_one_file_and_one_row() {
        Api admin = fixtures.signedIn(Role.ADMIN);
        byte[] jpeg = SampleFiles.jpeg(64, 48);

        Api.Response first = upload(admin, "a.jpg", "image/jpeg", jpeg);
        Api.Response second = upload(fixtures.signedIn(Role.APPROVER), "b.jpg", "image/jpeg", jpeg);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body()).containsEntry("id", first.body().get("id")).containsEntry("originalName", "a.jpg");
        assertThat(fixtures.rows("SELECT count(*) AS n FROM media WHERE sha256 = ?", sha256(jpeg))).containsExactly(Map.of("n", 1L));
        assertThat(fixtures.rows("SELECT action FROM audit_log WHERE entity_type = 'media' AND after_json->>'sha256' = ?", sha256(jpeg)))
                .containsExactly(Map.of("action", "create"));
    }

    @Test
    void the_fields_may_come_before_the_file_too() {
        long institution = institution("musikskolen");
        byte[] png = SampleFiles.png(30, 20);
        var body = MultipartBody.builder()
                .addPart("alt", "Elever spiller")
                .addPart("institution", slug(institution))
                .addPart("file", "elever.png", MediaType.IMAGE_PNG_TYPE, png)
                .build();

        Api.Response response = fixtures.signedIn(Role.EDITOR, institution).send(HttpRequest.POST("/api/v1/media", body)
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body()).containsEntry("alt", "Elever spiller").containsEntry("institution", slug(institution));
    }

    @Test
    void viewers_may_not_upload_and_editors_only_for_their_own_institutions() {
        long own = institution("gymnasiet");
        long other = institution("eud");
        byte[] png = SampleFiles.png(12, 12);

        Api.Response viewer = upload(fixtures.signedIn(Role.VIEWER, own), "x.png", "image/png", png);
        Api.Response editor = upload(fixtures.signedIn(Role.EDITOR, own), "x.png", "image/png", png, "institution", slug(other));

        assertThat(viewer.status()).isEqualTo(403);
        assertThat(viewer.body()).containsEntry("detail", "Only editors, approvers and administrators may upload media.");
        assertThat(editor.status()).isEqualTo(403);
        assertThat(editor.body()).containsEntry("detail", "You may only upload media for institutions you edit.");
        assertThat(fixtures.rows("SELECT id FROM media WHERE sha256 = ?", sha256(png))).isEmpty();
    }

    @Test
    void an_upload_without_a_file_says_so() {
        var body = MultipartBody.builder().addPart("alt", "Intet").build();

        Api.Response response = fixtures.signedIn(Role.ADMIN).send(HttpRequest.POST("/api/v1/media", body)
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("file");
    }

    @Test
    void without_a_token_uploading_is_401() {
        assertThat(upload(fixtures.anonymous(), "x.png", "image/png", SampleFiles.png(5, 5)).status()).isEqualTo(401);
    }

    @Test
    void bad_fields_are_all_named_at_once() {
        Api.Response response = upload(fixtures.signedIn(Role.ADMIN), "x.png", "image/png", SampleFiles.png(7, 7),
                "institution", "no-such-place", "alt", "x".repeat(301));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("institution", "alt");
        assertThat(response.text()).contains("no institution 'no-such-place'").contains("must be at most 300 characters");
    }

    @Test
    void the_metadata_view_says_everything_about_a_file() {
        Api admin = fixtures.signedIn(Role.ADMIN);
        long institution = institution("ungdomsklubberne");
        byte[] webp = SampleFiles.webpExtended(1920, 1080);
        String sha = sha256(webp);
        Api.Response created = upload(admin, "plakat.webp", "application/octet-stream", webp, "alt", "Plakat",
                "institution", slug(institution));

        Api.Response read = fixtures.signedIn(Role.VIEWER).get("/api/v1/media/" + sha);

        assertThat(read.status()).isEqualTo(200);
        // durationMs is left out: an image has none, and empty values are not sent
        assertThat(read.body()).containsOnlyKeys("id", "sha256", "url", "contentType", "bytes", "width", "height",
                "originalName", "alt", "institution", "uploadedBy", "createdAt");
        assertThat(read.body()).containsEntry("id", created.body().get("id")).containsEntry("url", "/media/" + sha + ".webp")
                .containsEntry("contentType", "image/webp").containsEntry("bytes", webp.length)
                .containsEntry("width", 1920).containsEntry("height", 1080).containsEntry("originalName", "plakat.webp")
                .containsEntry("alt", "Plakat").containsEntry("institution", slug(institution));
        assertThat((String) read.body().get("uploadedBy")).startsWith("admin-");
        assertThat(fixtures.signedIn(Role.VIEWER).get("/api/v1/media/" + "0".repeat(64)).body())
                .containsEntry("detail", "No media file '" + "0".repeat(64) + "'.");
    }

    @Test
    void lists_filter_by_institution_and_type_and_sort_by_size() {
        long institution = institution("forbraendingen");
        Api editor = fixtures.signedIn(Role.EDITOR, institution);
        String slug = slug(institution);
        upload(editor, "small.png", "image/png", SampleFiles.png(2, 2), "institution", slug);
        upload(editor, "large.png", "image/png", SampleFiles.png(300, 300), "institution", slug);
        upload(editor, "clip.mp4", "video/mp4", SampleFiles.mp4("mp42", 640, 360, 4_000), "institution", slug);

        Api.Response images = editor.get("/api/v1/media?institution=" + slug + "&type=image&sort=bytes,desc");
        Api.Response videos = editor.get("/api/v1/media?institution=" + slug + "&type=video");
        Api.Response badType = editor.get("/api/v1/media?type=audio");
        Api.Response badSort = editor.get("/api/v1/media?sort=sha256");

        assertThat(images.items()).extracting(i -> i.get("originalName")).containsExactly("large.png", "small.png");
        assertThat(videos.items()).extracting(i -> i.get("originalName")).containsExactly("clip.mp4");
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.errorFields()).containsExactly("type");
        assertThat(badSort.errorFields()).containsExactly("sort");
    }

    @Test
    void only_admins_delete_and_a_file_in_use_names_who_uses_it() {
        Api admin = fixtures.signedIn(Role.ADMIN);
        long institution = institution("musikteatret");
        byte[] png = SampleFiles.png(40, 40);
        String sha = sha256(png);
        long mediaId = ((Number) upload(admin, "logo.png", "image/png", png).body().get("id")).longValue();
        admin.put("/api/v1/institutions/" + slug(institution), Map.of("logoMediaId", mediaId));
        String announcement = fixtures.unique("jazz-i-foyeren");
        fixtures.rows("""
                INSERT INTO announcement (slug, institution_id, title, language, category, media_id)
                VALUES (?, ?, 'Jazz i foyeren', 'da', 'culture', ?) RETURNING id""", announcement, institution, mediaId);

        Api.Response byEditor = fixtures.signedIn(Role.EDITOR, institution).delete("/api/v1/media/" + sha);
        Api.Response inUse = admin.delete("/api/v1/media/" + sha);

        assertThat(byEditor.status()).isEqualTo(403);
        assertThat(byEditor.body()).containsEntry("detail", "Only administrators may delete media.");
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.body()).containsEntry("detail", "This media file is still used by the announcement '" + announcement
                + "' and the logo of institution '" + slug(institution) + "'; change them to use another file first.");
        assertThat(fixtures.rows("SELECT id FROM media WHERE sha256 = ?", sha)).hasSize(1);
    }

    @Test
    void deleting_removes_the_row_and_the_file_and_is_audited() {
        Api admin = fixtures.signedIn(Role.ADMIN);
        byte[] png = SampleFiles.png(41, 41);
        String sha = sha256(png);
        long id = ((Number) upload(admin, "gammel.png", "image/png", png).body().get("id")).longValue();

        Api.Response deleted = admin.delete("/api/v1/media/" + sha);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(fixtures.rows("SELECT id FROM media WHERE sha256 = ?", sha)).isEmpty();
        assertThat(MEDIA.resolve(sha.substring(0, 2)).resolve(sha + ".png")).doesNotExist();
        assertThat(fixtures.rows("""
                SELECT action, coalesce(after_json, before_json)->>'originalName' AS name FROM audit_log
                WHERE entity_type = 'media' AND entity_id = ? ORDER BY id""", id))
                .containsExactly(Map.of("action", "create", "name", "gammel.png"), Map.of("action", "delete", "name", "gammel.png"));
    }

    @Test
    void a_content_pack_svg_is_stored_sanitised_and_importing_it_again_changes_nothing() throws IOException {
        byte[] original = Files.readAllBytes(Path.of("content", "media", "logo-musikteatret.svg"));
        byte[] sanitised = SvgSanitizer.sanitize(original);

        Media first = mediaService.importPackFile("content-pack", "logo-musikteatret.svg", original);
        Media again = mediaService.importPackFile("content-pack", "logo-musikteatret.svg", original);

        assertThat(first.contentType()).isEqualTo("image/svg+xml");
        assertThat(first.url()).isEqualTo("/media/" + sha256(sanitised) + ".svg");
        assertThat(first.uploadedBy()).isEqualTo("content-pack");
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(MEDIA.resolve(first.sha256().substring(0, 2)).resolve(first.sha256() + ".svg")).hasBinaryContent(sanitised);
    }

    @Test
    void a_content_pack_image_is_sniffed_like_an_upload() throws IOException {
        byte[] png = Files.readAllBytes(Path.of("content", "media", "koncert-1920x1080.png"));

        Media media = mediaService.importPackFile("content-pack", "koncert-1920x1080.png", png);

        assertThat(List.of(media.contentType(), media.width(), media.height(), media.originalName()))
                .containsExactly("image/png", 1920, 1080, "koncert-1920x1080.png");
        assertThatThrownBy(() -> mediaService.importPackFile("content-pack", "side.png", SampleFiles.html()))
                .isInstanceOf(ProblemException.class)
                .hasMessage("side.png is text/html; the content pack may hold PNG, JPEG, WebP, MP4, WebM and SVG files.");
        assertThatThrownBy(() -> mediaService.importPackFile("content-pack", "broken.svg",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect></svg>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ProblemException.class);
    }

    private long institution(String prefix) {
        String slug = fixtures.unique(prefix);
        Api.Response created = fixtures.signedIn(Role.ADMIN).post("/api/v1/institutions", Map.of("slug", slug, "name", slug));
        return ((Number) created.body().get("id")).longValue();
    }

    private String slug(long institutionId) {
        return (String) fixtures.rows("SELECT slug FROM institution WHERE id = ?", institutionId).get(0).get("slug");
    }
}
