package dk.albertslund.signage.staff;

import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.EnumSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guessing from one address without trusted proxies: the forwarding headers are not
 * believed, and failures with made-up usernames do not lock real accounts out.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginThrottleApiTest implements PostgresTest {

    @Inject
    Fixtures fixtures;

    @Test
    void twenty_failures_with_made_up_usernames_do_not_lock_out_a_real_account() {
        String real = fixtures.staffMember(EnumSet.of(Role.VIEWER));
        for (int i = 0; i < 20; i++) {
            Api.Response failed = fixtures.anonymous().post("/api/v1/auth/login",
                    Map.of("username", fixtures.unique("guess"), "password", "wrong password " + i));
            assertThat(failed.status()).as("attempt %d", i + 1).isEqualTo(401);
        }

        Api.Response theRightPassword = fixtures.anonymous().post("/api/v1/auth/login",
                Map.of("username", real, "password", Fixtures.PASSWORD));

        assertThat(theRightPassword.status()).isEqualTo(200);
    }

    @Test
    void a_made_up_forwarding_header_does_not_escape_the_account_limit() {
        String victim = fixtures.staffMember(EnumSet.of(Role.VIEWER));
        for (int i = 0; i < 5; i++) {
            assertThat(login(victim, "wrong password", "203.0.113." + i).status()).isEqualTo(401);
        }
        Api.Response sixth = login(victim, "wrong password", "203.0.113.99");
        assertThat(sixth.status()).isEqualTo(429);
        assertThat((String) sixth.body().get("detail")).startsWith("Too many failed sign-in attempts. Try again in ");
    }

    private Api.Response login(String username, String password, String forwardedFor) {
        return fixtures.anonymous().send(HttpRequest.POST("/api/v1/auth/login", Map.of("username", username, "password", password))
                .header("X-Forwarded-For", forwardedFor));
    }
}
