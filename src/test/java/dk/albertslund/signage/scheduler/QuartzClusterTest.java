package dk.albertslund.signage.scheduler;

import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several servers on one database, as in production: each is an application context with
 * its HTTP server started, like the real server, and all share one PostgreSQL database.
 * Runs are counted through {@link RecordedJob}'s rows.
 */
class QuartzClusterTest implements PostgresTest {

    private static final Logger LOG = LoggerFactory.getLogger(QuartzClusterTest.class);

    @TempDir
    Path directory;

    @Test
    void a_run_taken_on_by_a_server_that_then_stops_fires_on_the_server_started_after_it() throws Exception {
        // Servers claim a run up to idleWaitTime (30 s as shipped) before it is due, so the
        // server claims this one at once and stops well before it is due.
        Map<String, Object> database = sharedDatabase("");
        Instant due;
        String stoppingServer;
        List<Map<String, Object>> heldWhenStopping;

        try (ApplicationContext stopping = Servers.start(database)) {
            stoppingServer = instanceId(stopping);
            due = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.MILLIS);
            stopping.getBean(ScheduledJobs.class).fireAt(RecordedJob.class, "after-restart", due, Map.of());
            // the hard case: the server has claimed the run for itself when it stops
            heldWhenStopping = waitFor(stopping, "SELECT trigger_name, instance_name FROM qrtz_fired_triggers WHERE state = 'ACQUIRED'",
                    rows -> !rows.isEmpty(), Duration.ofSeconds(5));
        }
        List<Map<String, Object>> fired;
        String restarted;
        try (ApplicationContext started = Servers.start(database)) {
            restarted = instanceId(started);
            fired = waitFor(started, "SELECT trigger_name, scheduled_at, server, fired_at FROM recorded_firing",
                    rows -> !rows.isEmpty(), Duration.ofSeconds(40));
        }
        LOG.info("The run due at {} fired at {}", due, fired.isEmpty() ? "never" : fired.get(0).get("fired_at"));

        assertThat(heldWhenStopping).containsExactly(Map.of("trigger_name", "after-restart", "instance_name", stoppingServer));
        assertThat(fired).hasSize(1);
        assertThat(fired.get(0)).containsEntry("trigger_name", "after-restart").containsEntry("server", restarted)
                .containsEntry("scheduled_at", Timestamp.from(due));
    }

    @Test
    void a_server_that_stops_cleanly_leaves_no_member_behind_for_the_next_to_recover() throws Exception {
        Map<String, Object> database = sharedDatabase("");
        String stopped;
        try (ApplicationContext server = Servers.start(database)) {
            stopped = instanceId(server);
            waitFor(server, "SELECT instance_name FROM qrtz_scheduler_state", rows -> !rows.isEmpty(), Duration.ofSeconds(5));
        }

        try (Connection connection = connect(database);
             java.sql.PreparedStatement members = connection.prepareStatement(
                     "SELECT count(*) FROM qrtz_scheduler_state WHERE instance_name = ?")) {
            members.setString(1, stopped);
            try (java.sql.ResultSet count = members.executeQuery()) {
                count.next();
                assertThat(count.getInt(1)).as("the stopped server's check-in row").isZero();
            }
        }
    }

    @Test
    void two_servers_on_one_database_fire_each_run_exactly_once_and_share_the_work() throws Exception {
        // A server that found nothing to do looks again after idleWaitTime: one second here,
        // so that the second server joins in at once rather than after thirty.
        Map<String, Object> database = sharedDatabase("org.quartz.scheduler.idleWaitTime=1000");
        int triggers = 4;
        int runsEach = 15;

        List<Map<String, Object>> counted;
        List<Map<String, Object>> split;
        try (ApplicationContext one = Servers.start(database); ApplicationContext two = Servers.start(database)) {
            Scheduler scheduler = scheduler(one);
            Instant start = Instant.now().plusSeconds(1);
            for (int i = 0; i < triggers; i++) {
                scheduler.scheduleJob(TriggerBuilder.newTrigger()
                        .withIdentity("rhythm-" + i, "cluster-test")
                        .forJob(RecordedJob.NAME, ScheduledJobs.GROUP)
                        .startAt(Date.from(start.plusMillis(50L * i)))
                        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(200).withRepeatCount(runsEach - 1))
                        .build());
            }
            waitFor(one, "SELECT count(*) AS n FROM recorded_firing WHERE trigger_name LIKE 'rhythm-%'",
                    rows -> (Long) rows.get(0).get("n") >= triggers * runsEach, Duration.ofSeconds(40));
            waitFor(one, "SELECT trigger_name FROM qrtz_triggers WHERE trigger_group = 'cluster-test'", List::isEmpty, Duration.ofSeconds(10));
            // a run fired twice would be written just after the other; give it the time
            Thread.sleep(500);
            Fixtures fixtures = one.getBean(Fixtures.class);
            counted = fixtures.rows("SELECT count(*) AS firings, count(DISTINCT (trigger_name, scheduled_at)) AS runs FROM recorded_firing");
            split = fixtures.rows("SELECT server, count(*) AS n FROM recorded_firing GROUP BY server ORDER BY server");
        }

        assertThat(counted).containsExactly(Map.of("firings", 60L, "runs", 60L));
        assertThat(split).hasSize(2).allSatisfy(row -> assertThat((Long) row.get("n")).isPositive());
        LOG.info("Two servers fired 60 runs: {}", split);
    }

    @Test
    void a_server_started_with_a_changed_schedule_replaces_the_stored_trigger() throws Exception {
        Map<String, Object> database = sharedDatabase("");
        database.put("signage.jobs.retention.schedule", "0 30 3 * * ?");
        Map<String, Object> changed = new HashMap<>(database);
        changed.put("signage.jobs.retention.schedule", "0 15 2 * * ?");

        try (ApplicationContext before = Servers.start(database)) {
            assertThat(((CronTrigger) scheduler(before).getTrigger(new TriggerKey("retention", ScheduledJobs.GROUP))).getCronExpression())
                    .isEqualTo("0 30 3 * * ?");
        }
        try (ApplicationContext after = Servers.start(changed)) {
            assertThat(after.getBean(Fixtures.class).rows("SELECT trigger_name, cron_expression, time_zone_id FROM qrtz_cron_triggers"))
                    .containsExactly(Map.of("trigger_name", "retention", "cron_expression", "0 15 2 * * ?", "time_zone_id", "Europe/Copenhagen"));
        }
    }

    /**
     * Properties of a new database for several servers, with the table the recorded job
     * writes to. Servers check in every second instead of every ten, so a stopped server's
     * claimed runs are taken over in seconds (a server counts as gone 7.5 s after it missed
     * a check-in).
     */
    private Map<String, Object> sharedDatabase(String moreQuartzSettings) throws IOException, SQLException {
        Map<String, Object> properties = new HashMap<>(getProperties());
        String shipped;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("quartz.properties")) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path file = directory.resolve("quartz.properties");
        Files.writeString(file, shipped.replace("clusterCheckinInterval=10000", "clusterCheckinInterval=1000")
                + "\n" + moreQuartzSettings + "\n");
        properties.put("signage.scheduler.quartz-properties", file.toString());
        try (Connection connection = connect(properties)) {
            RecordedJob.createTable(connection);
        }
        return properties;
    }

    private static Scheduler scheduler(ApplicationContext context) {
        return context.getBean(QuartzScheduler.class).scheduler();
    }

    private static String instanceId(ApplicationContext context) throws SchedulerException {
        return scheduler(context).getSchedulerInstanceId();
    }

    private static Connection connect(Map<String, Object> properties) throws SQLException {
        return DriverManager.getConnection((String) properties.get("datasources.default.url"),
                (String) properties.get("datasources.default.username"), (String) properties.get("datasources.default.password"));
    }

    private static List<Map<String, Object>> waitFor(ApplicationContext server, String sql,
                                                     Predicate<List<Map<String, Object>>> done, Duration limit) throws InterruptedException {
        Fixtures fixtures = server.getBean(Fixtures.class);
        Instant deadline = Instant.now().plus(limit);
        List<Map<String, Object>> rows = fixtures.rows(sql);
        while (!done.test(rows) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            rows = fixtures.rows(sql);
        }
        return rows;
    }
}
