package dk.albertslund.signage.web;

import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityHeadersTest implements PostgresTest {

    @Inject
    Fixtures fixtures;

    @Test
    void every_path_says_nosniff_and_same_origin_referrers() throws Exception {
        for (String path : new String[] {"/admin/login", "/kiosk/", "/api/v1/nothing-here", "/health", "/swagger-ui/index.html"}) {
            HttpResponse<String> response = get(path);
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).as(path).hasValue("same-origin");
        }
    }

    @Test
    void data_answers_allow_nothing_and_cannot_be_framed() throws Exception {
        for (String path : new String[] {"/api/v1/nothing-here", "/health"}) {
            assertThat(get(path).headers().firstValue("Content-Security-Policy")).as(path).hasValue("default-src 'none'; frame-ancestors 'none'");
        }
        assertThat(get("/admin/login").headers().firstValue("Content-Security-Policy").orElseThrow()).contains("nonce-").contains("frame-ancestors 'none'");
    }

    @Test
    void the_kiosk_player_may_use_only_its_own_server_blob_and_data_pictures_and_cannot_be_framed() throws Exception {
        for (String path : new String[] {"/kiosk/", "/kiosk/index.html", "/kiosk/js/main.js", "/kiosk/sw.js"}) {
            String policy = get(path).headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(policy).as(path).isEqualTo(SecurityHeaders.KIOSK_CSP)
                    .contains("default-src 'none'", "script-src 'self';", "connect-src 'self'", "img-src 'self' data: blob:",
                            "media-src 'self' blob:", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-eval", "unsafe-inline", "*");
        }
    }

    @Test
    void swagger_ui_allows_its_one_inline_script_by_hash_and_cannot_be_framed() throws Exception {
        String policy = get("/swagger-ui/index.html").headers().firstValue("Content-Security-Policy").orElseThrow();

        assertThat(policy).containsPattern("script-src 'self' 'sha256-[A-Za-z0-9+/]{43}='").contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-eval");
        assertThat(policy.substring(policy.indexOf("script-src"), policy.indexOf(';', policy.indexOf("script-src")))).doesNotContain("unsafe-inline");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(fixtures.url().replaceAll("/$", "") + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
