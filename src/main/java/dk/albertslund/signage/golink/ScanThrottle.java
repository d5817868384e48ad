package dk.albertslund.signage.golink;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@link #PER_MINUTE} scans of one code are counted in one minute, on each server.
 * A script that fetches a short address in a loop would otherwise make any message look
 * popular; people in front of one screen do not scan one code more often than that. It is
 * kept by code, never by who asks, so no address or device is held, not even in memory
 * (docs/LINKS.md). Whoever is over the limit is still sent on to the link: only the count
 * stops.
 */
final class ScanThrottle {

    static final int PER_MINUTE = 30;
    /** Codes seen in older minutes are dropped once this many are held. */
    private static final int PRUNE_ABOVE = 10_000;

    private record Minute(long minute, int scans) {
    }

    private final Map<String, Minute> counted = new ConcurrentHashMap<>();

    /** Whether this scan of {@code code} at {@code now} is one to count. */
    boolean allow(String code, Instant now) {
        long minute = now.getEpochSecond() / 60;
        if (counted.size() > PRUNE_ABOVE) {
            counted.values().removeIf(m -> m.minute() < minute);
        }
        Minute after = counted.compute(code, (c, m) -> m == null || m.minute() != minute ? new Minute(minute, 1)
                : new Minute(minute, m.scans() + 1));
        return after.scans() <= PER_MINUTE;
    }
}
