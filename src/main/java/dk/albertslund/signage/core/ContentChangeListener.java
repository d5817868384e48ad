package dk.albertslund.signage.core;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;


/**
 * The listening half of the change bus ({@link ContentChanges} is the sending half): one
 * pooled connection LISTENs on the database's change channel and passes every batch of
 * changes it hears on inside this server as {@link ContentChangesHeard}, for the caches
 * that must follow changes made through any server (kiosk manifests, outward feeds, the
 * emergency banner). After (re)connecting it passes on an empty batch, "anything may
 * have changed", since it cannot know what it missed. It reconnects by itself when the
 * database goes away and logs when that state changes, not on every attempt
 * (docs/ARCHITECTURE.md, "The change bus").
 */
@Singleton
public class ContentChangeListener implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(ContentChangeListener.class);
    private static final int WAIT_MILLIS = 5_000;

    private final DataSource pool;
    private final ApplicationEventPublisher<ContentChangesHeard> heard;
    private volatile boolean running;
    private volatile boolean listening;
    private Thread thread;

    ContentChangeListener(DataSource dataSource, ApplicationEventPublisher<ContentChangesHeard> heard) {
        this.pool = DelegatingDataSource.unwrapDataSource(dataSource);
        this.heard = heard;
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::listen, "content-change-listener");
        thread.setDaemon(true);
        thread.start();
    }

    private void listen() {
        boolean failing = false;
        while (running) {
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + ContentChanges.CHANNEL);
                listening = true;
                if (failing) {
                    LOG.info("Listening for content changes again");
                    failing = false;
                }
                // Whatever changed while this server was not listening is caught up now.
                passOn(Set.of());
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(WAIT_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        passOn(Arrays.stream(notifications).map(PGNotification::getParameter).collect(Collectors.toSet()));
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (!running) {
                    return;
                }
                if (!failing) {
                    LOG.warn("Not listening for content changes ({}); retrying", e.getMessage());
                    failing = true;
                }
                sleep(2_000);
            }
        }
    }

    /** True while this server hears of changes made through the others (readiness asks). */
    public boolean listening() {
        return listening;
    }

    /** A cache that fails to follow must not stop the others from hearing of the change. */
    private void passOn(Set<String> kinds) {
        try {
            heard.publishEvent(new ContentChangesHeard(kinds));
        } catch (RuntimeException e) {
            LOG.warn("A cache could not follow the content changes {}: {}", kinds, e.getMessage());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
