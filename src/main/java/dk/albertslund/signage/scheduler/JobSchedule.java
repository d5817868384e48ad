package dk.albertslund.signage.scheduler;

import io.micronaut.core.annotation.Nullable;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobKey;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;

/**
 * When a job runs by itself, as written in its setting {@code signage.jobs.<name>.schedule}:
 * an interval (ISO-8601, {@code PT1M}), a Quartz cron expression in the campus time zone
 * ({@code 0 30 3 * * ?}), or {@code off} (it runs only when a service or an operator fires it).
 */
sealed interface JobSchedule {

    record Every(Duration interval) implements JobSchedule {
    }

    record Cron(String expression) implements JobSchedule {
    }

    record Off() implements JobSchedule {
    }

    /** The schedule a setting asks for; the exception's message says what is wrong with it. */
    static JobSchedule parse(String value) {
        String v = value.strip();
        // YAML reads an unquoted off as the boolean false
        if (v.equalsIgnoreCase("off") || v.equalsIgnoreCase("false")) {
            return new Off();
        }
        if (v.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                Duration interval = Duration.parse(v);
                if (interval.isNegative() || interval.isZero()) {
                    throw new IllegalArgumentException("an interval must be longer than zero");
                }
                return new Every(interval);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not an ISO-8601 duration");
            }
        }
        try {
            CronExpression.validateExpression(v);
            return new Cron(v);
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a Quartz cron expression: " + e.getMessage());
        }
    }

    /** The job's own trigger for this schedule; none when it is off. */
    default Optional<Trigger> trigger(TriggerKey key, JobKey job, Misfire misfire, ZoneId zone, Instant now) {
        TriggerBuilder<Trigger> builder = TriggerBuilder.newTrigger().withIdentity(key).forJob(job);
        if (this instanceof Every every) {
            // The first run one interval after registration: a server that has just started
            // has nothing to catch up yet, and tests are not surprised by a run at start-up.
            return Optional.of(builder.startAt(Date.from(now.plus(every.interval())))
                    .withSchedule(misfire.applyToRepeating(SimpleScheduleBuilder.simpleSchedule()
                            .withIntervalInMilliseconds(every.interval().toMillis()).repeatForever()))
                    .build());
        }
        if (this instanceof Cron cron) {
            return Optional.of(builder.startAt(Date.from(now))
                    .withSchedule(misfire.applyTo(CronScheduleBuilder.cronSchedule(cron.expression())
                            .inTimeZone(TimeZone.getTimeZone(zone))))
                    .build());
        }
        return Optional.empty();
    }

    /**
     * What a trigger does, to tell whether the stored one still matches the settings; two
     * triggers with the same description fire at the same times with the same misfire rule.
     */
    static String describe(@Nullable Trigger trigger) {
        if (trigger instanceof CronTrigger cron) {
            return "cron " + cron.getCronExpression() + " in " + cron.getTimeZone().getID() + ", misfire " + cron.getMisfireInstruction();
        }
        if (trigger instanceof SimpleTrigger simple) {
            return "every " + simple.getRepeatInterval() + " ms, " + simple.getRepeatCount() + " repeats, misfire " + simple.getMisfireInstruction();
        }
        return trigger == null ? "off" : trigger.getClass().getSimpleName();
    }

    /** As the logs say it. */
    default String described() {
        if (this instanceof Every every) {
            return "every " + every.interval();
        }
        if (this instanceof Cron cron) {
            return "at cron '" + cron.expression() + "'";
        }
        return "only when fired";
    }
}
