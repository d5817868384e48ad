package dk.albertslund.signage.schedule;

import dk.albertslund.signage.scheduler.JobRuns;
import dk.albertslund.signage.scheduler.ScheduledJobs;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScheduleChangesTest implements PostgresTest {

    private static final ZoneId CAMPUS = ZoneId.of("Europe/Copenhagen");

    @Inject
    ScheduleChanges changes;
    @Inject
    ScheduledJobs jobs;
    @Inject
    dk.albertslund.signage.scheduler.QuartzScheduler quartz;
    @Inject
    Fixtures fixtures;
    @Inject
    Heard heard;

    /** What this server was told about screens moving on. */
    @Singleton
    @Requires(env = "test")
    static class Heard implements ApplicationEventListener<ScreensChanged> {
        final List<ScreensChanged> events = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(ScreensChanged event) {
            events.add(event);
        }
    }

    /** A screen with one entry that first opens tomorrow 07:00 campus time; returns that instant. */
    private Instant screenOpeningTomorrowMorning(String screen) {
        Api admin = fixtures.signedIn(Role.ADMIN);
        String playlist = fixtures.unique("morgen");
        LocalDate tomorrow = LocalDate.now(CAMPUS).plusDays(1);
        assertThat(admin.post("/api/v1/playlists", Map.of("slug", playlist, "name", "Morgen",
                "rule", Map.of("categories", List.of("education")))).status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/screens", Map.of("slug", screen, "name", "Stationshallen", "orientation", "landscape",
                "layout", "full", "languages", List.of("da"))).status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/schedule-entries", Map.of("slug", fixtures.unique("entry"), "playlist", playlist,
                "targetKind", "screen", "target", screen, "startDate", tomorrow.toString(),
                "startTime", "07:00", "endTime", "10:00")).status()).isEqualTo(201);
        return tomorrow.atTime(LocalTime.of(7, 0)).atZone(CAMPUS).toInstant();
    }

    @Test
    void the_cluster_run_is_set_at_the_next_instant_a_screen_changes() {
        Instant opens = screenOpeningTomorrowMorning(fixtures.unique("station-hal"));

        Instant next = changes.reschedule();

        assertThat(next).isEqualTo(opens);
        List<Map<String, Object>> trigger = fixtures.rows(
                "SELECT next_fire_time FROM qrtz_triggers WHERE trigger_name = ? AND trigger_group = ?", "next", "schedule-change");
        assertThat(trigger).singleElement().satisfies(row -> assertThat(row.get("next_fire_time")).isEqualTo(opens.toEpochMilli()));
    }

    @Test
    void when_the_run_fires_the_screens_that_moved_on_are_announced_and_a_repeat_changes_nothing_more() throws Exception {
        String screen = fixtures.unique("bibliotek");
        Instant opens = screenOpeningTomorrowMorning(screen);
        JobRuns runs = JobRuns.of(quartz, "schedule-change");
        heard.events.clear();

        jobs.fireAt(ScheduleChangeJob.class, ScheduleChanges.TRIGGER, Instant.now(), Map.of("at", opens.toString()));
        JobRuns.waitUntil(() -> runs.finished() >= 1);
        Set<String> again = changes.changed(opens);

        assertThat(heard.events).extracting(ScreensChanged::at).contains(opens);
        assertThat(heard.events.get(0).screens()).contains(screen);
        assertThat(again).contains(screen);
        assertThat(changes.changed(opens.minusSeconds(3600))).doesNotContain(screen);
    }
}
