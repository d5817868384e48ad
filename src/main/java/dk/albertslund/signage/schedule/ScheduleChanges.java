package dk.albertslund.signage.schedule;

import dk.albertslund.signage.core.ContentChanged;
import dk.albertslund.signage.core.ContentChanges;
import dk.albertslund.signage.config.SignageConfiguration;
import dk.albertslund.signage.scheduler.ScheduledJobs;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps the cluster's one schedule-change run set at the next instant at which any
 * screen's programme changes, and does what that run must: tell every server (through
 * the database's change channel, so their kiosk manifests are rebuilt) and this one
 * (a {@link ScreensChanged} event) which screens moved on.
 *
 * <p>Any change of content moves that instant, so the run is set again after each
 * committed change; a burst of changes (a content-pack import) is coalesced into one.
 */
@Singleton
public class ScheduleChanges implements ApplicationEventListener<ServerStartupEvent> {

    static final String TRIGGER = "next";
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleChanges.class);

    private final ScheduleSnapshots snapshots;
    private final ScheduledJobs jobs;
    private final SignageConfiguration configuration;
    private final JdbcOperations jdbc;
    private final ApplicationEventPublisher<ScreensChanged> events;
    private final Clock clock;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "schedule-changes");
        thread.setDaemon(true);
        return thread;
    });

    ScheduleChanges(ScheduleSnapshots snapshots, ScheduledJobs jobs, SignageConfiguration configuration, JdbcOperations jdbc,
                    ApplicationEventPublisher<ScreensChanged> events, Clock clock) {
        this.snapshots = snapshots;
        this.jobs = jobs;
        this.configuration = configuration;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        rescheduleSoon();
    }

    @TransactionalEventListener
    void onContentChanged(ContentChanged changed) {
        rescheduleSoon();
    }

    private void rescheduleSoon() {
        if (pending.compareAndSet(false, true)) {
            worker.execute(() -> {
                pending.set(false);
                try {
                    reschedule();
                } catch (RuntimeException e) {
                    LOG.warn("The next schedule change could not be set: {}", e.getMessage());
                }
            });
        }
    }

    /** Sets the schedule-change run at the earliest next change of any screen; returns that instant (null: none ahead). */
    @Transactional
    public @Nullable Instant reschedule() {
        Instant now = clock.instant();
        ScheduleSnapshot snapshot = snapshots.all();
        ScheduleResolver resolver = new ScheduleResolver(snapshot, configuration.getTimeZone());
        Instant next = null;
        // every screen through one period: each entry's windows expanded once, not once per screen
        for (ScheduleResolver.Now answer : resolver.now(screenIds(snapshot), now).values()) {
            Instant change = answer.nextChange();
            if (change != null && (next == null || change.isBefore(next))) {
                next = change;
            }
        }
        if (next == null) {
            jobs.cancel(ScheduleChangeJob.class, TRIGGER);
        } else {
            jobs.fireAt(ScheduleChangeJob.class, TRIGGER, next, Map.of("at", next.toString()));
        }
        return next;
    }

    /**
     * The programme changed at {@code at}: names the screens that moved on, tells every
     * server and this one, and sets the next run. Running it again for the same instant
     * changes nothing more.
     */
    @Transactional
    public Set<String> changed(Instant at) {
        ScheduleSnapshot snapshot = snapshots.all();
        ScheduleResolver resolver = new ScheduleResolver(snapshot, configuration.getTimeZone());
        Set<String> moved = new TreeSet<>();
        Instant justBefore = at.minusMillis(1);
        Map<Long, ScheduleResolver.Now> answers = resolver.now(screenIds(snapshot), justBefore);
        for (ScheduleSnapshot.Screen screen : snapshot.screens()) {
            Instant change = answers.get(screen.id()).nextChange();
            if (change != null && !change.isAfter(at)) {
                moved.add(screen.slug());
            }
        }
        if (!moved.isEmpty()) {
            ContentChanges.notify(jdbc, "schedule");
            events.publishEvent(new ScreensChanged(Set.copyOf(moved), at));
        }
        rescheduleSoon();
        return moved;
    }

    private static List<Long> screenIds(ScheduleSnapshot snapshot) {
        return snapshot.screens().stream().map(ScheduleSnapshot.Screen::id).toList();
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
