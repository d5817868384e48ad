package dk.albertslund.signage.scheduler;

import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.JobListener;
import org.quartz.SchedulerException;
import org.quartz.impl.matchers.KeyMatcher;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** Counts the finished runs of one job on one server, so a test can wait for a run to be over. */
public final class JobRuns implements JobListener {

    private final String name = "runs-" + UUID.randomUUID();
    private final AtomicInteger finished = new AtomicInteger();

    private JobRuns() {
    }

    /** Counts from now on the runs of the job called {@code job}. */
    public static JobRuns of(QuartzScheduler quartz, String job) throws SchedulerException {
        JobRuns runs = new JobRuns();
        quartz.scheduler().getListenerManager().addJobListener(runs, KeyMatcher.keyEquals(new JobKey(job, ScheduledJobs.GROUP)));
        return runs;
    }

    public int finished() {
        return finished.get();
    }

    /** Waits until {@code done} or 20 seconds have passed. */
    public static void waitUntil(BooleanSupplier done) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!done.getAsBoolean() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public void jobToBeExecuted(JobExecutionContext context) {
        // only finished runs count
    }

    @Override
    public void jobExecutionVetoed(JobExecutionContext context) {
        // only finished runs count
    }

    @Override
    public void jobWasExecuted(JobExecutionContext context, JobExecutionException failure) {
        finished.incrementAndGet();
    }
}
