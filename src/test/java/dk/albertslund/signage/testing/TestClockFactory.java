package dk.albertslund.signage.testing;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Replaces the server's clock by a {@link TestClock} in the contexts of test classes that set {@link TestClock#PROPERTY}. */
@Factory
@Requires(env = "test")
@Requires(property = TestClock.PROPERTY, value = "true")
class TestClockFactory {

    @Singleton
    @Replaces(Clock.class)
    TestClock testClock() {
        return TestClock.at(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }
}
