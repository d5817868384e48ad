package dk.albertslund.signage.schedule;

import dk.albertslund.signage.scheduler.Misfire;
import dk.albertslund.signage.scheduler.ScheduledJob;
import jakarta.inject.Singleton;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;

import java.time.Instant;

/**
 * Runs at the next instant a screen's programme changes (set by {@link ScheduleChanges},
 * never by the clock on its own), so kiosks switch on time on every server.
 *
 * <p>Missed runs: {@link Misfire#RUN_ONCE_NOW}. A change that happened while no server
 * was running still has to reach the screens, and one late run does it (the manifests
 * are rebuilt from the present, not replayed).
 */
@Singleton
@DisallowConcurrentExecution
class ScheduleChangeJob implements ScheduledJob {

    private final ScheduleChanges changes;

    ScheduleChangeJob(ScheduleChanges changes) {
        this.changes = changes;
    }

    @Override
    public Declaration declaration() {
        return new Declaration("schedule-change", "off", Misfire.RUN_ONCE_NOW);
    }

    @Override
    public void execute(JobExecutionContext context) {
        changes.changed(Instant.parse(context.getMergedJobDataMap().getString("at")));
    }
}
