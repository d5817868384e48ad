package dk.albertslund.signage.scheduler;

import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.JobKey;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerKey;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobScheduleTest {

    private static final ZoneId CAMPUS = ZoneId.of("Europe/Copenhagen");
    private static final Instant NOW = Instant.parse("2026-03-28T12:00:00Z");
    private static final TriggerKey KEY = new TriggerKey("nightly", "signage");
    private static final JobKey JOB = new JobKey("nightly", "signage");

    private static Trigger trigger(String setting, Misfire misfire) {
        return JobSchedule.parse(setting).trigger(KEY, JOB, misfire, CAMPUS, NOW).orElseThrow();
    }

    @Test
    void an_interval_repeats_for_ever_from_one_interval_after_registration() {
        SimpleTrigger every = (SimpleTrigger) trigger("PT1M", Misfire.RUN_ONCE_NOW);

        assertThat(every.getRepeatInterval()).isEqualTo(60_000);
        assertThat(every.getRepeatCount()).isEqualTo(SimpleTrigger.REPEAT_INDEFINITELY);
        assertThat(every.getStartTime()).isEqualTo(Date.from(NOW.plus(Duration.ofMinutes(1))));
        assertThat(every.getMisfireInstruction()).isEqualTo(SimpleTrigger.MISFIRE_INSTRUCTION_RESCHEDULE_NOW_WITH_EXISTING_REPEAT_COUNT);
        assertThat(((SimpleTrigger) trigger("PT1M", Misfire.SKIP)).getMisfireInstruction())
                .isEqualTo(SimpleTrigger.MISFIRE_INSTRUCTION_RESCHEDULE_NEXT_WITH_REMAINING_COUNT);
    }

    @Test
    void a_cron_expression_runs_in_campus_time_across_the_spring_forward_night() {
        CronTrigger nightly = (CronTrigger) trigger("0 30 3 * * ?", Misfire.SKIP);

        Date first = nightly.getFireTimeAfter(Date.from(NOW));
        Date second = nightly.getFireTimeAfter(first);

        assertThat(nightly.getTimeZone().getID()).isEqualTo("Europe/Copenhagen");
        assertThat(nightly.getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING);
        assertThat(first.toInstant()).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(second.toInstant()).isEqualTo(Instant.parse("2026-03-30T01:30:00Z"));
        assertThat(((CronTrigger) trigger("0 30 3 * * ?", Misfire.RUN_ONCE_NOW)).getMisfireInstruction())
                .isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW);
    }

    @Test
    void off_and_the_boolean_yaml_makes_of_it_mean_no_trigger_of_its_own() {
        assertThat(JobSchedule.parse("off").trigger(KEY, JOB, Misfire.SKIP, CAMPUS, NOW)).isEmpty();
        assertThat(JobSchedule.parse(" OFF ")).isEqualTo(new JobSchedule.Off());
        assertThat(JobSchedule.parse("false")).isEqualTo(new JobSchedule.Off());
    }

    @Test
    void a_setting_that_is_neither_says_what_is_wrong() {
        assertThatThrownBy(() -> JobSchedule.parse("PT0S")).hasMessage("an interval must be longer than zero");
        assertThatThrownBy(() -> JobSchedule.parse("P1 minute")).hasMessage("not an ISO-8601 duration");
        assertThatThrownBy(() -> JobSchedule.parse("every night")).hasMessageStartingWith("not a Quartz cron expression: ");
    }

    @Test
    void the_description_tells_apart_what_fires_differently() {
        assertThat(JobSchedule.describe(trigger("PT1M", Misfire.SKIP))).isEqualTo(JobSchedule.describe(trigger("PT60S", Misfire.SKIP)));
        assertThat(JobSchedule.describe(trigger("PT1M", Misfire.SKIP))).isNotEqualTo(JobSchedule.describe(trigger("PT1M", Misfire.RUN_ONCE_NOW)));
        assertThat(JobSchedule.describe(trigger("0 30 3 * * ?", Misfire.SKIP)))
                .isEqualTo("cron 0 30 3 * * ? in Europe/Copenhagen, misfire 2")
                .isNotEqualTo(JobSchedule.describe(JobSchedule.parse("0 30 3 * * ?")
                        .trigger(KEY, JOB, Misfire.SKIP, ZoneId.of("UTC"), NOW).orElseThrow()));
        assertThat(JobSchedule.describe(null)).isEqualTo("off");
    }
}
