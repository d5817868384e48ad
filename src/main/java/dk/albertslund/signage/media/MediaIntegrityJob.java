package dk.albertslund.signage.media;

import dk.albertslund.signage.scheduler.Misfire;
import dk.albertslund.signage.scheduler.ScheduledJob;
import jakarta.inject.Singleton;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;

/**
 * The check that every stored media file is there with its recorded SHA-256, nightly on
 * the clustered scheduler (after retention at 03:30) and once in the background when a
 * server starts or an administrator asks ({@link MediaCheckRequests}). One run at a time
 * in the whole cluster: the media folder is shared, so one server's check answers for all.
 *
 * <p>Missed runs: {@link Misfire#RUN_ONCE_NOW}. A night without a check is a night in
 * which a lost file goes unnoticed; one run catches up on any number of missed ones.
 */
@Singleton
@DisallowConcurrentExecution
public class MediaIntegrityJob implements ScheduledJob {

    private final MediaIntegrity integrity;

    MediaIntegrityJob(MediaIntegrity integrity) {
        this.integrity = integrity;
    }

    @Override
    public Declaration declaration() {
        return new Declaration("media-integrity", "0 0 4 * * ?", Misfire.RUN_ONCE_NOW);
    }

    @Override
    public void execute(JobExecutionContext context) {
        integrity.checkAll();
    }
}
