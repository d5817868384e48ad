package dk.albertslund.signage.staff;

import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.OidcProvider;
import dk.albertslund.signage.testing.PostgresTest;
import dk.albertslund.signage.testing.WebClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code signage.security.local-sign-in=admins} staff sign in with the municipality's
 * account; a local username and password still let the break-glass administrator in, and
 * nobody else, on the sign-in page and in the API alike.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcLocalSignInForAdminsTest implements PostgresTest {

    private static final OidcProvider PROVIDER = new OidcProvider(false);

    @Inject
    Fixtures fixtures;

    @Override
    public Map<String, String> extraProperties() {
        Map<String, String> properties = new HashMap<>(PROVIDER.properties());
        properties.put("signage.security.local-sign-in", "admins");
        return properties;
    }

    @AfterAll
    void stopProvider() {
        PROVIDER.close();
    }

    @Test
    void the_sign_in_page_says_local_accounts_are_for_the_administrator() {
        WebClient.Page page = fixtures.browser().language("en").get("/admin/login");

        assertThat(page.text("a#sign-in-kommune")).isEqualTo("Albertslund Municipality");
        assertThat(page.text("form.stacked ~ p, h2 + p")).isEqualTo(
                "Local username and password are for the administrator only. Everyone else signs in with their municipality account above.");
    }

    @Test
    void an_editor_with_a_local_password_is_refused_and_the_administrator_gets_in() {
        String editor = fixtures.staffMember(EnumSet.of(Role.APPROVER));
        WebClient browser = fixtures.browser();
        browser.get("/admin/login");

        WebClient.Page refused = browser.submit("/admin/login", Map.of("username", editor, "password", Fixtures.PASSWORD));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("#login-error")).isEqualTo("Lokalt log ind er kun for administratoren. Log ind med din konto fra kommunen.");
        assertThat(browser.cookie("JWT")).isEmpty();

        Api.Response api = fixtures.anonymous().post("/api/v1/auth/login", Map.of("username", editor, "password", Fixtures.PASSWORD));
        assertThat(api.status()).isEqualTo(403);
        assertThat(api.text()).contains("Local sign-in is for the administrator only.");

        String admin = fixtures.staffMember(EnumSet.of(Role.ADMIN));
        WebClient.Page signedIn = fixtures.browser().signIn(admin, Fixtures.PASSWORD).get("/admin/account");
        assertThat(signedIn.status()).isEqualTo(200);
        assertThat(fixtures.anonymous().post("/api/v1/auth/login", Map.of("username", admin, "password", Fixtures.PASSWORD)).status())
                .isEqualTo(200);
    }

    @Test
    void a_wrong_password_is_still_just_wrong() {
        String editor = fixtures.staffMember(EnumSet.of(Role.VIEWER));
        Api.Response api = fixtures.anonymous().post("/api/v1/auth/login", Map.of("username", editor, "password", "not the password"));
        assertThat(api.status()).isEqualTo(401);
    }
}
