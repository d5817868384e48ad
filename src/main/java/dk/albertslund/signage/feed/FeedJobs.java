package dk.albertslund.signage.feed;

import dk.albertslund.signage.scheduler.QuartzScheduler;
import dk.albertslund.signage.scheduler.ScheduledJobs;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;

/**
 * One repeating import trigger per feed, named after its id. Set when a feed is created or
 * its interval changes, withdrawn when it is deleted, and checked for every feed when a
 * server starts (a trigger that already matches is kept, so its rhythm is not reset).
 */
@Singleton
class FeedJobs implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(FeedJobs.class);

    private final ScheduledJobs jobs;
    private final QuartzScheduler quartz;
    private final FeedSourceRepository feeds;

    FeedJobs(ScheduledJobs jobs, QuartzScheduler quartz, FeedSourceRepository feeds) {
        this.jobs = jobs;
        this.quartz = quartz;
        this.feeds = feeds;
    }

    static String triggerName(long feedId) {
        return "feed-" + feedId;
    }

    void schedule(FeedSource feed) {
        jobs.repeatEvery(FeedImportJob.class, triggerName(feed.id()), Duration.ofMinutes(feed.refreshMinutes()),
                Map.of("feed", Long.toString(feed.id())));
    }

    void unschedule(long feedId) {
        jobs.cancel(FeedImportJob.class, triggerName(feedId));
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (!quartz.isEnabled()) {
            return;
        }
        int count = 0;
        for (FeedSource feed : feeds.findAll()) {
            schedule(feed);
            count++;
        }
        if (count > 0) {
            LOG.info("{} feeds are imported on their own schedules", count);
        }
    }
}
