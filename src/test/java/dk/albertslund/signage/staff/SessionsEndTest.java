package dk.albertslund.signage.staff;

import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import dk.albertslund.signage.testing.WebClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A password change ends every other session of the account, in the API as on the staff
 * pages; a deactivation ends them all with the API tokens, and reactivating the account
 * does not bring them back.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionsEndTest implements PostgresTest {

    private static final String NEW_PASSWORD = "a brand new passphrase";

    @Inject
    Fixtures fixtures;
    @Inject
    StaffClients clients;

    @Test
    void a_password_change_through_the_api_ends_the_other_sessions_but_not_its_own() {
        String username = fixtures.staffMember(EnumSet.of(Role.VIEWER));
        Api laptop = fixtures.signInAs(username);
        Api stolen = fixtures.signInAs(username);
        assertThat(stolen.get("/api/v1/auth/me").status()).isEqualTo(200);

        assertThat(laptop.put("/api/v1/auth/password",
                Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", NEW_PASSWORD)).status()).isEqualTo(204);

        assertThat(stolen.get("/api/v1/auth/me").status()).isEqualTo(401);
        assertThat(stolen.get("/api/v1/announcements").status()).isEqualTo(401);
        assertThat(laptop.get("/api/v1/auth/me").status()).as("the session that changed it continues").isEqualTo(200);
        assertThat(signIn(username, NEW_PASSWORD).get("/api/v1/auth/me").status())
                .as("a sign-in right after the change works").isEqualTo(200);
    }

    @Test
    void a_password_change_on_the_account_page_signs_out_the_other_browsers() {
        String username = fixtures.staffMember(EnumSet.of(Role.VIEWER));
        WebClient desk = fixtures.browser().signIn(username, Fixtures.PASSWORD);
        WebClient other = fixtures.browser().signIn(username, Fixtures.PASSWORD);
        Api script = fixtures.signInAs(username);
        assertThat(other.get("/admin/account").status()).isEqualTo(200);

        desk.get("/admin/account");
        WebClient.Page changed = desk.submit("/admin/account/password",
                Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", NEW_PASSWORD));
        assertThat(changed.status()).isEqualTo(303);

        assertThat(desk.get("/admin/account").status()).isEqualTo(200);
        WebClient.Page elsewhere = other.get("/admin/account");
        assertThat(elsewhere.status()).isEqualTo(303);
        assertThat(elsewhere.location()).hasValue("/admin/login");
        assertThat(script.get("/api/v1/auth/me").status()).isEqualTo(401);
    }

    @Test
    void deactivation_ends_sessions_and_api_tokens_for_good_even_after_reactivation() {
        Api admin = fixtures.signedIn(Role.ADMIN);
        String username = fixtures.staffMember(EnumSet.of(Role.VIEWER));
        Api session = fixtures.signInAs(username);
        Api token = bearer(session.post("/api/v1/auth/tokens", Map.of("name", "Script")).body().get("token"));
        assertThat(token.get("/api/v1/auth/me").status()).isEqualTo(200);

        assertThat(admin.put("/api/v1/staff/" + username, Map.of("active", false)).status()).isEqualTo(200);
        assertThat(admin.put("/api/v1/staff/" + username, Map.of("active", true)).status()).isEqualTo(200);

        assertThat(session.get("/api/v1/auth/me").status()).as("old session after reactivation").isEqualTo(401);
        assertThat(token.get("/api/v1/auth/me").status()).as("old API token after reactivation").isEqualTo(401);
        List<Map<String, Object>> tokens = fixtures.rows(
                "SELECT t.revoked_at FROM api_token t JOIN staff_user u ON u.id = t.staff_user_id WHERE u.username = ?", username);
        assertThat(tokens).hasSize(1).allSatisfy(row -> assertThat(row.get("revoked_at")).isNotNull());
        assertThat(signIn(username, Fixtures.PASSWORD).get("/api/v1/auth/me").status())
                .as("the person signs in afresh").isEqualTo(200);
    }

    private Api signIn(String username, String password) {
        return clients.signIn(username, password);
    }

    private Api bearer(Object token) {
        return clients.bearer((String) token);
    }
}
