package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.departures.Departures;
import dk.albertslund.signage.core.ContentChangesHeard;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import dk.albertslund.signage.core.ContentChanged;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps this server's manifests current and tells the affected kiosks: when a change is
 * heard on the change bus (made through any server), and when a manifest reaches its
 * next change instant, which happens without any notification (a window opening). It
 * works on a thread of its own, never on the change listener's or an event loop's: changes
 * heard while a refresh runs are gathered into the next one, so a burst of changes costs one
 * campus read and one rebuild, and a change and an expiry never build the same manifest
 * twice at once. Kiosks are told batch by batch, as {@link Manifests#refreshHeld} builds them.
 */
@Singleton
class ManifestRefresher implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(ManifestRefresher.class);
    /** How often held manifests are checked for having reached their next change instant. */
    private static final long EXPIRY_CHECK_MILLIS = 1_000;
    /** How long a staff request that changed content waits for the kiosks' manifests to follow. */
    private static final long WAIT_FOR_REFRESH_MILLIS = 2_000;

    /**
     * Changes no manifest shows: new train times (the board has its own endpoint), kiosks
     * paired or revoked, staff accounts and their API tokens. Without this, pairing a kiosk
     * would rebuild every manifest the server holds.
     */
    private static final java.util.Set<String> NOT_ON_SCREENS = java.util.Set.of(Departures.CHANGE, "device", "staff_user", "api_token");

    private final Manifests manifests;
    private final KioskEvents events;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "manifest-refresher");
        thread.setDaemon(true);
        return thread;
    });
    /** A refresh is waiting to run: further changes heard until it starts ride along with it. */
    private final AtomicBoolean queued = new AtomicBoolean();
    private volatile Future<?> pending;
    private boolean started;
    private boolean failing;

    ManifestRefresher(Manifests manifests, KioskEvents events) {
        this.manifests = manifests;
        this.events = events;
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (started) {
            return;
        }
        started = true;
        worker.scheduleWithFixedDelay(this::refreshExpired, EXPIRY_CHECK_MILLIS, EXPIRY_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @EventListener
    void onChangesHeard(ContentChangesHeard heard) {
        if (!mayShow(heard.kinds())) {
            return;
        }
        manifests.contentChanged();
        refreshSoon();
    }

    /**
     * A change made through this server, committed: counted at once, so no kiosk asking
     * from now on gets a manifest of the campus from before it, and the refresh it needs
     * is waited for, up to {@link #WAIT_FOR_REFRESH_MILLIS}, so the staff member's request
     * returns with the change in the manifests of the kiosks this server holds (a small
     * campus's take well under that; a campus of thousands does not keep staff waiting
     * longer). Its notification, heard moments later, finds the campus read already.
     */
    @TransactionalEventListener
    void onContentCommitted(ContentChanged changed) {
        if (!mayShow(java.util.Set.of(changed.entityType()))) {
            return;
        }
        manifests.contentChanged();
        Future<?> refreshing = refreshSoon();
        if (!manifests.holdsAny()) {
            return; // no kiosk to wait for: a content-pack import at first start does not wait per message
        }
        try {
            refreshing.get(WAIT_FOR_REFRESH_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // kiosks are told when it is done
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The refresh waiting to run, or a new one: changes heard until it starts ride along with it. */
    private Future<?> refreshSoon() {
        synchronized (queued) {
            if (queued.compareAndSet(false, true)) {
                pending = worker.submit(() -> {
                    queued.set(false);
                    refresh();
                });
            }
            return pending;
        }
    }

    /** Whether changes of these kinds can change a manifest; an empty set (anything may have changed) can. */
    static boolean mayShow(java.util.Set<String> kinds) {
        return kinds.isEmpty() || !NOT_ON_SCREENS.containsAll(kinds);
    }

    private void refreshExpired() {
        if (manifests.anyExpired() || manifests.campusBehind()) {
            refresh();
        }
    }

    /** Runs on the refresher's thread only. */
    private void refresh() {
        try {
            manifests.refreshHeld(changes -> {
                for (Manifests.Change change : changes) {
                    events.manifestChanged(change.screenId(), change.etag(), change.emergencyChanged());
                }
            });
            if (failing) {
                LOG.info("Manifests are being rebuilt again");
                failing = false;
            }
        } catch (RuntimeException e) {
            // the database may be away: kiosks keep the manifests they have; log the state change only
            if (!failing) {
                LOG.warn("Could not rebuild manifests ({}); kiosks keep what they have", e.getMessage());
                failing = true;
            }
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
