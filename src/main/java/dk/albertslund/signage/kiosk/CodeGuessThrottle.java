package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.core.Message;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes pairing codes impossible to guess: after a few refused codes in a minute from
 * one address that address must wait, and past a bound across all addresses everyone
 * must (a guesser with many addresses gets no further than that bound, ~100 guesses a
 * minute against 25^8 codes). Kept in memory per server process, like the sign-in
 * throttle.
 */
@Singleton
class CodeGuessThrottle {

    private static final Logger LOG = LoggerFactory.getLogger(CodeGuessThrottle.class);
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_ADDRESSES = 100_000;

    private final Map<String, Window> byAddress = new ConcurrentHashMap<>();
    private final Window everyone;
    private final int perAddress;
    private final Clock clock;

    CodeGuessThrottle(KioskSettings settings, Clock clock) {
        this.perAddress = settings.getCodeFailuresPerAddressPerMinute();
        this.everyone = new Window(settings.getCodeFailuresPerMinute());
        this.clock = clock;
    }

    /** Refuses with 429 while this address, or everyone, has used up the minute's failures. */
    void check(String address) {
        Instant now = clock.instant();
        Window own = byAddress.get(address);
        long wait = own == null ? 0 : own.secondsToWait(now);
        if (wait > 0) {
            throw new TooManyRequests(Message.of("kiosk.pairing.wrongCodesHere", wait), wait);
        }
        wait = everyone.secondsToWait(now);
        if (wait > 0) {
            throw new TooManyRequests(Message.of("kiosk.pairing.wrongCodes", wait), wait);
        }
    }

    void failed(String address) {
        Instant now = clock.instant();
        if (byAddress.size() > MAX_ADDRESSES) {
            byAddress.clear();
        }
        if (byAddress.computeIfAbsent(address, a -> new Window(perAddress)).add(now)) {
            LOG.warn("Pairing codes from {} are refused for a minute after {} wrong ones", address, perAddress);
        }
        if (everyone.add(now)) {
            LOG.warn("Pairing codes are refused for everyone for a minute: {} wrong ones within a minute", everyone.limit);
        }
    }

    /** The failures of the last minute, up to the limit. */
    private static final class Window {
        private final ArrayDeque<Instant> failures = new ArrayDeque<>();
        private final int limit;

        Window(int limit) {
            this.limit = limit;
        }

        /** Records a failure; true when it is the one that reaches the limit. */
        synchronized boolean add(Instant now) {
            forgetBefore(now.minus(WINDOW));
            boolean reaches = failures.size() == limit - 1;
            failures.addLast(now);
            while (failures.size() > limit) {
                failures.removeFirst();
            }
            return reaches;
        }

        synchronized long secondsToWait(Instant now) {
            forgetBefore(now.minus(WINDOW));
            if (failures.size() < limit) {
                return 0;
            }
            Duration left = Duration.between(now, failures.peekFirst().plus(WINDOW));
            return Math.max(1, (left.toMillis() + 999) / 1000);
        }

        private void forgetBefore(Instant cutoff) {
            while (!failures.isEmpty() && !failures.peekFirst().isAfter(cutoff)) {
                failures.removeFirst();
            }
        }
    }
}
