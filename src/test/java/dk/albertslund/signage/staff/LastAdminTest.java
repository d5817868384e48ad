package dk.albertslund.signage.staff;

import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LastAdminTest implements PostgresTest {

    private static final String LAST_ADMIN =
            "You are the last active administrator; make someone else an administrator before you demote or deactivate yourself.";

    @Inject
    Fixtures fixtures;

    /** Makes {@code admin} the only active admin, through the API, whatever other tests left behind. */
    private String onlyActiveAdmin(Api admin) {
        String me = (String) admin.get("/api/v1/auth/me").body().get("username");
        for (Map<String, Object> other : admin.get("/api/v1/staff?role=admin&active=true&size=200").items()) {
            if (!other.get("username").equals(me)) {
                assertThat(admin.put("/api/v1/staff/" + other.get("username"), Map.of("active", false)).status()).isEqualTo(200);
            }
        }
        return me;
    }

    @Test
    void the_last_active_admin_can_neither_demote_nor_deactivate_themselves() {
        Api admin = fixtures.signedIn(Role.ADMIN);
        String me = onlyActiveAdmin(admin);

        Api.Response demote = admin.put("/api/v1/staff/" + me, Map.of("roles", List.of("approver")));
        Api.Response deactivate = admin.put("/api/v1/staff/" + me, Map.of("active", false));

        assertThat(demote.status()).isEqualTo(409);
        assertThat(demote.body()).containsEntry("detail", LAST_ADMIN);
        assertThat(deactivate.status()).isEqualTo(409);
        assertThat(deactivate.body()).containsEntry("detail", LAST_ADMIN);
        assertThat(admin.get("/api/v1/staff/" + me).body()).containsEntry("roles", List.of("admin")).containsEntry("active", true);
    }

    @Test
    void an_admin_may_step_down_once_another_active_admin_remains() {
        Api admin = fixtures.signedIn(Role.ADMIN);
        String me = onlyActiveAdmin(admin);
        String successor = fixtures.unique("successor");
        admin.post("/api/v1/staff", Map.of("username", successor, "displayName", "Successor", "roles", List.of("admin")));

        Api.Response demote = admin.put("/api/v1/staff/" + me, Map.of("roles", List.of("approver")));

        assertThat(demote.status()).isEqualTo(200);
        assertThat(demote.body()).containsEntry("roles", List.of("approver"));
    }
}
