package dk.albertslund.signage.feed;

import dk.albertslund.signage.scheduler.QuartzScheduler;
import dk.albertslund.signage.scheduler.ScheduledJobs;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import io.micronaut.core.annotation.Nullable;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
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

    /** When the cluster imports the feed next (ScheduledJobs files the trigger under the job's name); null when no trigger is stored (or the store cannot say). */
    @Nullable
    Instant nextRun(long feedId) {
        try {
            Trigger trigger = quartz.scheduler().getTrigger(new TriggerKey(triggerName(feedId), FeedImportJob.NAME));
            return trigger == null || trigger.getNextFireTime() == null ? null : trigger.getNextFireTime().toInstant();
        } catch (SchedulerException e) {
            LOG.debug("The next import of feed {} is unknown: {}", feedId, e.getMessage());
            return null;
        }
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
