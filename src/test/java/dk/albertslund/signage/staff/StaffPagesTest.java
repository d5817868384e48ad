package dk.albertslund.signage.staff;

import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import dk.albertslund.signage.testing.WebClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.EnumSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffPagesTest implements PostgresTest {

    @Inject
    Fixtures fixtures;

    @Test
    void a_staff_page_sends_someone_not_signed_in_to_the_sign_in_page() {
        WebClient.Page page = fixtures.browser().get("/admin/account");

        assertThat(page.status()).isIn(302, 303);
        assertThat(page.location()).hasValue("/admin/login");
    }

    @Test
    void the_sign_in_page_speaks_the_browsers_language_and_can_be_switched() {
        WebClient browser = fixtures.browser().language("en-GB,en;q=0.9");
        WebClient.Page english = browser.get("/admin/login");
        assertThat(english.status()).isEqualTo(200);
        assertThat(english.text("h1")).isEqualTo("Sign in");
        assertThat(english.document().selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(english.document().selectFirst("label[for=password]").text()).isEqualTo("Password");

        WebClient.Page switched = browser.get("/admin/language/da?back=/admin/login");
        assertThat(switched.status()).isEqualTo(303);
        assertThat(switched.location()).hasValue("/admin/login");
        assertThat(browser.cookie("lang")).hasValue("da");
        assertThat(browser.get("/admin/login").text("h1")).isEqualTo("Log ind");
    }

    @Test
    void a_wrong_password_shows_the_form_again_with_the_username_kept() {
        String username = fixtures.staffMember(EnumSet.of(Role.APPROVER));
        WebClient browser = fixtures.browser().language("da");
        browser.get("/admin/login");

        WebClient.Page page = browser.submit("/admin/login", Map.of("username", username, "password", "not the password"));

        assertThat(page.status()).isEqualTo(401);
        assertThat(page.text("#login-error")).isEqualTo("Forkert brugernavn eller adgangskode.");
        assertThat(page.document().selectFirst("#username").attr("value")).isEqualTo(username);
        assertThat(page.document().selectFirst("#password").attr("value")).isEmpty();
        assertThat(browser.cookie("JWT")).isEmpty();
    }

    @Test
    void repeated_wrong_passwords_are_throttled_with_a_clear_message() {
        String username = fixtures.staffMember(EnumSet.of(Role.APPROVER));
        WebClient browser = fixtures.browser().language("en");
        browser.get("/admin/login");
        for (int i = 0; i < 5; i++) {
            browser.submit("/admin/login", Map.of("username", username, "password", "wrong " + i));
        }

        WebClient.Page page = browser.submit("/admin/login", Map.of("username", username, "password", Fixtures.PASSWORD));

        assertThat(page.status()).isEqualTo(429);
        assertThat(page.text("#login-error")).isEqualTo("Too many failed attempts. Wait a minute and try again.");
    }

    @Test
    void signing_in_sets_an_http_only_cookie_and_goes_where_the_person_was_heading() {
        String username = fixtures.staffMember(EnumSet.of(Role.APPROVER));
        WebClient browser = fixtures.browser();
        browser.get("/admin/login");

        WebClient.Page page = browser.submit("/admin/login", Map.of("username", username, "password", Fixtures.PASSWORD, "next", "/admin/account"));

        assertThat(page.status()).isEqualTo(303);
        assertThat(page.location()).hasValue("/admin/account");
        String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JWT=")).findFirst().orElseThrow();
        assertThat(cookie).containsIgnoringCase("HttpOnly").contains("SameSite=Lax").contains("Path=/");
        WebClient.Page account = browser.get("/admin/account");
        assertThat(account.status()).isEqualTo(200);
        assertThat(account.text("dl.facts dd:nth-of-type(2)")).isEqualTo(username);
    }

    @Test
    void the_sign_in_page_never_sends_anyone_to_another_site() {
        String username = fixtures.staffMember(EnumSet.of(Role.APPROVER));
        WebClient browser = fixtures.browser();
        browser.get("/admin/login");

        WebClient.Page page = browser.submit("/admin/login", Map.of("username", username, "password", Fixtures.PASSWORD, "next", "//evil.example/admin"));

        assertThat(page.location()).hasValue("/admin/dashboard");
    }

    @Test
    void a_form_without_its_csrf_token_is_refused() {
        String username = fixtures.staffMember(EnumSet.of(Role.APPROVER));
        WebClient browser = fixtures.browser().language("en");
        browser.get("/admin/login");

        WebClient.Page page = browser.post("/admin/login", Map.of("username", username, "password", Fixtures.PASSWORD));
        WebClient.Page forged = browser.post("/admin/login", Map.of("username", username, "password", Fixtures.PASSWORD, "csrfToken", "forged"));

        assertThat(page.status()).isEqualTo(403);
        assertThat(page.text("h1")).isEqualTo("You do not have access to this");
        assertThat(forged.status()).isEqualTo(403);
        assertThat(browser.cookie("JWT")).isEmpty();
    }

    @Test
    void signing_out_ends_the_session_even_for_a_copy_of_its_cookie() {
        WebClient browser = fixtures.browserAs(Role.APPROVER);
        String stolen = browser.cookie("JWT").orElseThrow();

        WebClient.Page out = browser.submit("/admin/logout", Map.of());
        assertThat(out.status()).isEqualTo(303);
        assertThat(out.location()).hasValue("/admin/login?notice=signedOut");
        assertThat(browser.cookie("JWT")).isEmpty();

        WebClient.Page withCopy = replay(stolen);
        assertThat(withCopy.status()).isIn(302, 303);
        assertThat(withCopy.location()).hasValue("/admin/login");
    }

    private WebClient.Page replay(String jwt) {
        try {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(fixtures.url() + "/admin/account"))
                    .header("Accept", "text/html").header("Cookie", "JWT=" + jwt).GET().build();
            var response = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            return new WebClient.Page(response.statusCode(), response.headers(), response.body(), org.jsoup.Jsoup.parse(response.body()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void every_staff_page_has_a_content_security_policy_with_a_fresh_nonce() {
        WebClient browser = fixtures.browser();
        WebClient.Page first = browser.get("/admin/login");
        WebClient.Page second = browser.get("/admin/login");

        String policy = first.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'self'").contains("object-src 'none'").contains("frame-ancestors 'none'")
                .containsPattern("script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'");
        assertThat(second.headers().firstValue("Content-Security-Policy").orElseThrow()).isNotEqualTo(policy);
    }

    @Test
    void an_unknown_staff_page_is_a_friendly_404_page() {
        WebClient.Page page = fixtures.browserAs(Role.VIEWER).language("da").get("/admin/no-such-page");

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.text("h1")).isEqualTo("Siden findes ikke");
        assertThat(page.html()).doesNotContain("Exception").doesNotContain("at dk.");
    }

    @Test
    void a_password_change_with_a_short_password_is_shown_beside_the_field() {
        WebClient browser = fixtures.browserAs(Role.APPROVER).language("en");

        WebClient.Page page = browser.submit("/admin/account/password", Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", "short"));

        assertThat(page.status()).as(page.location() + " " + page.headers().map()).isEqualTo(400);
        assertThat(page.text("#newPassword-error")).isEqualTo("must be at least 10 characters long");
        assertThat(page.document().selectFirst("#newPassword").attr("aria-invalid")).isEqualTo("true");
    }

    @Test
    void a_password_change_works_and_says_so() {
        WebClient browser = fixtures.browserAs(Role.APPROVER).language("en");

        WebClient.Page done = browser.submit("/admin/account/password", Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", "a much longer passphrase"));

        assertThat(done.status()).isEqualTo(303);
        assertThat(browser.get(done.location().orElseThrow()).text("[role=status]")).isEqualTo("Your password has been changed.");
    }
}
