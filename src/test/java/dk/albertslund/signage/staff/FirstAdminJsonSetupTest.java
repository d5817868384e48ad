package dk.albertslund.signage.staff;

import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import dk.albertslund.signage.core.Sha256;

/** The first administrator created by a script through the JSON API; the staff table stays empty until step 2. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstAdminJsonSetupTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    StaffClients clients;
    @Inject
    SetupLinks setupLinks;

    private String token;

    @Test
    @Order(1)
    void bad_input_names_every_wrong_field_and_leaves_the_link_usable() {
        token = StaffClients.tokenOf(setupLinks.createFirstAdminLink());

        Api.Response response = fixtures.anonymous().post("/api/v1/auth/setup",
                Map.of("token", token, "username", "-x", "password", "too short"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactlyInAnyOrder("username", "displayName", "password");
        assertThat(fixtures.rows("SELECT used_at FROM setup_token WHERE token_hash = ?", Sha256.hex(token)))
                .extracting(row -> row.get("used_at")).containsExactly((Object) null);
    }

    @Test
    @Order(2)
    void a_script_creates_the_first_admin_once() {
        Api.Response created = fixtures.anonymous().post("/api/v1/auth/setup", Map.of("token", token,
                "username", "Ops.Robot", "displayName", "Drift", "password", "a long first password"));
        Api.Response again = fixtures.anonymous().post("/api/v1/auth/setup", Map.of("token", token,
                "username", "second", "displayName", "Second", "password", "a long first password"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().get("Location")).isEqualTo("/api/v1/staff/ops.robot");
        assertThat(created.body()).containsEntry("username", "ops.robot").containsEntry("roles", List.of("admin"));
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.body()).containsEntry("detail",
                "This setup link has already been used or has expired. Ask an administrator for a new one.");
        assertThat(clients.signIn("ops.robot", "a long first password").get("/api/v1/auth/me").status()).isEqualTo(200);
    }
}
