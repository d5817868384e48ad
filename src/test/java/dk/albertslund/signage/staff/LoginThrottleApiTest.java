package dk.albertslund.signage.staff;

import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.EnumSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guessing spread over many accounts from one address. In a class of its own: once the
 * address is throttled, no other sign-in from the test's address would work for a minute.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginThrottleApiTest implements PostgresTest {

    @Inject
    Fixtures fixtures;

    @Test
    void the_twenty_first_failed_attempt_from_one_address_across_accounts_is_refused_with_429() {
        String real = fixtures.staffMember(EnumSet.of(Role.VIEWER));
        for (int i = 0; i < 20; i++) {
            Api.Response failed = fixtures.anonymous().post("/api/v1/auth/login",
                    Map.of("username", "guess-" + i, "password", "wrong password " + i));
            assertThat(failed.status()).as("attempt %d", i + 1).isEqualTo(401);
        }

        Api.Response twentyFirst = fixtures.anonymous().post("/api/v1/auth/login",
                Map.of("username", "guess-other", "password", "wrong password"));
        Api.Response evenTheRightPassword = fixtures.anonymous().post("/api/v1/auth/login",
                Map.of("username", real, "password", Fixtures.PASSWORD));

        assertThat(twentyFirst.status()).isEqualTo(429);
        assertThat((String) twentyFirst.body().get("detail")).startsWith("Too many failed sign-in attempts. Try again in ");
        assertThat(evenTheRightPassword.status()).isEqualTo(429);
    }
}
