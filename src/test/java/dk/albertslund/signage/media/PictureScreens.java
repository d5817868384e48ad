package dk.albertslund.signage.media;

import dk.albertslund.signage.kiosk.Kiosks;
import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.util.Map;

import static dk.albertslund.signage.media.Uploads.sha256;
import static dk.albertslund.signage.media.Uploads.upload;

/** For the media integrity tests: a paired screen playing two messages that show one uploaded picture. */
@Singleton
@Requires(env = "test")
class PictureScreens {

    private final Fixtures fixtures;
    private final ContentFixtures content;
    private final Kiosks kiosks;

    PictureScreens(Fixtures fixtures, ContentFixtures content, Kiosks kiosks) {
        this.fixtures = fixtures;
        this.content = content;
        this.kiosks = kiosks;
    }

    /**
     * The picture (its hash, bytes and file under the test class's media directory), the
     * screen and its kiosk, a message with words and the picture, and a message that is
     * only the picture.
     */
    record PictureScreen(String sha, byte[] png, Path file, String screen, String screenName, Kiosks.Paired kiosk,
                         Kiosks.Announcement withWords, Kiosks.Announcement pictureOnly) {

        String url() {
            return "/media/" + sha + ".png";
        }
    }

    /** {@code width} makes the picture's bytes, and so its hash, the test's own. */
    PictureScreen showingAPicture(String testClass, int width) {
        ContentFixtures.Institution library = content.institution("Albertslund Bibliotek");
        byte[] png = SampleFiles.png(width, 450);
        String sha = sha256(png);
        Api.Response uploaded = upload(content.admin(), "sommer.png", "image/png", png, "institution", library.slug());
        if (uploaded.status() != 201) {
            throw new IllegalStateException("picture not uploaded: " + uploaded.text());
        }
        Kiosks.Announcement withWords = announcement(library, "Sommerferie på biblioteket", "Lukket i uge 29 og 30.", sha);
        Kiosks.Announcement pictureOnly = announcement(library, "Sommerplakat", "", sha);
        String screenName = "Biblioteket " + fixtures.unique("indgang");
        String screen = kiosks.screen(screenName);
        Kiosks.Paired kiosk = kiosks.pair(screen, withWords, pictureOnly);
        Path file = Path.of("target", "test-media", testClass).resolve(sha.substring(0, 2)).resolve(sha + ".png");
        return new PictureScreen(sha, png, file, screen, screenName, kiosk, withWords, pictureOnly);
    }

    private Kiosks.Announcement announcement(ContentFixtures.Institution institution, String title, String body, String sha) {
        String slug = fixtures.unique("opslag");
        Api.Response created = content.admin().post("/api/v1/announcements", Map.of("slug", slug, "institution", institution.slug(),
                "title", title, "body", body, "language", "da", "category", "culture", "media", sha));
        if (created.status() != 201) {
            throw new IllegalStateException("announcement not created: " + created.text());
        }
        return new Kiosks.Announcement(((Number) created.body().get("id")).longValue(), slug);
    }
}
