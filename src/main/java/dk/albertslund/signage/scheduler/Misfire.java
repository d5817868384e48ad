package dk.albertslund.signage.scheduler;

import org.quartz.CronScheduleBuilder;
import org.quartz.SimpleScheduleBuilder;

/**
 * What happens to runs a job missed because no server was running (or all were busy) at
 * the time. Each job chooses, and says why in its javadoc; README.md lists the choices.
 */
public enum Misfire {

    /** One run as soon as a server can, however many were missed: for jobs that catch up on everything at once. */
    RUN_ONCE_NOW,

    /** Missed runs are dropped and the job waits for its next regular time: for jobs that must run at that time. */
    SKIP;

    CronScheduleBuilder applyTo(CronScheduleBuilder schedule) {
        return this == RUN_ONCE_NOW
                ? schedule.withMisfireHandlingInstructionFireAndProceed()
                : schedule.withMisfireHandlingInstructionDoNothing();
    }

    /** For a trigger that repeats for ever; after a catch-up run the rhythm counts from it. */
    SimpleScheduleBuilder applyToRepeating(SimpleScheduleBuilder schedule) {
        return this == RUN_ONCE_NOW
                ? schedule.withMisfireHandlingInstructionNowWithExistingCount()
                : schedule.withMisfireHandlingInstructionNextWithRemainingCount();
    }

    /** For a trigger that fires once; skipping a missed one-off means it never runs. */
    SimpleScheduleBuilder applyToOnce(SimpleScheduleBuilder schedule) {
        return this == RUN_ONCE_NOW
                ? schedule.withMisfireHandlingInstructionFireNow()
                : schedule.withMisfireHandlingInstructionNextWithRemainingCount();
    }

    /** As README.md and the logs say it. */
    String described() {
        return this == RUN_ONCE_NOW ? "run once now" : "skip to the next run";
    }
}
