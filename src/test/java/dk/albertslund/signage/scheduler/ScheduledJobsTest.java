package dk.albertslund.signage.scheduler;

import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.quartz.CronTrigger;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScheduledJobsTest implements PostgresTest {

    @Inject
    ScheduledJobs jobs;
    @Inject
    QuartzScheduler quartz;
    @Inject
    Fixtures fixtures;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("signage.jobs.retention.schedule", "0 30 3 * * ?");
    }

    private static final TriggerKey RETENTION = new TriggerKey("retention", ScheduledJobs.GROUP);

    @Test
    void every_job_is_stored_with_the_schedule_and_misfire_rule_it_declares_or_is_set_to() {
        List<Map<String, Object>> jobRows = fixtures.rows(
                "SELECT job_name, job_class_name, is_durable, requests_recovery FROM qrtz_job_details WHERE job_group = 'signage' ORDER BY job_name");
        List<Map<String, Object>> triggerRows = fixtures.rows("""
                SELECT t.trigger_name, t.job_name, t.misfire_instr, c.cron_expression, c.time_zone_id
                FROM qrtz_triggers t JOIN qrtz_cron_triggers c USING (sched_name, trigger_name, trigger_group)
                WHERE t.trigger_group = 'signage'""");

        assertThat(jobRows).containsExactly(
                Map.of("job_name", "departures-realtime", "job_class_name", "dk.albertslund.signage.departures.DepartureJobs$RealtimeJob",
                        "is_durable", true, "requests_recovery", true),
                Map.of("job_name", "departures-timetable", "job_class_name", "dk.albertslund.signage.departures.DepartureJobs$TimetableJob",
                        "is_durable", true, "requests_recovery", true),
                Map.of("job_name", "feed-import", "job_class_name", "dk.albertslund.signage.feed.FeedImportJob",
                        "is_durable", true, "requests_recovery", true),
                Map.of("job_name", "media-integrity", "job_class_name", "dk.albertslund.signage.media.MediaIntegrityJob",
                        "is_durable", true, "requests_recovery", true),
                Map.of("job_name", "publication", "job_class_name", "dk.albertslund.signage.announcement.PublicationJob",
                        "is_durable", true, "requests_recovery", true),
                Map.of("job_name", "recorded-firing", "job_class_name", RecordedJob.class.getName(),
                        "is_durable", true, "requests_recovery", true),
                Map.of("job_name", "retention", "job_class_name", "dk.albertslund.signage.retention.RetentionJob",
                        "is_durable", true, "requests_recovery", true),
                Map.of("job_name", "schedule-change", "job_class_name", "dk.albertslund.signage.schedule.ScheduleChangeJob",
                        "is_durable", true, "requests_recovery", true),
                Map.of("job_name", "screens-offline", "job_class_name", "dk.albertslund.signage.kiosk.MarkScreensOfflineJob",
                        "is_durable", true, "requests_recovery", true));
        // publication and media-integrity are off in the tests' settings; retention is set to 03:30 here and skips missed nights
        assertThat(triggerRows).containsExactly(Map.of("trigger_name", "retention", "job_name", "retention",
                "misfire_instr", CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING, "cron_expression", "0 30 3 * * ?",
                "time_zone_id", "Europe/Copenhagen"));
    }

    @Test
    void registering_again_keeps_the_stored_trigger_and_its_next_run() throws Exception {
        Trigger before = quartz.scheduler().getTrigger(RETENTION);

        jobs.register();

        Trigger after = quartz.scheduler().getTrigger(RETENTION);
        assertThat(after.getStartTime()).isEqualTo(before.getStartTime());
        assertThat(after.getNextFireTime()).isEqualTo(before.getNextFireTime());
    }

    @Test
    void servers_registering_at_the_same_moment_all_succeed_and_store_each_job_once() throws Exception {
        Scheduler scheduler = quartz.scheduler();
        scheduler.deleteJobs(List.of(new JobKey("retention", ScheduledJobs.GROUP), new JobKey("publication", ScheduledJobs.GROUP)));
        int servers = 4;
        CountDownLatch ready = new CountDownLatch(servers);
        List<Callable<Void>> starts = new ArrayList<>();
        for (int i = 0; i < servers; i++) {
            starts.add(() -> {
                ready.countDown();
                ready.await();
                jobs.register();
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(servers);
        try {
            for (Future<Void> start : pool.invokeAll(starts)) {
                start.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(fixtures.rows("SELECT job_name, count(*) AS n FROM qrtz_job_details WHERE job_name IN ('retention', 'publication') GROUP BY job_name ORDER BY job_name"))
                .containsExactly(Map.of("job_name", "publication", "n", 1L), Map.of("job_name", "retention", "n", 1L));
        assertThat(fixtures.rows("SELECT trigger_name FROM qrtz_triggers WHERE job_name = 'retention'"))
                .containsExactly(Map.of("trigger_name", "retention"));
    }

    @Test
    void a_run_set_again_under_the_same_name_moves_instead_of_adding_one_and_can_be_withdrawn() {
        Instant first = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        Instant moved = first.plus(1, ChronoUnit.HOURS);
        String sql = "SELECT trigger_name, to_timestamp(next_fire_time / 1000.0) AS due FROM qrtz_triggers WHERE trigger_group = ?";

        jobs.fireAt(RecordedJob.class, "screen-7", first, Map.of("screen", "station-north"));
        jobs.fireAt(RecordedJob.class, "screen-7", moved, Map.of("screen", "station-north"));
        List<Map<String, Object>> waiting = fixtures.rows(sql, RecordedJob.NAME);
        boolean withdrawn = jobs.cancel(RecordedJob.class, "screen-7");
        boolean withdrawnAgain = jobs.cancel(RecordedJob.class, "screen-7");

        assertThat(waiting).containsExactly(Map.of("trigger_name", "screen-7", "due", Timestamp.from(moved)));
        assertThat(withdrawn).isTrue();
        assertThat(withdrawnAgain).isFalse();
        assertThat(fixtures.rows(sql, RecordedJob.NAME)).isEmpty();
    }

    @Test
    void a_schedule_setting_that_cannot_be_read_stops_the_server_with_the_setting_named() {
        Map<String, Object> properties = new HashMap<>(getProperties());
        properties.put("signage.jobs.retention.schedule", "every night at three");

        assertThatThrownBy(() -> Servers.start(properties).close()).hasStackTraceContaining("The job schedules are refused:\n  - signage.jobs.retention.schedule must be an ISO-8601 interval "
                + "like PT1M, a Quartz cron expression like '0 30 3 * * ?' or off (is 'every night at three': not a Quartz cron expression: ");
    }
}
