package dk.albertslund.signage.staff;

import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An unattended install: SIGNAGE_ADMIN_PASSWORD (signage.admin.password) creates the first admin at start. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FirstAdminFromEnvironmentTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    StaffClients clients;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("signage.admin.password", "an unattended admin password", "signage.admin.username", "it-drift");
    }

    @Test
    void the_admin_exists_after_start_and_no_setup_link_was_made() {
        var me = clients.signIn("it-drift", "an unattended admin password").get("/api/v1/auth/me");

        assertThat(me.body()).containsEntry("username", "it-drift").containsEntry("displayName", "Administrator")
                .containsEntry("roles", List.of("admin"));
        assertThat(fixtures.rows("SELECT count(*) AS n FROM setup_token")).containsExactly(Map.of("n", 0L));
    }
}
