package dk.albertslund.signage.staff;

import dk.albertslund.signage.config.SignageConfiguration;
import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.ProblemException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after too many failures in a minute, for one account
 * from one address, or from one address over all accounts, further attempts are refused
 * with 429 until the minute has passed. The account limit is keyed with the address so
 * that someone guessing at an account cannot lock its owner out from elsewhere; the far
 * higher address limit stops spraying one password over many accounts. Kept in memory per server process, which bounds guessing per process;
 * failures are not persisted.
 */
@Singleton
public class LoginThrottle {

    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_TRACKED = 100_000;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final int perAccount;
    private final int perAddress;
    private final Clock clock;

    LoginThrottle(SignageConfiguration configuration, Clock clock) {
        this.perAccount = configuration.getSecurity().getLoginAttempts().getPerAccountPerMinute();
        this.perAddress = configuration.getSecurity().getLoginAttempts().getPerAddressPerMinute();
        this.clock = clock;
    }

    public void check(String account, String address) {
        Instant now = clock.instant();
        long wait = Math.max(waitSeconds(accountKey(account, address), perAccount, now), waitSeconds("address:" + address, perAddress, now));
        if (wait > 0) {
            throw new ProblemException(429, "Too Many Requests", Message.of("staff.login.throttled", wait), List.of());
        }
    }

    public void failed(String account, String address) {
        Instant now = clock.instant();
        if (failures.size() > MAX_TRACKED) {
            failures.clear();
        }
        record(accountKey(account, address), now);
        record("address:" + address, now);
    }

    public void succeeded(String account, String address) {
        failures.remove(accountKey(account, address));
    }

    private static String accountKey(String account, String address) {
        return "account:" + account + "@" + address;
    }

    private void record(String key, Instant now) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(now);
        }
    }

    private long waitSeconds(String key, int limit, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(WINDOW))) {
                times.removeFirst();
            }
            if (times.size() < limit) {
                return 0;
            }
            return Math.max(1, Duration.between(now, times.peekFirst().plus(WINDOW)).toSeconds());
        }
    }
}
