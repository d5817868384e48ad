package dk.albertslund.signage.submission;

import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import dk.albertslund.signage.testing.WebClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A picture sent through a submission link meets media's own size cap (signage.media.max-bytes,
 * here its smallest, 1 KiB): the form comes back with the reason beside the picture field,
 * and neither the message nor the picture is stored.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubmissionPictureCapTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    ContentFixtures content;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("signage.media.max-bytes", "1024");
    }

    /** Noise, which PNG cannot squeeze below the cap. */
    private static byte[] noisyPng() throws IOException {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(16);
        for (int x = 0; x < 64; x++) {
            for (int y = 0; y < 64; y++) {
                image.setRGB(x, y, random.nextInt(0xffffff));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void a_picture_over_the_media_cap_is_refused_beside_its_field() throws IOException {
        ContentFixtures.Institution club = content.institution("Albertslund Ungdomsskole");
        String address = (String) fixtures.secondApprover().post("/api/v1/submission-links",
                Map.of("groupName", "Fotoklubben", "institution", club.slug())).expect(201).body().get("address");
        String path = address.substring(address.indexOf("/submit/"));
        byte[] picture = noisyPng();
        assertThat(picture.length).isGreaterThan(1024);

        WebClient phone = fixtures.browser();
        phone.get(path);
        Map<String, Object> fields = new HashMap<>(Map.of("titleDa", "Fotoudstilling", "bodyDa", "Se billederne i foyeren.",
                "website", ""));
        WebClient.Page sent = phone.submitMultipart(path, fields, Map.of("file", new WebClient.FilePart("foto.png", "image/png", picture)));

        assertThat(sent.status()).isEqualTo(400);
        assertThat(sent.text("#file-error")).startsWith("Filen er større end grænsen");
        assertThat(sent.document().selectFirst("#titleDa").attr("value")).isEqualTo("Fotoudstilling");
        assertThat(fixtures.rows("SELECT id FROM announcement WHERE title = 'Fotoudstilling'")).isEmpty();
        assertThat(fixtures.rows("SELECT id FROM media WHERE uploaded_by = 'submission-link:' || ?::text",
                fixtures.rows("SELECT id FROM submission_link WHERE group_name = 'Fotoklubben'").get(0).get("id"))).isEmpty();
    }
}
