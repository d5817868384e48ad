package dk.albertslund.signage.scheduler;

import dk.albertslund.signage.config.SignageConfiguration;
import io.micronaut.context.BeanContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Stores every {@link ScheduledJob} bean in the cluster when a server starts, with the
 * trigger its setting {@code signage.jobs.<name>.schedule} (or its default) asks for.
 * Several servers may start at once: a stored trigger that already matches the settings
 * is kept, so its next run and any missed run stay as they are; one that differs is
 * replaced in one locked write, which never fails because another server got there
 * first. Services set one-off runs with {@link #fireAt}.
 */
@Singleton
public class ScheduledJobs implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledJobs.class);
    static final String GROUP = "signage";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,79}");

    private final QuartzScheduler quartz;
    private final BeanContext beans;
    private final Environment environment;
    private final SignageConfiguration configuration;
    private final Clock clock;
    private List<Declared> declared;

    ScheduledJobs(QuartzScheduler quartz, BeanContext beans, Environment environment,
                  SignageConfiguration configuration, Clock clock) {
        this.quartz = quartz;
        this.beans = beans;
        this.environment = environment;
        this.configuration = configuration;
        this.clock = clock;
    }

    /** A job bean with its schedule setting read. */
    record Declared(Class<? extends ScheduledJob> type, ScheduledJob.Declaration declaration, JobSchedule schedule) {

        String name() {
            return declaration.name();
        }

        JobKey key() {
            return new JobKey(name(), GROUP);
        }

        TriggerKey ownTrigger() {
            return new TriggerKey(name(), GROUP);
        }

        JobDetail detail() {
            // durable: a job that is off, or waits for its next one-off run, stays stored;
            // recovery: a run cut short by a dying server is redone elsewhere (jobs are idempotent)
            return JobBuilder.newJob(type).withIdentity(key()).storeDurably().requestRecovery().build();
        }
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        // a server that runs no jobs does not decide when they run
        if (quartz.isEnabled()) {
            register();
        }
    }

    /** Stores every job and its own trigger, keeping what already matches. */
    void register() {
        for (Declared job : declared()) {
            try {
                register(job);
            } catch (SchedulerException e) {
                throw new IllegalStateException("The job '" + job.name() + "' could not be stored: " + e.getMessage(), e);
            }
        }
    }

    private void register(Declared job) throws SchedulerException {
        Scheduler scheduler = quartz.scheduler();
        Optional<Trigger> wanted = job.schedule().trigger(job.ownTrigger(), job.key(), job.declaration().misfire(),
                configuration.getTimeZone(), clock.instant());
        if (isStored(scheduler, job) && scheduler.getTriggerState(job.ownTrigger()) != Trigger.TriggerState.ERROR
                && JobSchedule.describe(scheduler.getTrigger(job.ownTrigger())).equals(JobSchedule.describe(wanted.orElse(null)))) {
            return;
        }
        if (wanted.isPresent()) {
            scheduler.scheduleJob(job.detail(), Set.of(wanted.get()), true);
        } else {
            scheduler.addJob(job.detail(), true);
            scheduler.unscheduleJob(job.ownTrigger());
        }
        LOG.info("The job '{}' runs {}; missed runs: {}", job.name(), job.schedule().described(),
                job.declaration().misfire().described());
    }

    private static boolean isStored(Scheduler scheduler, Declared job) {
        try {
            JobDetail stored = scheduler.getJobDetail(job.key());
            return stored != null && stored.getJobClass().equals(job.type()) && stored.isDurable() && stored.requestsRecovery();
        } catch (SchedulerException e) {
            // e.g. the stored class no longer exists: store the job anew
            return false;
        }
    }

    /**
     * Runs the job once at {@code at} (at once if that has passed), on whichever server is
     * free then, through the trigger called {@code triggerName}: a waiting trigger of that
     * name is replaced, so calling this again moves the run rather than adding one. Safe
     * when several servers set the same trigger at once (the last one wins). The data
     * reaches the job through {@code context.getMergedJobDataMap()}.
     */
    public void fireAt(Class<? extends ScheduledJob> type, String triggerName, Instant at, Map<String, String> data) {
        Declared job = declared(type);
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(triggerName, job.name())
                .forJob(job.key())
                .startAt(Date.from(at))
                .usingJobData(new JobDataMap(data))
                .withSchedule(job.declaration().misfire().applyToOnce(SimpleScheduleBuilder.simpleSchedule()))
                .build();
        try {
            // storing the job too means this works before registration at start-up has run
            quartz.scheduler().scheduleJob(job.detail(), Set.of(trigger), true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("The job '" + job.name() + "' could not be set to run at " + at + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs the job every {@code interval} through the trigger called {@code triggerName}
     * (first run one interval from now), for jobs with one trigger per thing, such as one
     * import per feed. A stored trigger with the same interval is kept, so servers starting
     * at once do not move its next run; another interval replaces it. Withdraw it with
     * {@link #cancel}.
     */
    public void repeatEvery(Class<? extends ScheduledJob> type, String triggerName, java.time.Duration interval,
                            Map<String, String> data) {
        Declared job = declared(type);
        TriggerKey key = new TriggerKey(triggerName, job.name());
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(key)
                .forJob(job.key())
                .startAt(Date.from(clock.instant().plus(interval)))
                .usingJobData(new JobDataMap(data))
                .withSchedule(job.declaration().misfire().applyToRepeating(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(interval.toMillis()).repeatForever()))
                .build();
        try {
            Trigger stored = quartz.scheduler().getTrigger(key);
            if (stored != null && JobSchedule.describe(stored).equals(JobSchedule.describe(trigger))
                    && stored.getJobDataMap().equals(trigger.getJobDataMap())) {
                return;
            }
            quartz.scheduler().scheduleJob(job.detail(), Set.of(trigger), true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("The job '" + job.name() + "' could not be set to run every " + interval + ": "
                    + e.getMessage(), e);
        }
    }

    /** Withdraws a one-off run set by {@link #fireAt} that has not started; false if there was none. */
    public boolean cancel(Class<? extends ScheduledJob> type, String triggerName) {
        Declared job = declared(type);
        try {
            return quartz.scheduler().unscheduleJob(new TriggerKey(triggerName, job.name()));
        } catch (SchedulerException e) {
            throw new IllegalStateException("The run '" + triggerName + "' of the job '" + job.name() + "' could not be withdrawn: "
                    + e.getMessage(), e);
        }
    }

    private Declared declared(Class<? extends ScheduledJob> type) {
        return declared().stream().filter(d -> d.type().equals(type)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(type.getName() + " is not a scheduled job of this application"));
    }

    /** Every job bean with its schedule; refuses bad settings, all named at once. */
    synchronized List<Declared> declared() {
        if (declared == null) {
            List<String> problems = new ArrayList<>();
            List<Declared> jobs = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (BeanDefinition<ScheduledJob> definition : beans.getBeanDefinitions(ScheduledJob.class)) {
                ScheduledJob.Declaration declaration = beans.getBean(definition).declaration();
                String name = declaration.name();
                if (!NAME.matcher(name).matches() || !names.add(name)) {
                    problems.add(definition.getBeanType().getName() + " needs a name of its own in lowercase words and hyphens (has '" + name + "')");
                    continue;
                }
                String setting = "signage.jobs." + name + ".schedule";
                String value = environment.getProperty(setting, String.class).orElse(declaration.defaultSchedule());
                try {
                    jobs.add(new Declared(definition.getBeanType(), declaration, JobSchedule.parse(value)));
                } catch (IllegalArgumentException e) {
                    problems.add(setting + " must be an ISO-8601 interval like PT1M, a Quartz cron expression like '0 30 3 * * ?' or off"
                            + " (is '" + value + "': " + e.getMessage() + ")");
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("The job schedules are refused:\n  - " + String.join("\n  - ", problems));
            }
            jobs.sort(Comparator.comparing(Declared::name));
            declared = List.copyOf(jobs);
        }
        return declared;
    }
}
