package dk.albertslund.signage.scheduler;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;

/**
 * A job of the tests whose every run leaves a row: which trigger, for which scheduled time,
 * on which server. A run fired twice shows as two rows with the same trigger and time.
 */
@Singleton
@Requires(env = "test")
class RecordedJob implements ScheduledJob {

    static final String NAME = "recorded-firing";

    private final DataSource pool;

    RecordedJob(DataSource dataSource) {
        this.pool = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /** The table the runs are written to; a test creates it before firing the job. */
    static void createTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE recorded_firing (
                        trigger_name text        NOT NULL,
                        scheduled_at timestamptz NOT NULL,
                        server       text        NOT NULL,
                        fired_at     timestamptz NOT NULL DEFAULT clock_timestamp())""");
        }
    }

    @Override
    public Declaration declaration() {
        return new Declaration(NAME, "off", Misfire.RUN_ONCE_NOW);
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try (Connection connection = pool.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO recorded_firing (trigger_name, scheduled_at, server) VALUES (?, ?, ?)")) {
            insert.setString(1, context.getTrigger().getKey().getName());
            insert.setTimestamp(2, new Timestamp(context.getScheduledFireTime().getTime()));
            insert.setString(3, context.getScheduler().getSchedulerInstanceId());
            insert.executeUpdate();
        } catch (SQLException | SchedulerException e) {
            throw new JobExecutionException(e);
        }
    }
}
