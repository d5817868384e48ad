package dk.albertslund.signage.media;

import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

import static dk.albertslund.signage.media.Uploads.sha256;
import static dk.albertslund.signage.media.Uploads.upload;
import static org.assertj.core.api.Assertions.assertThat;

/** What a kiosk or a browser gets from /media/…, asked anonymously over a plain HTTP client. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaFileServingTest implements PostgresTest {

    @Inject
    Fixtures fixtures;

    @Inject
    MediaService mediaService;

    private final HttpClient http = HttpClient.newHttpClient();
    private byte[] png;
    private String url;

    @BeforeAll
    void an_image_has_been_uploaded() {
        png = SampleFiles.png(200, 100);
        upload(fixtures.signedIn(Role.ADMIN), "plakat.png", "image/png", png);
        url = "/media/" + sha256(png) + ".png";
    }

    @Test
    void anyone_gets_the_whole_file_with_headers_for_caching_it_forever() throws Exception {
        HttpResponse<byte[]> response = get(url);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(png);
        assertThat(header(response, "Content-Type")).isEqualTo("image/png");
        assertThat(header(response, "Content-Length")).isEqualTo(String.valueOf(png.length));
        assertThat(header(response, "Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(ZonedDateTime.parse(header(response, "Expires"), DateTimeFormatter.RFC_1123_DATE_TIME))
                .isBetween(ZonedDateTime.now().plusDays(364), ZonedDateTime.now().plusDays(366));
        assertThat(header(response, "ETag")).isEqualTo("\"" + sha256(png) + "\"");
        assertThat(header(response, "Accept-Ranges")).isEqualTo("bytes");
        assertThat(header(response, "X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void a_cached_copy_is_confirmed_with_304_and_no_body() throws Exception {
        HttpResponse<byte[]> response = get(url, "If-None-Match", "\"" + sha256(png) + "\"");

        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
        assertThat(header(response, "ETag")).isEqualTo("\"" + sha256(png) + "\"");
        assertThat(get(url, "If-None-Match", "\"something-else\"").statusCode()).isEqualTo(200);
    }

    @Test
    void a_range_gets_exactly_those_bytes() throws Exception {
        HttpResponse<byte[]> middle = get(url, "Range", "bytes=10-19");
        HttpResponse<byte[]> tail = get(url, "Range", "bytes=-5");
        HttpResponse<byte[]> from = get(url, "Range", "bytes=" + (png.length - 3) + "-");

        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(header(middle, "Content-Range")).isEqualTo("bytes 10-19/" + png.length);
        assertThat(header(middle, "Content-Length")).isEqualTo("10");
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(png, 10, 20));
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(png, png.length - 5, png.length));
        assertThat(header(tail, "Content-Range")).isEqualTo("bytes " + (png.length - 5) + "-" + (png.length - 1) + "/" + png.length);
        assertThat(from.body()).isEqualTo(Arrays.copyOfRange(png, png.length - 3, png.length));
    }

    @Test
    void a_range_beyond_the_end_is_416_with_the_size() throws Exception {
        HttpResponse<byte[]> response = get(url, "Range", "bytes=" + png.length + "-");

        assertThat(response.statusCode()).isEqualTo(416);
        assertThat(header(response, "Content-Range")).isEqualTo("bytes */" + png.length);
        assertThat(header(response, "Cache-Control")).as("a refusal is not cached for a year").isNull();
    }

    @Test
    void head_gives_the_headers_without_the_body() throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(fixtures.url() + url))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(header(response, "Content-Type")).isEqualTo("image/png");
        assertThat(header(response, "Content-Length")).isEqualTo(String.valueOf(png.length));
        assertThat(header(response, "ETag")).isEqualTo("\"" + sha256(png) + "\"");
    }

    @Test
    void an_unknown_hash_or_the_wrong_extension_is_404() throws Exception {
        assertThat(get("/media/" + sha256(png) + ".jpg").statusCode()).isEqualTo(404);
        assertThat(get("/media/" + "ab".repeat(32) + ".png").statusCode()).isEqualTo(404);
        assertThat(get("/media/" + sha256(png)).statusCode()).isEqualTo(404);
        assertThat(get("/media/..%2F..%2Fpom.xml").statusCode()).isEqualTo(404);
    }

    @Test
    void a_pack_svg_is_served_as_svg_with_nothing_allowed_to_run() throws Exception {
        Media logo = mediaService.importPackFile("content-pack", "logo-gymnasiet.svg",
                Files.readAllBytes(Path.of("content", "media", "logo-gymnasiet.svg")));

        HttpResponse<byte[]> response = get(logo.url());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "Content-Type")).isEqualTo("image/svg+xml");
        assertThat(header(response, "Content-Security-Policy")).isEqualTo("default-src 'none'; style-src 'unsafe-inline'; sandbox");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"");
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fixtures.url() + path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }
}
