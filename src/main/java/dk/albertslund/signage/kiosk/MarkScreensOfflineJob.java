package dk.albertslund.signage.kiosk;

import jakarta.inject.Singleton;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

import java.time.Clock;

/**
 * The sweep that marks screens offline once their heartbeats have stopped, meant to run
 * every minute on the clustered scheduler. Marking is idempotent, so a late, missed or
 * doubled run changes nothing that one run would not.
 */
@Singleton
@DisallowConcurrentExecution
public class MarkScreensOfflineJob implements Job {

    private final HeartbeatService heartbeats;
    private final Clock clock;

    MarkScreensOfflineJob(HeartbeatService heartbeats, Clock clock) {
        this.heartbeats = heartbeats;
        this.clock = clock;
    }

    @Override
    public void execute(JobExecutionContext context) {
        heartbeats.markOfflineScreens(clock.instant());
    }
}
