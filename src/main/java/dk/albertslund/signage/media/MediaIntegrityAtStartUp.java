package dk.albertslund.signage.media;

import dk.albertslund.signage.config.SignageConfiguration;
import dk.albertslund.signage.scheduler.ScheduledJobs;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;

/**
 * Asks for one media check as a server starts (files may have been lost or restored while
 * it was down), without making start-up wait for it: this stores a one-off run of
 * {@link MediaIntegrityJob}, one database write, and a scheduler thread of whichever
 * server is free hashes the files. Servers starting together share one trigger, so they
 * do not each read the whole media folder. Off with {@code signage.media.check-at-start-up: false}.
 */
@Singleton
class MediaIntegrityAtStartUp implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(MediaIntegrityAtStartUp.class);
    static final String TRIGGER = "start-up";

    private final ScheduledJobs jobs;
    private final SignageConfiguration configuration;
    private final Clock clock;

    MediaIntegrityAtStartUp(ScheduledJobs jobs, SignageConfiguration configuration, Clock clock) {
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
            jobs.fireAt(MediaIntegrityJob.class, TRIGGER, clock.instant(), Map.of());
        } catch (RuntimeException e) {
            // the nightly check still comes; a server that cannot store a trigger has bigger news in its log
            LOG.warn("The media check at start-up could not be asked for: {}", e.getMessage());
        }
    }
}
