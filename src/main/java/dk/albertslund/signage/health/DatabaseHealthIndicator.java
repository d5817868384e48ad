package dk.albertslund.signage.health;

import dk.albertslund.signage.core.DatabaseStatus;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Readiness on the database, answered from {@link DatabaseStatus}'s probe without asking
 * the database on the caller's time: Micronaut's own JDBC indicator waited for a pool
 * connection, 30 s when the database was gone, longer than any load balancer's check.
 */
@Singleton
class DatabaseHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final DatabaseStatus database;

    DatabaseHealthIndicator(DatabaseStatus database) {
        this.database = database;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean available = database.available();
        Instant since = database.downSince();
        if (!available) {
            details.put("downSince", since == null ? null : since.toString());
            details.put("error", database.lastError());
        }
        healthStatus = available ? HealthStatus.UP : HealthStatus.DOWN;
        return details;
    }

    @Override
    protected String getName() {
        return "database";
    }
}
