package dk.albertslund.signage.web;

import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operator reaches without signing in: health, metrics, the API description. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsEndpointsTest implements PostgresTest {

    @Inject
    Fixtures fixtures;

    @Test
    @SuppressWarnings("unchecked")
    void health_reports_the_database_up() {
        // details are for staff (HealthExposureTest shows what the anonymous see)
        Api.Response health = fixtures.signedIn(Role.ADMIN).get("/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).containsEntry("status", "UP");
        Map<String, Object> database = (Map<String, Object>) ((Map<String, Object>) health.body().get("details")).get("database");
        assertThat(database).containsEntry("status", "UP");
    }

    @Test
    void prometheus_exposes_request_and_connection_pool_metrics() {
        fixtures.anonymous().get("/health");

        Api.Response metrics = fixtures.signedIn(Role.ADMIN).get("/prometheus");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text()).contains("http_server_requests_seconds_count{").contains("hikaricp_connections_active{");
    }

    @Test
    void the_openapi_document_describes_the_staff_api_and_swagger_ui_is_served_from_the_jar() {
        Api.Response document = fixtures.anonymous().get("/swagger/campus-signage-api.yml");
        Api.Response ui = fixtures.anonymous().get("/swagger-ui/index.html");
        Api.Response script = fixtures.anonymous().get("/swagger-ui/res/swagger-ui-bundle.js");

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.text()).contains("title: Campus Signage API").contains("/api/v1/institutions/{slug}:").contains("/api/v1/auth/login:");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(script.status()).isEqualTo(200);
    }

    @Test
    void the_api_document_lists_the_api_and_the_public_feeds_not_the_staff_pages() {
        String document = fixtures.anonymous().get("/swagger/campus-signage-api.yml").text();

        java.util.List<String> paths = document.lines().filter(line -> line.matches("^  /\\S*:$")).map(String::strip).toList();
        assertThat(paths).contains("/api/v1/emergencies:", "/api/v1/emergencies/{slug}:")
                .allSatisfy(path -> assertThat(path).matches("/(api/v1|feeds)/.*"));
    }

    @Test
    void an_unknown_path_is_a_problem_body_not_a_stack_trace() {
        Api.Response response = fixtures.anonymous().get("/api/v1/nothing-here");

        assertThat(response.status()).isIn(401, 404);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.text()).doesNotContain("Exception").doesNotContain("at io.micronaut");
    }
}
