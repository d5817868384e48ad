package dk.albertslund.signage.media;

import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

import static dk.albertslund.signage.media.Uploads.upload;
import static org.assertj.core.api.Assertions.assertThat;

/** A tiny PNG whose header claims an enormous picture is refused before anything decodes it. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaPixelLimitTest implements PostgresTest {

    @Inject
    Fixtures fixtures;

    /** A PNG signature and IHDR chunk declaring width × height, then IEND: no pixel data at all. */
    static byte[] pngHeader(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes()).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4 + 12);
        png.put(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a});
        png.putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        png.putInt(0).put("IEND".getBytes()).putInt(0xae426082);
        return png.array();
    }

    @Test
    void a_png_declaring_2147483647_squared_is_refused_with_the_limits() {
        Api.Response response = upload(fixtures.signedIn(Role.ADMIN), "bomb.png", "image/png", pngHeader(Integer.MAX_VALUE, Integer.MAX_VALUE));

        assertThat(response.status()).isEqualTo(400);
        assertThat((String) response.body().get("detail")).isEqualTo("This picture is 2147483647 × 2147483647 pixels; pictures may be"
                + " at most 16384 pixels on each side and 40 megapixels in all. Make it smaller and upload it again.");
        assertThat(fixtures.rows("SELECT id FROM media WHERE width = 2147483647")).isEmpty();
    }

    @Test
    void a_png_declaring_60000_squared_is_refused() {
        Api.Response response = upload(fixtures.signedIn(Role.ADMIN), "stor.png", "image/png", pngHeader(60_000, 60_000));

        assertThat(response.status()).isEqualTo(400);
        assertThat((String) response.body().get("detail")).contains("60000 × 60000");
    }

    @Test
    void a_png_within_each_side_but_over_40_megapixels_is_refused_and_one_just_under_is_accepted() {
        assertThat(upload(fixtures.signedIn(Role.ADMIN), "bred.png", "image/png", pngHeader(16_384, 2_500)).status()).isEqualTo(400);
        Api.Response ok = upload(fixtures.signedIn(Role.ADMIN), "ok.png", "image/png", pngHeader(8_000, 5_000));
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.body()).containsEntry("width", 8000);
    }
}
