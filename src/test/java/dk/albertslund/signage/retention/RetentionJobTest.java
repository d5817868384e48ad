package dk.albertslund.signage.retention;

import dk.albertslund.signage.scheduler.JobRuns;
import dk.albertslund.signage.scheduler.QuartzScheduler;
import dk.albertslund.signage.scheduler.Servers;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.quartz.JobKey;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;

import static dk.albertslund.signage.scheduler.JobRuns.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The nightly job on records that ended days or months ago, as a long-running server has them. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionJobTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    QuartzScheduler quartz;
    @Inject
    DataSource dataSource;

    /** Writes rows as they would be after months of use. */
    private void execute(String sql) throws SQLException {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    @Test
    void the_job_deletes_the_records_past_their_retention_and_keeps_the_rest() throws Exception {
        String owner = fixtures.staffMember(EnumSet.of(Role.VIEWER));
        long ownerId = (Long) fixtures.rows("SELECT id FROM staff_user WHERE username = ?", owner).get(0).get("id");
        execute("""
                INSERT INTO api_token (staff_user_id, name, token_hash, created_at, expires_at, revoked_at) VALUES
                  (%1$d, 'revoked 100 days ago', 'h1', now() - interval '200 days', NULL, now() - interval '100 days'),
                  (%1$d, 'expired 91 days ago', 'h2', now() - interval '200 days', now() - interval '91 days', NULL),
                  (%1$d, 'revoked 10 days ago', 'h3', now() - interval '200 days', NULL, now() - interval '10 days'),
                  (%1$d, 'expired 89 days ago', 'h4', now() - interval '200 days', now() - interval '89 days', NULL),
                  (%1$d, 'in use since last year', 'h5', now() - interval '400 days', NULL, NULL)""".formatted(ownerId));
        execute("""
                INSERT INTO setup_token (token_hash, purpose, created_at, expires_at, used_at) VALUES
                  ('used 40 days ago', 'invite', now() - interval '41 days', now() - interval '40 days', now() - interval '40 days' - interval '1 minute'),
                  ('expired unused 31 days ago', 'invite', now() - interval '32 days', now() - interval '31 days', NULL),
                  ('used 5 days ago', 'invite', now() - interval '6 days', now() - interval '5 days', now() - interval '5 days' - interval '1 minute'),
                  ('expired unused 29 days ago', 'invite', now() - interval '30 days', now() - interval '29 days', NULL)""");
        JobRuns runs = JobRuns.of(quartz, "retention");

        quartz.scheduler().triggerJob(new JobKey("retention", "signage"));
        waitUntil(() -> runs.finished() == 1);

        assertThat(fixtures.rows("SELECT name FROM api_token ORDER BY name")).containsExactly(
                Map.of("name", "expired 89 days ago"), Map.of("name", "in use since last year"), Map.of("name", "revoked 10 days ago"));
        assertThat(fixtures.rows("SELECT token_hash FROM setup_token WHERE purpose = 'invite' ORDER BY token_hash")).containsExactly(
                Map.of("token_hash", "expired unused 29 days ago"), Map.of("token_hash", "used 5 days ago"));
    }

    @Test
    void a_retention_period_that_cannot_be_read_stops_the_server_with_the_setting_named() {
        Map<String, Object> properties = new HashMap<>(getProperties());
        properties.put("signage.retention.api-tokens", "90 days");

        assertThatThrownBy(() -> Servers.start(properties).close()).hasStackTraceContaining("The retention settings are refused:\n"
                + "  - signage.retention.api-tokens must be a period longer than zero, like P30D (is '90 days')");
    }
}
