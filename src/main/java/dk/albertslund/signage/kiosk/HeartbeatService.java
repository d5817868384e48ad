package dk.albertslund.signage.kiosk;

import com.fasterxml.jackson.annotation.JsonInclude;
import dk.albertslund.signage.screen.Screen;
import dk.albertslund.signage.screen.ScreenService;
import dk.albertslund.signage.screen.ScreenStatuses;
import dk.albertslund.signage.core.FieldErrors;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Heartbeats: what each kiosk says about itself every minute, and from them whether its
 * screen is online. A screen is online from its first heartbeat and goes offline only
 * once none has come for {@code signage.kiosk.offline-after} (3 minutes), so one late or
 * lost heartbeat does not make it flap; each change is recorded once, with its time.
 */
@Singleton
public class HeartbeatService implements ScreenStatuses {

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatService.class);
    static final int MAX_TEXT = 200;
    static final int MAX_ERRORS = 10;
    static final long MAX_UPTIME_SECONDS = 10L * 366 * 24 * 3600;
    static final long MAX_HEAP_BYTES = 64L << 30;
    static final long MAX_CACHE_BYTES = 1L << 40;
    /** A kiosk without a real-time clock may boot in 1970: still worth reporting, so a century either way. */
    static final long MAX_CLOCK_OFFSET_MS = 100L * 366 * 24 * 3600 * 1000;

    private final HeartbeatRepository heartbeats;
    private final DeviceService devices;
    private final ScreenService screens;
    private final JdbcOperations jdbc;
    private final Duration offlineAfter;
    private final Clock clock;

    HeartbeatService(HeartbeatRepository heartbeats, DeviceService devices, ScreenService screens, JdbcOperations jdbc,
                     KioskSettings settings, Clock clock) {
        this.heartbeats = heartbeats;
        this.devices = devices;
        this.screens = screens;
        this.jdbc = jdbc;
        this.offlineAfter = settings.getOfflineAfter();
        this.clock = clock;
    }

    /** A screen's status for staff: online or offline, since when, and the last heartbeat as stored. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Status(String screen, String status, @Nullable Instant since, @Nullable Instant lastHeartbeatAt,
                         @Nullable LastHeartbeat lastHeartbeat) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record LastHeartbeat(long device, Instant receivedAt, @Nullable String clientVersion, @Nullable Long uptimeSeconds,
                                @Nullable String currentSlideId, @Nullable String manifestEtag, @Nullable Long jsHeapBytes,
                                @Nullable Long cacheBytes, @Nullable Long clockOffsetMs, List<String> recentErrors) {
        static LastHeartbeat of(Heartbeat h) {
            return new LastHeartbeat(h.deviceId(), h.receivedAt(), h.clientVersion(), h.uptimeSeconds(), h.currentSlideId(),
                    h.manifestEtag(), h.jsHeapBytes(), h.cacheBytes(), h.clockOffsetMs(), List.copyOf(h.recentErrors()));
        }
    }

    /** Stores a heartbeat (every field checked; any bad one is named in a 400) and marks the screen online. */
    @Transactional
    public void record(KioskDevice device, @Nullable JsonNode body) {
        DeviceInput input = DeviceInput.body(body, new FieldErrors());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Heartbeat heartbeat = new Heartbeat(null, device.id(), device.screenId(), now,
                input.text("clientVersion", MAX_TEXT),
                input.whole("uptimeSeconds", 0, MAX_UPTIME_SECONDS),
                input.textOrNumber("currentSlideId", MAX_TEXT),
                input.text("manifestEtag", MAX_TEXT),
                input.whole("jsHeapBytes", 0, MAX_HEAP_BYTES),
                input.whole("cacheBytes", 0, MAX_CACHE_BYTES),
                input.whole("clockOffsetMs", -MAX_CLOCK_OFFSET_MS, MAX_CLOCK_OFFSET_MS),
                input.texts("recentErrors", MAX_ERRORS, MAX_TEXT));
        input.errors().throwIfAny();
        heartbeats.save(heartbeat);
        devices.seen(device.id());
        if (markOnline(device.screenId(), now)) {
            LOG.info("Screen {} is online", device.screenSlug());
        }
    }

    @Transactional
    public Status status(String screenSlug) {
        Screen screen = screens.require(screenSlug);
        LastHeartbeat last = heartbeats.findFirstByScreenIdOrderByIdDesc(screen.id()).map(LastHeartbeat::of).orElse(null);
        return jdbc.prepareStatement("SELECT online, online_since, offline_since, last_heartbeat_at FROM screen_status WHERE screen_id = ?",
                statement -> {
                    statement.setLong(1, screen.id());
                    try (var rows = statement.executeQuery()) {
                        if (!rows.next()) {
                            return new Status(screen.slug(), "offline", null, null, last);
                        }
                        boolean online = rows.getBoolean(1);
                        return new Status(screen.slug(), online ? "online" : "offline",
                                instant(rows.getObject(online ? 2 : 3, OffsetDateTime.class)),
                                instant(rows.getObject(4, OffsetDateTime.class)), last);
                    }
                });
    }

    /** A screen's latest heartbeats, newest first. */
    @Transactional
    public List<LastHeartbeat> latest(long screenId) {
        return heartbeats.findTop10ByScreenIdOrderByIdDesc(screenId).stream().map(LastHeartbeat::of).toList();
    }

    /** Every screen's status, for the screen lists and the dashboard. */
    @Override
    @Transactional
    public Map<Long, ScreenStatuses.Status> all() {
        return jdbc.prepareStatement("SELECT screen_id, online, online_since, offline_since, last_heartbeat_at FROM screen_status",
                statement -> {
                    Map<Long, ScreenStatuses.Status> found = new HashMap<>();
                    try (var rows = statement.executeQuery()) {
                        while (rows.next()) {
                            boolean online = rows.getBoolean(2);
                            found.put(rows.getLong(1), new ScreenStatuses.Status(online,
                                    instant(rows.getObject(online ? 3 : 4, OffsetDateTime.class)),
                                    instant(rows.getObject(5, OffsetDateTime.class))));
                        }
                    }
                    return found;
                });
    }

    /**
     * Marks offline every online screen whose last heartbeat is at least {@code offline-after}
     * before {@code now}, with the instant it went offline (last heartbeat + grace). Safe
     * to run any number of times: a screen already offline is left as it is. Returns the
     * slugs of the screens that went offline.
     */
    @Transactional
    public List<String> markOfflineScreens(Instant now) {
        List<Long> screenIds = jdbc.prepareStatement("""
                UPDATE screen_status st SET online = false,
                    offline_since = st.last_heartbeat_at + (? * interval '1 millisecond')
                WHERE st.online AND st.last_heartbeat_at <= ?
                RETURNING st.screen_id""", statement -> {
            statement.setLong(1, offlineAfter.toMillis());
            statement.setObject(2, utc(now.minus(offlineAfter)));
            List<Long> ids = new ArrayList<>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        });
        List<String> wentOffline = screenIds.stream().map(id -> screens.findById(id).map(Screen::slug).orElse("#" + id))
                .sorted().toList();
        if (!wentOffline.isEmpty()) {
            LOG.warn("No heartbeat for {}: now offline: {}", offlineAfter, String.join(", ", wentOffline));
        }
        return wentOffline;
    }

    /**
     * Deletes heartbeats received before the cutoff, keeping each device's latest (the
     * status shows it). For the retention job; returns how many were deleted.
     */
    @Transactional
    public long prune(Instant cutoff) {
        return heartbeats.deleteReceivedBefore(cutoff);
    }

    /** Online from now unless it already was; true when this heartbeat brought it online. */
    private boolean markOnline(long screenId, Instant now) {
        return jdbc.prepareStatement("""
                INSERT INTO screen_status (screen_id, online, online_since, last_heartbeat_at) VALUES (?, true, ?, ?)
                ON CONFLICT (screen_id) DO UPDATE SET
                    online_since = CASE WHEN screen_status.online THEN screen_status.online_since ELSE EXCLUDED.online_since END,
                    online = true,
                    last_heartbeat_at = GREATEST(screen_status.last_heartbeat_at, EXCLUDED.last_heartbeat_at)
                RETURNING online_since = ?""", statement -> {
            OffsetDateTime at = utc(now);
            statement.setLong(1, screenId);
            statement.setObject(2, at);
            statement.setObject(3, at);
            statement.setObject(4, at);
            try (var rows = statement.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        });
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    @Nullable
    private static Instant instant(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
