package dk.albertslund.signage.scheduler;

import org.quartz.utils.ConnectionProvider;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Hands Quartz connections from the application's Hikari pool. Quartz manages its own
 * transactions on them, so it gets the real pool, not Micronaut Data's transaction-aware
 * proxy; and shutting Quartz down must not close the pool, which the application owns.
 */
final class PoolConnectionProvider implements ConnectionProvider {

    private final DataSource pool;

    PoolConnectionProvider(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void shutdown() {
        // the application closes its pool itself
    }

    @Override
    public void initialize() {
        // the pool is already running
    }
}
