package dk.albertslund.signage.staff;

import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A wrong password for a real account and an unknown username take about as long, so the
 * answer's timing does not reveal which usernames exist. A behaviour check with a wide
 * margin: without the dummy hash the unknown username is some twenty times faster.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInTimingTest implements PostgresTest {

    private static final int TRIES = 8;

    @Inject
    Fixtures fixtures;

    @Test
    void an_unknown_username_costs_as_much_as_a_wrong_password() {
        // Fewer tries per account than the per-account limit, so neither path is throttled.
        long[] known = new long[TRIES];
        long[] unknown = new long[TRIES];
        attempt(fixtures.staffMember(EnumSet.of(Role.VIEWER)));
        attempt(fixtures.unique("nobody"));
        for (int i = 0; i < TRIES; i++) {
            known[i] = attempt(fixtures.staffMember(EnumSet.of(Role.VIEWER)));
            unknown[i] = attempt(fixtures.unique("nobody"));
        }
        assertThat(median(unknown)).as("median of unknown %s vs known %s", Arrays.toString(unknown), Arrays.toString(known))
                .isGreaterThanOrEqualTo(median(known) / 2);
    }

    private long attempt(String username) {
        long start = System.nanoTime();
        int status = fixtures.anonymous().post("/api/v1/auth/login", Map.of("username", username, "password", "wrong password")).status();
        long took = System.nanoTime() - start;
        assertThat(status).isEqualTo(401);
        return took;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
