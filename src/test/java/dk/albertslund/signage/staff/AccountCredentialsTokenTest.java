package dk.albertslund.signage.staff;

import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.EnumSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Personal API tokens cannot manage credentials, and a password change ends them all. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountCredentialsTokenTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    StaffClients clients;

    @Test
    void an_api_token_can_neither_make_tokens_nor_change_the_password() {
        Api owner = fixtures.signedIn(Role.VIEWER);
        Api token = as(owner.post("/api/v1/auth/tokens", Map.of("name", "Script")).body().get("token"));
        assertThat(token.get("/api/v1/auth/me").status()).isEqualTo(200);

        assertThat(token.post("/api/v1/auth/tokens", Map.of("name", "Another")).status()).isEqualTo(403);
        assertThat(token.put("/api/v1/auth/password",
                Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", "a brand new passphrase")).status()).isEqualTo(403);
    }

    @Test
    void a_password_change_revokes_every_api_token_of_the_account() {
        String username = fixtures.staffMember(EnumSet.of(Role.VIEWER));
        Api session = fixtures.signInAs(username);
        Api token = as(session.post("/api/v1/auth/tokens", Map.of("name", "Script")).body().get("token"));
        assertThat(token.get("/api/v1/auth/me").status()).isEqualTo(200);

        assertThat(session.put("/api/v1/auth/password",
                Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", "a brand new passphrase")).status()).isEqualTo(204);

        assertThat(token.get("/api/v1/auth/me").status()).isEqualTo(401);
        assertThat(session.get("/api/v1/auth/me").status()).as("the session that changed it continues").isEqualTo(200);
    }

    private Api as(Object bearer) {
        return clients.bearer((String) bearer);
    }
}
