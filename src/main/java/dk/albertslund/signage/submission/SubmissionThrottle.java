package dk.albertslund.signage.submission;

import dk.albertslund.signage.core.Sha256;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How often the form may be sent, on each server, before the weekly limit of a link is
 * even asked: at most {@link #PER_ADDRESS_PER_HOUR} tries from one client address and
 * {@link #PER_LINK_PER_HOUR} through one link in an hour. Tries count, not only messages
 * taken, so a script cannot probe the form for free; a person who mends a mistake a few
 * times stays well under the limit. A script with a leaked link, or
 * one phone sending in a loop, is stopped here without touching the database. The address
 * is the one {@code core.ClientAddress} reads (trusted proxies, README "Security"), held
 * only in memory, only as a hash and only for the hour: it is never stored (README
 * "Submission links").
 */
@Singleton
class SubmissionThrottle {

    static final int PER_ADDRESS_PER_HOUR = 10;
    static final int PER_LINK_PER_HOUR = 30;
    /** Live previews are cheap but not free: a generous limit so typing never meets it. */
    static final int PREVIEWS_PER_ADDRESS_PER_HOUR = 1000;
    private static final int PRUNE_ABOVE = 10_000;

    private record Hour(long hour, int count) {
    }

    private final Map<String, Hour> counted = new ConcurrentHashMap<>();
    private final Clock clock;

    SubmissionThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Counts one message from {@code address} through link {@code linkId}; false when either is over its limit. */
    boolean allowSend(String address, long linkId) {
        boolean byAddress = count("send:" + Sha256.hex(address)) <= PER_ADDRESS_PER_HOUR;
        boolean byLink = count("link:" + linkId) <= PER_LINK_PER_HOUR;
        return byAddress && byLink;
    }

    boolean allowPreview(String address) {
        return count("preview:" + Sha256.hex(address)) <= PREVIEWS_PER_ADDRESS_PER_HOUR;
    }

    /** Forgets every count (tests start each case from a fresh hour). */
    void forget() {
        counted.clear();
    }

    private int count(String key) {
        long hour = clock.instant().getEpochSecond() / 3600;
        if (counted.size() > PRUNE_ABOVE) {
            counted.values().removeIf(h -> h.hour() < hour);
        }
        return counted.compute(key, (k, h) -> h == null || h.hour() != hour ? new Hour(hour, 1) : new Hour(hour, h.count() + 1)).count();
    }
}
