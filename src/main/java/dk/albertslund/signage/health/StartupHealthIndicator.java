package dk.albertslund.signage.health;

import dk.albertslund.signage.core.ContentChangeListener;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * DOWN until start-up has finished ({@link StartupReadiness}) and this server listens for
 * changes made through the others: until then its kiosks would not hear of them.
 */
@Singleton
class StartupHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final StartupReadiness startup;
    private final ContentChangeListener changes;

    StartupHealthIndicator(StartupReadiness startup, ContentChangeListener changes) {
        this.startup = startup;
        this.changes = changes;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        boolean started = startup.started();
        boolean listening = changes.listening();
        healthStatus = started && listening ? HealthStatus.UP : HealthStatus.DOWN;
        return Map.of("started", started, "listeningForChanges", listening);
    }

    @Override
    protected String getName() {
        return "startup";
    }
}
