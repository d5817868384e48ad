package dk.albertslund.signage.scheduler;

import io.micronaut.context.BeanContext;
import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;

/** Jobs are beans: Quartz asks the application context, so jobs get their services injected. */
final class BeanJobFactory implements JobFactory {

    private final BeanContext beans;

    BeanJobFactory(BeanContext beans) {
        this.beans = beans;
    }

    @Override
    public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
        Class<? extends Job> type = bundle.getJobDetail().getJobClass();
        try {
            return beans.getBean(type);
        } catch (RuntimeException e) {
            throw new SchedulerException("The job " + type.getName() + " is not a bean of this application", e);
        }
    }
}
