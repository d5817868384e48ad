package dk.albertslund.signage.scheduler;

import org.quartz.Job;

/**
 * A job the cluster runs by itself. An implementation is a bean (Quartz asks the
 * application context for it), thin (one call to a feature service) and idempotent: a
 * repeat run, or a run redone after a server died in the middle of it, changes nothing
 * more. Its job data, if any, is strings only. Its javadoc says why it chose its
 * {@link Misfire} policy; README.md lists every job.
 *
 * <p>{@link ScheduledJobs} stores every such bean in the cluster when a server starts.
 * A job whose runs depend on the data rather than the clock (the schedule-change job
 * fires at the next instant a screen's programme changes) declares {@code "off"} and
 * has a service set its triggers with {@link ScheduledJobs#fireAt}.
 */
public interface ScheduledJob extends Job {

    Declaration declaration();

    /**
     * @param name            the job's name in the cluster and in its setting
     *                        {@code signage.jobs.<name>.schedule}; lowercase words and hyphens
     * @param defaultSchedule when it runs unless that setting says otherwise: an ISO-8601
     *                        interval ({@code PT1M}), a Quartz cron expression in the campus
     *                        time zone ({@code 0 30 3 * * ?}) or {@code off}
     * @param misfire         what happens to runs missed while no server could run them
     */
    record Declaration(String name, String defaultSchedule, Misfire misfire) {
    }
}
