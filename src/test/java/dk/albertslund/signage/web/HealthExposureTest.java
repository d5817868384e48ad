package dk.albertslund.signage.web;

import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/** Anonymous monitoring sees up or down, nothing about the database or feeds; metrics need a sign-in. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthExposureTest implements PostgresTest {

    @Inject
    Fixtures fixtures;

    @Test
    void anonymous_health_says_only_up() {
        Api.Response health = fixtures.anonymous().get("/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).containsEntry("status", "UP").doesNotContainKey("details");
        assertThat(health.text()).doesNotContain("jdbc:").doesNotContain("PostgreSQL").doesNotContain("Exception");
    }

    @Test
    void an_admin_sees_the_health_details() {
        Api.Response health = fixtures.signedIn(Role.ADMIN).get("/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).containsKey("details");
    }

    @Test
    void prometheus_needs_a_signed_in_staff_member() {
        assertThat(fixtures.anonymous().get("/prometheus").status()).isEqualTo(401);

        Api.Response metrics = fixtures.signedIn(Role.ADMIN).get("/prometheus");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text()).contains("hikaricp_connections_active{");
    }
}
