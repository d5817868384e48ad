package dk.albertslund.signage.health;

import dk.albertslund.signage.core.DatabaseStatus;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An indicator that lists problems recorded in the database (failing feeds, missing media
 * files) and stays UP: the problems are for staff to mend, not a reason to take the server
 * out of its load balancer. While the database is away it lists nothing rather than wait
 * for a connection or log a stack trace per probe; the database indicator says what is
 * wrong then (docs/OPERATIONS.md).
 */
public abstract class StoredProblemsIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final DatabaseStatus database;

    protected StoredProblemsIndicator(DatabaseStatus database) {
        this.database = database;
    }

    /** The problems by name, each a map of details. */
    protected abstract Map<String, Object> problems();

    @Override
    protected final Map<String, Object> getHealthInformation() {
        healthStatus = HealthStatus.UP;
        if (!database.available()) {
            return Map.of();
        }
        try {
            return new LinkedHashMap<>(problems());
        } catch (RuntimeException e) {
            if (!database.failed(e)) {
                throw e;
            }
            return Map.of();
        }
    }
}
