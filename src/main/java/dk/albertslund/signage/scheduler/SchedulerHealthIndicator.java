package dk.albertslund.signage.scheduler;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SchedulerMetaData;

import java.util.LinkedHashMap;
import java.util.Map;

/** /health shows whether this server's scheduler runs and takes part in the cluster. */
@Singleton
class SchedulerHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final QuartzScheduler quartz;

    SchedulerHealthIndicator(QuartzScheduler quartz) {
        this.quartz = quartz;
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
            // A server started with the scheduler switched off is healthy; the others do the work.
            healthStatus = running || !quartz.isEnabled() ? HealthStatus.UP : HealthStatus.DOWN;
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
