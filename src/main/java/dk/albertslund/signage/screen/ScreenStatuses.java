package dk.albertslund.signage.screen;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.Map;

/**
 * Whether each screen is online, as its kiosk's heartbeats tell. Kiosks sit above screens
 * in the stack (docs/ARCHITECTURE.md), so the screen lists ask through this and the kiosk
 * feature answers.
 */
public interface ScreenStatuses {

    /** {@code since} is when it went online or offline; a screen that never sent a heartbeat is offline since nothing. */
    record Status(boolean online, @Nullable Instant since, @Nullable Instant lastHeartbeatAt) {
        public static final Status NEVER_SEEN = new Status(false, null, null);
    }

    /** The status of every screen that has one, by screen id. */
    Map<Long, Status> all();
}
