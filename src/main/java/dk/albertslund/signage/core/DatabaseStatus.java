package dk.albertslund.signage.core;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

/**
 * Whether the database can be reached now, as every part that must fail fast asks it
 * (docs/OPERATIONS.md, "When the database goes away"). A probe thread asks PostgreSQL
 * twice a second for a row of the scheduler's lock table, which proves both the
 * connection and the scheduler's store. It keeps a connection of its own, outside the
 * pool, so a pool busy with slow requests is never mistaken for an outage. A probe that
 * has not answered within
 * {@code signage.database.probe-timeout} counts as a failure at once, so readiness turns
 * DOWN within about a second and a half even when connections hang instead of failing.
 * A request that meets an outage first wakes the probe ({@link #failed}).
 *
 * <p>The log gets one line when the database goes away and one when it is back, never one
 * per request.
 */
@Singleton
public class DatabaseStatus implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseStatus.class);
    private static final long PROBE_INTERVAL_MILLIS = 500;

    private final HikariDataSource pool;
    private @Nullable Connection connection;
    private final long probeTimeoutMillis;
    private volatile boolean reachable = true;
    private volatile boolean schedulerStore = true;
    private volatile long probeStartedAt;
    private volatile @Nullable Instant downSince;
    private volatile @Nullable String lastError;
    private volatile boolean running;
    private volatile Thread thread;

    DatabaseStatus(DataSource dataSource, @Value("${signage.database.probe-timeout:1s}") Duration probeTimeout) {
        this.pool = (HikariDataSource) DelegatingDataSource.unwrapDataSource(dataSource);
        this.probeTimeoutMillis = probeTimeout.toMillis();
    }

    /** True while the last probe succeeded and none is hanging. */
    public boolean available() {
        long started = probeStartedAt;
        if (started != 0 && System.currentTimeMillis() - started > probeTimeoutMillis) {
            markDown("no answer within " + probeTimeoutMillis + " ms");
            return false;
        }
        return reachable;
    }

    /** True while the scheduler's tables could be read by the last probe. */
    public boolean schedulerStoreReachable() {
        return available() && schedulerStore;
    }

    /** Since when the database has been away, or null while it is reachable. */
    public @Nullable Instant downSince() {
        return available() ? null : downSince;
    }

    /** The last failure, one line, for staff in the health details. */
    public @Nullable String lastError() {
        return available() ? null : lastError;
    }

    /**
     * Reports a failure a request met; true when it was an outage (the database could not
     * be reached), which the caller then answers with a 503 instead of a 500.
     */
    public boolean failed(Throwable failure) {
        if (!isOutage(failure)) {
            return false;
        }
        // The probe decides, not the request: a request that waited for a connection since
        // before the database came back would otherwise report an outage that has ended.
        Thread probing = thread;
        if (probing != null) {
            java.util.concurrent.locks.LockSupport.unpark(probing);
        }
        return true;
    }

    /** A failure to reach the database at all, as opposed to a refused statement. */
    public static boolean isOutage(@Nullable Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof ConnectException
                    || t instanceof SocketException || t instanceof SocketTimeoutException
                    || t instanceof ConnectionException || t instanceof CannotGetJdbcConnectionException) {
                // ConnectionException: Micronaut could not set up a connection it was handed,
                // e.g. one the pool closed under it as the database went ("Connection is closed")
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                // 08: connection exceptions; 57P01-03: the server is shutting down or starting
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::probeLoop, "database-probe");
        thread.setDaemon(true);
        thread.start();
    }

    private void probeLoop() {
        while (running) {
            probe();
            // woken early by a request that met an outage (failed)
            java.util.concurrent.locks.LockSupport.parkNanos(PROBE_INTERVAL_MILLIS * 1_000_000);
            if (Thread.interrupted()) {
                return;
            }
        }
    }

    /** One probe now, on the calling thread. */
    public boolean probe() {
        probeStartedAt = System.currentTimeMillis();
        try {
            Connection current = connection();
            try (Statement statement = current.createStatement()) {
                statement.setQueryTimeout((int) Math.max(1, probeTimeoutMillis / 1000));
                boolean store;
                try {
                    statement.execute("SELECT 1 FROM qrtz_locks LIMIT 1");
                    store = true;
                } catch (SQLException e) {
                    if (isOutage(e)) {
                        throw e;
                    }
                    // reachable, but the scheduler's tables are not readable (dropped, no rights)
                    store = false;
                    if (schedulerStore) {
                        LOG.warn("The scheduler's tables cannot be read: {}", oneLine(e));
                    }
                }
                schedulerStore = store;
            }
            probeStartedAt = 0;
            markUp();
            return true;
        } catch (SQLException | RuntimeException e) {
            closeConnection();
            probeStartedAt = 0;
            markDown(oneLine(e));
            return false;
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            Properties properties = new Properties();
            properties.putAll(pool.getDataSourceProperties());
            if (pool.getUsername() != null) {
                properties.setProperty("user", pool.getUsername());
            }
            if (pool.getPassword() != null) {
                properties.setProperty("password", pool.getPassword());
            }
            long seconds = Math.max(1, probeTimeoutMillis / 1000);
            properties.setProperty("connectTimeout", Long.toString(seconds));
            properties.setProperty("socketTimeout", Long.toString(seconds + 1));
            properties.setProperty("ApplicationName", "campus-signage database probe");
            connection = DriverManager.getConnection(pool.getJdbcUrl(), properties);
        }
        return connection;
    }

    private void closeConnection() {
        Connection current = connection;
        connection = null;
        if (current != null) {
            try {
                current.close();
            } catch (SQLException e) {
                // already broken
            }
        }
    }

    private synchronized void markDown(String reason) {
        lastError = reason;
        if (reachable) {
            reachable = false;
            downSince = Instant.now();
            LOG.warn("The database cannot be reached ({}): staff requests answer 503 and kiosks are served from memory until it is back", reason);
        }
    }

    private synchronized void markUp() {
        if (!reachable) {
            Instant since = downSince;
            reachable = true;
            downSince = null;
            LOG.info("The database is reachable again after {} s", since == null ? 0 : Duration.between(since, Instant.now()).toSeconds());
        }
    }

    private static String oneLine(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse("").strip();
    }

    @PreDestroy
    synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
        closeConnection();
    }
}
