package dk.albertslund.signage.scheduler;

import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import dk.albertslund.signage.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.TriggerBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuartzSchedulerTest implements PostgresTest {

    @Inject
    QuartzScheduler quartz;
    @Inject
    Fixtures fixtures;

    /** A job of the test: writes one audit row per firing, through an injected bean. */
    @Singleton
    @Requires(env = "test")
    static class MarkerJob implements Job {
        private final Marker marker;

        MarkerJob(Marker marker) {
            this.marker = marker;
        }

        @Override
        public void execute(JobExecutionContext context) {
            marker.mark(context.getMergedJobDataMap().getString("label"));
        }
    }

    @Singleton
    @Requires(env = "test")
    static class Marker {
        private final JdbcOperations jdbc;

        Marker(JdbcOperations jdbc) {
            this.jdbc = jdbc;
        }

        @Transactional
        void mark(String label) {
            jdbc.prepareStatement("INSERT INTO audit_log (actor, entity_type, action) VALUES ('scheduler-test', 'marker', ?)", s -> {
                s.setString(1, label);
                return s.executeUpdate();
            });
        }
    }

    @Test
    void a_job_created_as_a_bean_fires_and_its_effect_is_written() throws Exception {
        String label = fixtures.unique("fired");
        quartz.scheduler().scheduleJob(
                JobBuilder.newJob(MarkerJob.class).withIdentity(label).usingJobData("label", label).build(),
                TriggerBuilder.newTrigger().startNow().build());

        List<Map<String, Object>> rows = waitForRows("SELECT action FROM audit_log WHERE entity_type = 'marker' AND action = ?", label);

        assertThat(rows).extracting(r -> r.get("action")).containsExactly(label);
    }

    @Test
    @SuppressWarnings("unchecked")
    void health_shows_the_scheduler_running_as_a_cluster_member() {
        Api.Response health = fixtures.signedIn(Role.ADMIN).get("/health");

        Map<String, Object> scheduler = (Map<String, Object>) ((Map<String, Object>) health.body().get("details")).get("scheduler");
        assertThat(scheduler).containsEntry("status", "UP");
        Map<String, Object> details = (Map<String, Object>) scheduler.get("details");
        assertThat(details).containsEntry("clustered", true).containsEntry("started", true);
    }

    @Test
    void a_server_configured_with_an_unclustered_scheduler_refuses_to_start(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("quartz.properties");
        String shipped = new String(getClass().getClassLoader().getResourceAsStream("quartz.properties").readAllBytes());
        Files.writeString(file, shipped.replace("org.quartz.jobStore.isClustered=true", "org.quartz.jobStore.isClustered=false"));
        Map<String, Object> properties = new HashMap<>(TestDatabase.get().freshDatasource());
        properties.put("signage.scheduler.quartz-properties", file.toString());
        properties.put("micronaut.server.port", -1);
        properties.put("micronaut.security.token.jwt.signatures.secret.generator.secret", "test-secret-that-is-long-enough-for-hs256-signing");

        assertThatThrownBy(() -> {
            try (ApplicationContext context = ApplicationContext.run(properties, "test")) {
                context.getBean(EmbeddedServer.class).start();
                context.getBean(QuartzScheduler.class);
            }
        }).hasStackTraceContaining("The Quartz configuration is refused:")
                .hasStackTraceContaining("org.quartz.jobStore.isClustered must be true (is false)");
    }

    private List<Map<String, Object>> waitForRows(String sql, Object... parameters) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        List<Map<String, Object>> rows = fixtures.rows(sql, parameters);
        while (rows.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            rows = fixtures.rows(sql, parameters);
        }
        return rows;
    }
}
