package dk.albertslund.signage.departures;

import dk.albertslund.signage.scheduler.Misfire;
import dk.albertslund.signage.scheduler.QuartzScheduler;
import dk.albertslund.signage.scheduler.ScheduledJob;
import dk.albertslund.signage.scheduler.ScheduledJobs;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.quartz.JobExecutionContext;

import java.time.Clock;
import java.util.Map;

/** The clustered jobs that fetch the departures, and the first timetable fetch of a new installation. */
final class DepartureJobs {

    private DepartureJobs() {
    }

    /**
     * Fetches the timetable (conditional GET: an unchanged zip costs a 304). Missed runs:
     * {@link Misfire#RUN_ONCE_NOW}, one late fetch catches up.
     */
    @Singleton
    static class TimetableJob implements ScheduledJob {

        private final Departures departures;
        private final Clock clock;

        TimetableJob(Departures departures, Clock clock) {
            this.departures = departures;
            this.clock = clock;
        }

        @Override
        public Declaration declaration() {
            return new Declaration("departures-timetable", "PT6H", Misfire.RUN_ONCE_NOW);
        }

        @Override
        public void execute(JobExecutionContext context) {
            departures.fetchTimetable(clock.instant());
        }
    }

    /** Fetches the realtime news. Missed runs: {@link Misfire#SKIP}; old news is no news, the next run brings today's. */
    @Singleton
    static class RealtimeJob implements ScheduledJob {

        private final Departures departures;
        private final Clock clock;

        RealtimeJob(Departures departures, Clock clock) {
            this.departures = departures;
            this.clock = clock;
        }

        @Override
        public Declaration declaration() {
            return new Declaration("departures-realtime", "PT30S", Misfire.SKIP);
        }

        @Override
        public void execute(JobExecutionContext context) {
            departures.fetchRealtime(clock.instant());
        }
    }

    /**
     * A new installation has no timetable until the first run, six hours away: it is
     * fetched once at start-up instead (on whichever server the cluster picks).
     */
    @Singleton
    static class FirstFetch implements ApplicationEventListener<ServerStartupEvent> {

        private final ScheduledJobs jobs;
        private final QuartzScheduler quartz;
        private final DepartureSettings settings;
        private final DepartureStore store;
        private final Clock clock;

        FirstFetch(ScheduledJobs jobs, QuartzScheduler quartz, DepartureSettings settings, DepartureStore store, Clock clock) {
            this.jobs = jobs;
            this.quartz = quartz;
            this.settings = settings;
            this.store = store;
            this.clock = clock;
        }

        @Override
        public void onApplicationEvent(ServerStartupEvent event) {
            if (!quartz.isEnabled() || !settings.isEnabled() || settings.getTimetableUrl().isEmpty()) {
                return;
            }
            boolean have = store.find(DepartureStore.Kind.TIMETABLE)
                    .filter(s -> s.data() != null && settings.getStopId().equals(s.stopId())).isPresent();
            if (!have) {
                jobs.fireAt(TimetableJob.class, "departures-first-timetable", clock.instant(), Map.of());
            }
        }
    }
}
