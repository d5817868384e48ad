package dk.albertslund.signage.scheduler;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class QuartzPropertiesTest {

    private static Properties shipped() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = QuartzPropertiesTest.class.getClassLoader().getResourceAsStream("quartz.properties")) {
            properties.load(in);
        }
        return properties;
    }

    @Test
    void the_shipped_settings_are_accepted() throws IOException {
        assertThat(QuartzProperties.problems(shipped())).isEmpty();
    }

    @Test
    void a_scheduler_that_is_not_clustered_or_speaks_another_dialect_is_refused_with_the_reason() throws IOException {
        Properties properties = shipped();
        properties.setProperty("org.quartz.jobStore.isClustered", "false");
        properties.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");

        assertThat(QuartzProperties.problems(properties)).containsExactly(
                "org.quartz.jobStore.isClustered must be true (is false): the scheduler must be clustered so that several servers fire each trigger once",
                "org.quartz.jobStore.driverDelegateClass must be org.quartz.impl.jdbcjobstore.PostgreSQLDelegate "
                        + "(is org.quartz.impl.jdbcjobstore.StdJDBCDelegate): the database is PostgreSQL");
    }

    @Test
    void unlocked_trigger_acquisition_and_a_fixed_instance_id_are_refused() throws IOException {
        Properties properties = shipped();
        properties.remove("org.quartz.jobStore.acquireTriggersWithinLock");
        properties.setProperty("org.quartz.scheduler.instanceId", "server-1");

        assertThat(QuartzProperties.problems(properties)).containsExactly(
                "org.quartz.jobStore.acquireTriggersWithinLock must be true (is not set): clustered nodes otherwise fire one trigger twice",
                "org.quartz.scheduler.instanceId must be AUTO (is server-1): each server needs its own generated instance id");
    }
}
