package dk.albertslund.signage.web;

import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import dk.albertslund.signage.testing.WebClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A staff form post that a browser says came from another site is refused even with a
 * valid token; one from the public address (SIGNAGE_PUBLIC_URL) goes through.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CsrfOriginTest implements PostgresTest {

    private static final String PUBLIC_URL = "https://signage.example.dk";

    @Inject
    Fixtures fixtures;

    @Inject
    ContentFixtures content;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("signage.public-url", PUBLIC_URL + "/");
    }

    @Test
    void a_post_whose_origin_is_another_site_is_refused() throws Exception {
        assertThat(startEmergency("Origin", "https://evil.example.com", "From evil").statusCode()).isEqualTo(403);
        assertThat(startEmergency("Origin", "https://signage.example.dk.evil.example.com", "From lookalike").statusCode()).isEqualTo(403);
        assertThat(startEmergency("Origin", "null", "From sandbox").statusCode()).isEqualTo(403);
        assertThat(fixtures.rows("SELECT id FROM announcement WHERE title LIKE 'From %'")).isEmpty();
    }

    @Test
    void without_origin_a_referer_from_another_site_is_refused() throws Exception {
        assertThat(startEmergency("Referer", "https://evil.example.com/page", "Referred").statusCode()).isEqualTo(403);
    }

    @Test
    void a_post_from_the_public_address_or_a_local_test_port_goes_through() throws Exception {
        assertThat(startEmergency("Origin", PUBLIC_URL, "Ours").statusCode()).isEqualTo(303);
        assertThat(startEmergency("Referer", PUBLIC_URL + "/admin/emergency", "Ours by referer").statusCode()).isEqualTo(303);
        // As the browser tests open the server: localhost and the random port.
        String local = "http://localhost:" + URI.create(fixtures.url()).getPort();
        assertThat(startEmergency("Origin", local, "Local").statusCode()).isEqualTo(303);
    }

    private HttpResponse<String> startEmergency(String header, String value, String title) throws Exception {
        ContentFixtures.Institution library = content.institution("Albertslund Bibliotek");
        WebClient approver = fixtures.browserAs(Role.APPROVER);
        String token = approver.cookie(WebClient.CSRF_COOKIE).orElseThrow();
        Map<String, String> fields = Map.of("title", title, "institution", library.slug(), "target", "all", "csrfToken", token);
        String body = String.join("&", fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .toList());
        HttpRequest request = HttpRequest.newBuilder(URI.create(fixtures.url().replaceAll("/$", "") + "/admin/emergency"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .header("Cookie", "JWT=" + approver.cookie("JWT").orElseThrow() + "; " + WebClient.CSRF_COOKIE + "=" + token)
                .header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
