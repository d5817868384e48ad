package dk.albertslund.signage.health;

import dk.albertslund.signage.core.ContentChangeListener;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.core.order.Ordered;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether start-up has finished. The HTTP port opens before the start-up listeners run
 * (the first-start content pack import, the scheduler, the change listener, the caches);
 * this listener is ordered after all of them, so until it has run, readiness is DOWN and
 * requests other than the probes get a 503 with Retry-After instead of half-started answers
 * (docs/OPERATIONS.md).
 */
@Singleton
public class StartupReadiness implements ApplicationEventListener<ServerStartupEvent>, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(StartupReadiness.class);

    private static final long LISTENER_WAIT_MILLIS = 5_000;

    private final ContentChangeListener changes;
    private volatile boolean started;

    StartupReadiness(ContentChangeListener changes) {
        this.changes = changes;
    }

    public boolean started() {
        return started;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        // the change listener connects on a thread of its own: ready means listening too
        long deadline = System.currentTimeMillis() + LISTENER_WAIT_MILLIS;
        while (!changes.listening() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        started = true;
        LOG.info("Ready: start-up has finished");
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
