package dk.albertslund.signage.feed;

import dk.albertslund.signage.core.DatabaseStatus;
import io.micronaut.health.HealthStatus;
import dk.albertslund.signage.health.StoredProblemsIndicator;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * /health lists the feeds whose last import failed, each marked DOWN with what failed,
 * when, and the line. The server itself stays UP: a broken calendar at the library is the
 * library's to fix, and taking the server out of its load balancer would not help.
 */
@Singleton
class FeedHealthIndicator extends StoredProblemsIndicator {

    private final FeedService feeds;

    FeedHealthIndicator(FeedService feeds, DatabaseStatus database) {
        super(database);
        this.feeds = feeds;
    }

    @Override
    protected Map<String, Object> problems() {
        Map<String, Object> details = new LinkedHashMap<>();
        List<FeedSource> failing = feeds.failing();
        for (FeedSource feed : failing) {
            Map<String, Object> failure = new LinkedHashMap<>();
            failure.put("status", HealthStatus.DOWN.getName());
            failure.put("error", feed.failure() == null ? null : feed.failure().english());
            failure.put("line", feed.errorLine());
            failure.put("failedAt", feed.failedAt() == null ? null : feed.failedAt().toString());
            details.put(feed.slug(), failure);
        }
        return details;
    }

    @Override
    protected String getName() {
        return "feeds";
    }
}
