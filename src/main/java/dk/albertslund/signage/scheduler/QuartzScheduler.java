package dk.albertslund.signage.scheduler;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * The application's one Quartz scheduler: clustered JDBC JobStore on the application's
 * PostgreSQL, jobs created as beans. It starts once the HTTP port is bound and stops,
 * waiting for running jobs, before the connection pool closes.
 */
@Singleton
public class QuartzScheduler implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(QuartzScheduler.class);

    private final Scheduler scheduler;
    private final boolean autoStart;
    private final DataSource dataSource;

    QuartzScheduler(DataSource dataSource, BeanContext beans,
                    @Nullable @Value("${signage.scheduler.quartz-properties:}") String propertiesFile,
                    @Value("${signage.scheduler.enabled:true}") boolean autoStart) {
        this.autoStart = autoStart;
        this.dataSource = dataSource;
        Properties properties = load(propertiesFile);
        List<String> problems = QuartzProperties.problems(properties);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The Quartz configuration is refused:\n  - " + String.join("\n  - ", problems));
        }
        // Each scheduler gets its own provider name, so two application contexts in one JVM
        // (the cluster tests) never share a pool through Quartz's global registry.
        String dataSourceName = "signage-" + UUID.randomUUID();
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName,
                new PoolConnectionProvider(DelegatingDataSource.unwrapDataSource(dataSource)));
        properties.setProperty(QuartzProperties.DATA_SOURCE, dataSourceName);
        try {
            StdSchedulerFactory factory = new StdSchedulerFactory(properties);
            scheduler = factory.getScheduler();
            // The repository is a JVM-wide lookup by name that this application never uses;
            // leaving the scheduler in it would hand the next context in the same JVM this one.
            SchedulerRepository.getInstance().remove(scheduler.getSchedulerName());
            scheduler.setJobFactory(new BeanJobFactory(beans));
        } catch (SchedulerException e) {
            throw new IllegalStateException("The Quartz scheduler could not be created: " + e.getMessage(), e);
        }
    }

    private static Properties load(@Nullable String file) {
        Properties properties = new Properties();
        try {
            if (file != null && !file.isBlank()) {
                try (InputStream in = Files.newInputStream(Path.of(file))) {
                    properties.load(in);
                }
            } else {
                try (InputStream in = QuartzScheduler.class.getClassLoader().getResourceAsStream("quartz.properties")) {
                    if (in == null) {
                        throw new IllegalStateException("quartz.properties is missing from the classpath");
                    }
                    properties.load(in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Quartz properties " + file, e);
        }
        return properties;
    }

    /** False when switched off by configuration (signage.scheduler.enabled=false). */
    public boolean isEnabled() {
        return autoStart;
    }

    /** The scheduler, to add and change triggers; jobs should be thin and call a service. */
    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (!autoStart) {
            LOG.info("The scheduler is disabled (signage.scheduler.enabled=false)");
            return;
        }
        try {
            scheduler.start();
            LOG.info("Scheduler started as cluster member {}", scheduler.getSchedulerInstanceId());
        } catch (SchedulerException e) {
            throw new IllegalStateException("The scheduler could not start: " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void stop() {
        try {
            boolean started = scheduler.isStarted();
            String name = scheduler.getSchedulerName();
            String instance = scheduler.getSchedulerInstanceId();
            scheduler.shutdown(true);
            if (started) {
                leaveCluster(name, instance);
            }
        } catch (SchedulerException e) {
            LOG.warn("The scheduler did not stop cleanly: {}", e.getMessage());
        }
    }

    /**
     * Quartz leaves a stopped member's check-in row behind, so the next server to start
     * "recovers" it and logs that it detected a failed instance after every clean stop.
     * Its jobs have finished (shutdown waited for them), so there is nothing to recover.
     */
    private void leaveCluster(String name, String instance) {
        try (java.sql.Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             java.sql.PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM qrtz_scheduler_state WHERE sched_name = ? AND instance_name = ?")) {
            delete.setString(1, name);
            delete.setString(2, instance);
            delete.executeUpdate();
        } catch (java.sql.SQLException e) {
            // the database is away: the next server recovers the row as Quartz always did
            LOG.debug("The scheduler's check-in row was left for the cluster to recover: {}", e.getMessage());
        }
    }
}
