package dk.albertslund.signage.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it: {@link #advance} and {@link #set}.
 * Safe to read and move from any thread. A test class gets it as the server's one
 * {@link Clock} by putting {@link #PROPERTY} = {@code "true"} in its properties (see
 * {@link TestClockFactory}) and injecting {@code TestClock}; it starts at the real time,
 * in whole milliseconds, when the context starts.
 */
public final class TestClock extends Clock {

    /** The property with which a test class replaces the server's clock by a {@code TestClock}. */
    public static final String PROPERTY = "signage.testing.clock";

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private TestClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** A clock standing at this instant, in UTC. */
    public static TestClock at(Instant instant) {
        return new TestClock(new AtomicReference<>(instant), ZoneOffset.UTC);
    }

    /** Moves the clock on (or back, for a negative amount); returns the new time. */
    public Instant advance(Duration amount) {
        return now.updateAndGet(t -> t.plus(amount));
    }

    /** Puts the clock at this instant. */
    public void set(Instant instant) {
        now.set(instant);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same moving time seen in another zone: moving either moves both. */
    @Override
    public Clock withZone(ZoneId other) {
        return other.equals(zone) ? this : new TestClock(now, other);
    }
}
