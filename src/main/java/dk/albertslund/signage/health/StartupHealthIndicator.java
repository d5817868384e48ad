package dk.albertslund.signage.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;

import java.util.Map;

/** DOWN until start-up has finished ({@link StartupReadiness}), so no traffic comes too early. */
@Singleton
class StartupHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final StartupReadiness startup;

    StartupHealthIndicator(StartupReadiness startup) {
        this.startup = startup;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        healthStatus = startup.started() ? HealthStatus.UP : HealthStatus.DOWN;
        return Map.of("started", startup.started());
    }

    @Override
    protected String getName() {
        return "startup";
    }
}
