package dk.albertslund.signage.feed;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * /health lists the feeds whose last import failed, each marked DOWN with what failed,
 * when, and the line. The server itself stays UP: a broken calendar at the library is the
 * library's to fix, and taking the server out of its load balancer would not help.
 */
@Singleton
class FeedHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final FeedService feeds;

    FeedHealthIndicator(FeedService feeds) {
        this.feeds = feeds;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        for (FeedSource feed : feeds.failing()) {
            Map<String, Object> failure = new LinkedHashMap<>();
            failure.put("status", HealthStatus.DOWN.getName());
            failure.put("error", feed.failure() == null ? null : feed.failure().english());
            failure.put("line", feed.errorLine());
            failure.put("failedAt", feed.failedAt() == null ? null : feed.failedAt().toString());
            details.put(feed.slug(), failure);
        }
        healthStatus = HealthStatus.UP;
        return details;
    }

    @Override
    protected String getName() {
        return "feeds";
    }
}
