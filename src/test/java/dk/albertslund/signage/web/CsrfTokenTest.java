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
 * CSRF tokens are signed with the server's key, so an attacker who can plant a cookie
 * (a sibling subdomain, a man in the middle on http) cannot make up a cookie and field
 * pair that passes the double-submit check.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CsrfTokenTest implements PostgresTest {

    @Inject
    Fixtures fixtures;

    @Inject
    ContentFixtures content;

    @Test
    void a_made_up_cookie_and_field_pair_is_refused() throws Exception {
        ContentFixtures.Institution library = content.institution("Albertslund Bibliotek");
        WebClient approver = fixtures.browserAs(Role.APPROVER);
        String signIn = approver.cookie("JWT").orElseThrow();
        // The shape of a token signed with an empty key: no signature, then a random value.
        String forged = ".bWFkZS11cC1yYW5kb20tdmFsdWU";

        HttpResponse<String> response = post("/admin/emergency", "JWT=" + signIn + "; " + WebClient.CSRF_COOKIE + "=" + forged,
                Map.of("title", "Forged", "institution", library.slug(), "target", "all", "csrfToken", forged));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(fixtures.rows("SELECT id FROM announcement WHERE title = ?", "Forged")).isEmpty();
    }

    @Test
    void the_token_the_server_handed_out_is_accepted_and_carries_a_signature() {
        ContentFixtures.Institution library = content.institution("Albertslund Bibliotek");
        WebClient approver = fixtures.browserAs(Role.APPROVER);
        String token = approver.cookie(WebClient.CSRF_COOKIE).orElseThrow();

        WebClient.Page started = approver.submit("/admin/emergency", Map.of("title", "Genuine", "institution", library.slug(), "target", "all"));

        assertThat(token.split("\\.")[0]).isNotEmpty();
        assertThat(started.status()).isEqualTo(303);
    }

    private HttpResponse<String> post(String path, String cookies, Map<String, String> fields) throws Exception {
        String body = String.join("&", fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .toList());
        String base = fixtures.url().replaceAll("/$", "");
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .header("Cookie", cookies)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
