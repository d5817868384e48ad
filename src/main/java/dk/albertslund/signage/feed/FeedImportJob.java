package dk.albertslund.signage.feed;

import dk.albertslund.signage.scheduler.Misfire;
import dk.albertslund.signage.scheduler.ScheduledJob;
import jakarta.inject.Singleton;
import org.quartz.JobExecutionContext;

import java.time.Clock;

/**
 * Imports one feed (its id in the trigger's data); each feed has its own repeating trigger,
 * set by {@link FeedJobs}, so the cluster imports it once per interval.
 *
 * <p>Missed runs: {@link Misfire#RUN_ONCE_NOW}. A feed that was not imported while no server
 * ran is one import behind; one late import catches up with everything.
 */
@Singleton
class FeedImportJob implements ScheduledJob {

    static final String NAME = "feed-import";

    private final FeedImporter importer;
    private final Clock clock;

    FeedImportJob(FeedImporter importer, Clock clock) {
        this.importer = importer;
        this.clock = clock;
    }

    @Override
    public Declaration declaration() {
        return new Declaration(NAME, "off", Misfire.RUN_ONCE_NOW);
    }

    @Override
    public void execute(JobExecutionContext context) {
        try {
            importer.run(Long.parseLong(context.getMergedJobDataMap().getString("feed")), clock.instant());
        } catch (dk.albertslund.signage.core.ProblemException alreadyRunning) {
            // another server is importing this feed right now; its import counts
        }
    }
}
