package dk.albertslund.signage.schedule;

import java.time.Instant;
import java.util.Set;

/**
 * Published inside the server when the clock moved screens on to a different programme
 * (a window opened or closed, an announcement's publish window began or ended).
 */
public record ScreensChanged(Set<String> screens, Instant at) {
}
