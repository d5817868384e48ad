package dk.albertslund.signage.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class MediaProbeTest {

    @TempDir
    Path dir;

    @Test
    void a_png_is_known_by_its_bytes_whatever_its_name_and_its_size_comes_from_the_header() throws IOException {
        MediaProbe.Probe probe = MediaProbe.probe(write("holiday.mp4", SampleFiles.png(640, 360)));

        assertThat(probe).isEqualTo(new MediaProbe.Probe("image/png", 640, 360, null));
    }

    @Test
    void a_jpeg_gives_its_width_and_height() throws IOException {
        assertThat(MediaProbe.probe(write("photo", SampleFiles.jpeg(320, 200))))
                .isEqualTo(new MediaProbe.Probe("image/jpeg", 320, 200, null));
    }

    @Test
    void webp_gives_its_size_from_each_kind_of_first_chunk() throws IOException {
        assertThat(MediaProbe.probe(write("lossy", SampleFiles.webpLossy(1920, 1080))))
                .isEqualTo(new MediaProbe.Probe("image/webp", 1920, 1080, null));
        assertThat(MediaProbe.probe(write("lossless", SampleFiles.webpLossless(1080, 1920))))
                .isEqualTo(new MediaProbe.Probe("image/webp", 1080, 1920, null));
        assertThat(MediaProbe.probe(write("extended", SampleFiles.webpExtended(3840, 2160))))
                .isEqualTo(new MediaProbe.Probe("image/webp", 3840, 2160, null));
    }

    @Test
    void an_mp4_gives_its_running_time_and_picture_size_even_with_the_movie_header_after_the_media_data() throws IOException {
        MediaProbe.Probe probe = MediaProbe.probe(write("clip", SampleFiles.mp4("isom", 1280, 720, 12_345)));

        assertThat(probe).isEqualTo(new MediaProbe.Probe("video/mp4", 1280, 720, 12_345L));
    }

    @Test
    void iso_media_is_mp4_only_for_mp4_brands_and_quicktime_stays_quicktime() throws IOException {
        assertThat(MediaProbe.detect(write("a", SampleFiles.mp4("mp42", 16, 16, 1000)))).isEqualTo("video/mp4");
        assertThat(MediaProbe.detect(write("b", SampleFiles.mp4("qt  ", 16, 16, 1000)))).isEqualTo("video/quicktime");
    }

    @Test
    void matroska_is_webm_only_when_its_doc_type_says_so() throws IOException {
        assertThat(MediaProbe.probe(write("a", SampleFiles.matroska("webm")))).isEqualTo(new MediaProbe.Probe("video/webm", null, null, null));
        assertThat(MediaProbe.detect(write("b", SampleFiles.matroska("matroska")))).isEqualTo("video/x-matroska");
    }

    @Test
    void html_named_like_an_image_is_still_html() throws IOException {
        assertThat(MediaProbe.detect(write("photo.jpg", SampleFiles.html()))).isEqualTo("text/html");
    }

    @Test
    void a_truncated_header_gives_the_type_without_dimensions() throws IOException {
        byte[] png = SampleFiles.png(10, 10);
        byte[] truncated = Arrays.copyOf(png, 20);

        assertThat(MediaProbe.probe(write("short", truncated))).isEqualTo(new MediaProbe.Probe("image/png", null, null, null));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
