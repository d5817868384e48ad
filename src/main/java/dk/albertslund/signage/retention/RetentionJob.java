package dk.albertslund.signage.retention;

import dk.albertslund.signage.scheduler.Misfire;
import dk.albertslund.signage.scheduler.ScheduledJob;
import jakarta.inject.Singleton;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every night at 03:30 campus time (setting {@code signage.jobs.retention.schedule}),
 * deletes the records every {@link RetentionPolicy} says are old enough.
 *
 * <p>Missed runs: {@link Misfire#SKIP}. Nothing is urgent about pruning, and the next
 * night's run takes everything older than the cut-off, so nothing is lost by waiting;
 * a catch-up run would instead land in opening hours, when the tables it deletes from
 * (play records and heartbeats, once kiosks report) are busiest.
 */
@Singleton
@DisallowConcurrentExecution
class RetentionJob implements ScheduledJob {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final Retention retention;
    private final Clock clock;

    RetentionJob(Retention retention, Clock clock) {
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public Declaration declaration() {
        return new Declaration("retention", "0 30 3 * * ?", Misfire.SKIP);
    }

    @Override
    public void execute(JobExecutionContext context) {
        Map<String, Integer> pruned = retention.prune(clock.instant());
        String counts = pruned.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        if (!counts.isEmpty()) {
            LOG.info("Retention deleted old records: {}", counts);
        }
    }
}
