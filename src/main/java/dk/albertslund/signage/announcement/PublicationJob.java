package dk.albertslund.signage.announcement;

import dk.albertslund.signage.scheduler.Misfire;
import dk.albertslund.signage.scheduler.ScheduledJob;
import jakarta.inject.Singleton;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Every minute, archives the approved announcements whose publish window has ended, so
 * staff lists show what is really still running. (Screens never depend on it: they check
 * each announcement's window themselves.)
 *
 * <p>Missed runs: {@link Misfire#RUN_ONCE_NOW}. One run archives everything that ended
 * before it, however long the servers were down, so a single catch-up run as soon as a
 * server is back is both enough and cheap.
 */
@Singleton
@DisallowConcurrentExecution
class PublicationJob implements ScheduledJob {

    private static final Logger LOG = LoggerFactory.getLogger(PublicationJob.class);

    private final AnnouncementService announcements;
    private final Clock clock;

    PublicationJob(AnnouncementService announcements, Clock clock) {
        this.announcements = announcements;
        this.clock = clock;
    }

    @Override
    public Declaration declaration() {
        return new Declaration("publication", "PT1M", Misfire.RUN_ONCE_NOW);
    }

    @Override
    public void execute(JobExecutionContext context) {
        int archived = announcements.archiveExpired(clock.instant());
        if (archived > 0) {
            LOG.info("Archived {} announcement(s) whose publish window ended", archived);
        }
    }
}
