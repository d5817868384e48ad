package dk.albertslund.signage.media;

import dk.albertslund.signage.config.SignageConfiguration;
import dk.albertslund.signage.core.ProblemException;
import dk.albertslund.signage.scheduler.ScheduledJobs;
import dk.albertslund.signage.staff.Staff;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;

/**
 * Asks for one media check outside the nightly run, without anyone waiting for it: this
 * stores a one-off run of {@link MediaIntegrityJob}, one database write, and a scheduler
 * thread of whichever server is free hashes the files. Asked as a server starts (files may
 * have been lost or restored while it was down; off with
 * {@code signage.media.check-at-start-up: false}), and by an administrator who has put
 * files back. Asking again before the run starts moves it rather than adding one, so
 * servers starting together share one run.
 */
@Singleton
public class MediaCheckRequests implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(MediaCheckRequests.class);
    static final String AT_START_UP = "start-up";
    static final String ON_REQUEST = "on-request";

    private final ScheduledJobs jobs;
    private final SignageConfiguration configuration;
    private final Clock clock;

    MediaCheckRequests(ScheduledJobs jobs, SignageConfiguration configuration, Clock clock) {
        this.jobs = jobs;
        this.configuration = configuration;
        this.clock = clock;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (!configuration.getMedia().isCheckAtStartUp()) {
            return;
        }
        try {
            jobs.fireAt(MediaIntegrityJob.class, AT_START_UP, clock.instant(), Map.of());
        } catch (RuntimeException e) {
            // the nightly check still comes; a server that cannot store a trigger has bigger news in its log
            LOG.warn("The media check at start-up could not be asked for: {}", e.getMessage());
        }
    }

    /** An administrator asks for a check now, e.g. after putting files back in the media folder. */
    public void requestNow(Staff actor) {
        if (!actor.isAdmin()) {
            throw ProblemException.forbidden("media.forbidden.check");
        }
        jobs.fireAt(MediaIntegrityJob.class, ON_REQUEST, clock.instant(), Map.of());
    }
}
