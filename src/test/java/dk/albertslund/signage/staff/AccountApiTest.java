package dk.albertslund.signage.staff;

import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The signed-in person's own account: who am I, and changing my password. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountApiTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    StaffClients clients;

    @Test
    void me_shows_username_display_name_roles_and_institution_slugs() {
        Api admin = fixtures.signedIn(Role.ADMIN);
        String slug = fixtures.unique("forbraendingen");
        long id = ((Number) admin.post("/api/v1/institutions", Map.of("slug", slug, "name", "Forbrændingen")).body().get("id")).longValue();
        String username = fixtures.staffMember(EnumSet.of(Role.EDITOR, Role.APPROVER), id);

        Api.Response me = fixtures.signInAs(username).get("/api/v1/auth/me");

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body()).isEqualTo(Map.of("username", username, "displayName", "Test " + username,
                "roles", List.of("approver", "editor"), "institutions", List.of(slug)));
    }

    @Test
    void me_without_a_token_is_401() {
        assertThat(fixtures.anonymous().get("/api/v1/auth/me").status()).isEqualTo(401);
    }

    @Test
    void a_wrong_current_password_and_a_weak_new_one_are_both_named() {
        Api me = fixtures.signedIn(Role.VIEWER);

        Api.Response response = me.put("/api/v1/auth/password", Map.of("currentPassword", "not my password", "newPassword", "short"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("currentPassword", "newPassword");
        assertThat(response.text()).contains("is not your current password", "must be at least 10 characters long");
    }

    @Test
    void a_weak_new_password_is_refused_even_with_the_right_current_one() {
        Api.Response response = fixtures.signedIn(Role.VIEWER).put("/api/v1/auth/password",
                Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", "2short"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("newPassword");
    }

    @Test
    void a_changed_password_replaces_the_old_one_and_is_audited_without_any_hash() {
        String username = fixtures.staffMember(EnumSet.of(Role.VIEWER));

        Api.Response changed = fixtures.signInAs(username).put("/api/v1/auth/password",
                Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", "my brand new passphrase"));

        assertThat(changed.status()).isEqualTo(204);
        assertThat(fixtures.anonymous().post("/api/v1/auth/login", Map.of("username", username, "password", Fixtures.PASSWORD)).status())
                .isEqualTo(401);
        assertThat(clients.signIn(username, "my brand new passphrase").get("/api/v1/auth/me").status()).isEqualTo(200);
        Map<String, Object> expected = new HashMap<>(Map.of("actor", username, "action", "change-password"));
        expected.put("before_json", null);
        expected.put("after_json", null);
        assertThat(fixtures.rows("""
                SELECT a.actor, a.action, a.before_json::text AS before_json, a.after_json::text AS after_json
                FROM audit_log a JOIN staff_user u ON u.id = a.entity_id
                WHERE a.entity_type = 'staff_user' AND u.username = ? AND a.action = 'change-password'""", username))
                .containsExactly(expected);
    }
}
