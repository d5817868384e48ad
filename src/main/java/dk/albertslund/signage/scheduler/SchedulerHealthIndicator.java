package dk.albertslund.signage.scheduler;

import dk.albertslund.signage.core.DatabaseStatus;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SchedulerMetaData;

import java.util.LinkedHashMap;
import java.util.Map;

/** /health shows whether this server's scheduler runs, takes part in the cluster and reaches its tables. */
@Singleton
class SchedulerHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final QuartzScheduler quartz;
    private final DatabaseStatus database;

    SchedulerHealthIndicator(QuartzScheduler quartz, DatabaseStatus database) {
        this.quartz = quartz;
        this.database = database;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Scheduler scheduler = quartz.scheduler();
        Map<String, Object> details = new LinkedHashMap<>();
        try {
            SchedulerMetaData meta = scheduler.getMetaData();
            details.put("instanceId", meta.getSchedulerInstanceId());
            details.put("clustered", meta.isJobStoreClustered());
            details.put("started", meta.isStarted());
            details.put("inStandbyMode", meta.isInStandbyMode());
            details.put("jobsExecuted", meta.getNumberOfJobsExecuted());
            details.put("enabled", quartz.isEnabled());
            boolean running = meta.isStarted() && !meta.isInStandbyMode() && !meta.isShutdown();
            // Quartz itself reports "started" while it cannot reach its tables; the probe can tell.
            boolean store = database.schedulerStoreReachable();
            details.put("storeReachable", store);
            // A server started with the scheduler switched off is healthy; the others do the work.
            healthStatus = !quartz.isEnabled() || (running && store) ? HealthStatus.UP : HealthStatus.DOWN;
        } catch (SchedulerException e) {
            details.put("error", e.getMessage());
            healthStatus = HealthStatus.DOWN;
        }
        return details;
    }

    @Override
    protected String getName() {
        return "scheduler";
    }
}
