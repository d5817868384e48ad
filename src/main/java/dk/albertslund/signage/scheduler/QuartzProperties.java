package dk.albertslund.signage.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The Quartz settings this product depends on. A scheduler that is not clustered would
 * fire every trigger once per server; another delegate would not speak PostgreSQL;
 * without locked acquisition clustered nodes double-fire. So start-up refuses them.
 */
final class QuartzProperties {

    static final String CLUSTERED = "org.quartz.jobStore.isClustered";
    static final String DELEGATE = "org.quartz.jobStore.driverDelegateClass";
    static final String JOB_STORE = "org.quartz.jobStore.class";
    static final String LOCKED_ACQUISITION = "org.quartz.jobStore.acquireTriggersWithinLock";
    static final String USE_PROPERTIES = "org.quartz.jobStore.useProperties";
    static final String INSTANCE_ID = "org.quartz.scheduler.instanceId";
    static final String DATA_SOURCE = "org.quartz.jobStore.dataSource";

    private QuartzProperties() {
    }

    /** Every reason the settings are unacceptable, or an empty list. */
    static List<String> problems(Properties properties) {
        List<String> problems = new ArrayList<>();
        require(properties, CLUSTERED, "true", problems, "the scheduler must be clustered so that several servers fire each trigger once");
        require(properties, DELEGATE, "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate", problems, "the database is PostgreSQL");
        require(properties, JOB_STORE, "org.quartz.impl.jdbcjobstore.JobStoreTX", problems, "jobs live in the application's PostgreSQL");
        require(properties, LOCKED_ACQUISITION, "true", problems, "clustered nodes otherwise fire one trigger twice");
        require(properties, USE_PROPERTIES, "true", problems, "job data is kept as strings, never serialised Java objects");
        require(properties, INSTANCE_ID, "AUTO", problems, "each server needs its own generated instance id");
        if (properties.getProperty(DATA_SOURCE) != null) {
            problems.add(DATA_SOURCE + " must not be set: the scheduler uses the application's own connection pool");
        }
        return problems;
    }

    private static void require(Properties properties, String key, String expected, List<String> problems, String why) {
        String actual = properties.getProperty(key);
        if (actual == null || !actual.strip().equalsIgnoreCase(expected)) {
            problems.add(key + " must be " + expected + " (is " + (actual == null ? "not set" : actual.strip()) + "): " + why);
        }
    }
}
