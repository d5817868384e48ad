package dk.albertslund.signage.emergency;

import dk.albertslund.signage.core.ContentChanged;
import dk.albertslund.signage.core.ContentChangesHeard;
import dk.albertslund.signage.web.EmergencyBanners;
import dk.albertslund.signage.web.Layout;
import dk.albertslund.signage.web.Messages;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The emergency banner on every staff page, answered from memory: pages may render on
 * the event loop, where the database must not be read. The list of emergencies is loaded
 * again after every committed change of announcements or schedule entries on this server
 * or heard from another one, straight after an emergency is started or cleared here, and
 * in the background when it is older than {@link #MAX_AGE}, in case the change channel was
 * down. An emergency whose time is up disappears on time without a reload.
 */
@Singleton
class EmergencyBannerCache implements EmergencyBanners, ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(EmergencyBannerCache.class);
    static final Duration MAX_AGE = Duration.ofSeconds(30);
    private static final Set<String> RELEVANT = Set.of("announcement", "schedule_entry", "playlist", "screen_group");

    private record Loaded(List<EmergencyService.Active> emergencies, Instant at) {
    }

    private final EmergencyService emergencies;
    private final Messages messages;
    private final Clock clock;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "emergency-banner");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Loaded loaded;

    EmergencyBannerCache(EmergencyService emergencies, Messages messages, Clock clock) {
        this.emergencies = emergencies;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    @Nullable
    public Layout.EmergencyBanner current(String lang) {
        Loaded now = loaded;
        Instant instant = clock.instant();
        if (now == null || now.at().plus(MAX_AGE).isBefore(instant)) {
            reloadSoon();
        }
        if (now == null) {
            return null;
        }
        return now.emergencies().stream().filter(e -> e.onAt(instant)).findFirst()
                .map(e -> new Layout.EmergencyBanner(e.title(), target(lang, e), "/admin/emergency"))
                .orElse(null);
    }

    /** Reads the emergencies now; for callers off the event loop that have just changed one. */
    void reload() {
        loaded = new Loaded(List.copyOf(emergencies.all()), clock.instant());
    }

    String target(String lang, EmergencyService.Active emergency) {
        if (!emergency.screens().isEmpty()) {
            return messages.text(lang, "emergency.target.screens", String.join(", ", emergency.screenNames()));
        }
        return emergency.group() == null ? messages.text(lang, "emergency.target.all")
                : messages.text(lang, "emergency.target.group", emergency.groupName());
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        reloadSoon();
    }

    @TransactionalEventListener
    void onContentChanged(ContentChanged changed) {
        if (RELEVANT.contains(changed.entityType())) {
            reloadSoon();
        }
    }

    /** How an emergency started or cleared through another server arrives. */
    @EventListener
    void onContentChangesHeard(ContentChangesHeard heard) {
        if (heard.mayConcern(RELEVANT)) {
            reloadSoon();
        }
    }

    private void reloadSoon() {
        if (pending.compareAndSet(false, true)) {
            worker.execute(() -> {
                pending.set(false);
                try {
                    reload();
                } catch (RuntimeException e) {
                    LOG.warn("The emergency banner could not be brought up to date: {}", e.getMessage());
                }
            });
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
