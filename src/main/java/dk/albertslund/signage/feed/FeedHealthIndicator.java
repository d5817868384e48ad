package dk.albertslund.signage.feed;

import dk.albertslund.signage.core.DatabaseStatus;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
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
class FeedHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final FeedService feeds;
    private final DatabaseStatus database;

    FeedHealthIndicator(FeedService feeds, DatabaseStatus database) {
        this.feeds = feeds;
        this.database = database;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        healthStatus = HealthStatus.UP;
        if (!database.available()) {
            // the database indicator says what is wrong; waiting for it here would only slow the probe
            return details;
        }
        List<FeedSource> failing;
        try {
            failing = feeds.failing();
        } catch (RuntimeException e) {
            if (!database.failed(e)) {
                throw e;
            }
            return details;
        }
        for (FeedSource feed : failing) {
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
