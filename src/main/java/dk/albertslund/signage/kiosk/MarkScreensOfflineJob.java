package dk.albertslund.signage.kiosk;

import jakarta.inject.Singleton;
import org.quartz.DisallowConcurrentExecution;
import dk.albertslund.signage.scheduler.Misfire;
import dk.albertslund.signage.scheduler.ScheduledJob;
import org.quartz.JobExecutionContext;

import java.time.Clock;

/**
 * The sweep that marks screens offline once their heartbeats have stopped, every minute
 * on the clustered scheduler. Marking is idempotent, so a late, missed or doubled run
 * changes nothing that one run would not.
 *
 * <p>Missed runs: {@link Misfire#SKIP}. The next minute's run marks everything that is
 * due by then, so catching up on missed minutes would only repeat it.
 */
@Singleton
@DisallowConcurrentExecution
public class MarkScreensOfflineJob implements ScheduledJob {

    private final HeartbeatService heartbeats;
    private final Clock clock;

    MarkScreensOfflineJob(HeartbeatService heartbeats, Clock clock) {
        this.heartbeats = heartbeats;
        this.clock = clock;
    }

    @Override
    public Declaration declaration() {
        return new Declaration("screens-offline", "PT1M", Misfire.SKIP);
    }

    @Override
    public void execute(JobExecutionContext context) {
        heartbeats.markOfflineScreens(clock.instant());
    }
}
