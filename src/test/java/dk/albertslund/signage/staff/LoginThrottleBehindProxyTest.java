package dk.albertslund.signage.staff;

import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.EnumSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a trusted reverse proxy (the test's own loopback peer), every staff member
 * arrives from the proxy's address; the throttle keys on the forwarded client instead,
 * so one client's guessing locks out neither other clients nor the account's owner.
 */
@MicronautTest(transactional = false)
@Property(name = "signage.security.trusted-proxies", value = "127.0.0.0/8, ::1/128")
@Property(name = "signage.security.login-attempts.per-address-per-minute", value = "30")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginThrottleBehindProxyTest implements PostgresTest {

    @Inject
    Fixtures fixtures;

    @Test
    void guessing_at_an_account_from_one_client_does_not_lock_out_its_owner_elsewhere() {
        String victim = fixtures.staffMember(EnumSet.of(Role.VIEWER));
        for (int i = 0; i < 5; i++) {
            assertThat(login(victim, "wrong password", "X-Forwarded-For", "198.51.100.7").status()).isEqualTo(401);
        }
        assertThat(login(victim, "wrong password", "X-Forwarded-For", "198.51.100.7").status()).isEqualTo(429);

        assertThat(login(victim, Fixtures.PASSWORD, "X-Forwarded-For", "192.0.2.10").status()).isEqualTo(200);
        assertThat(login(victim, Fixtures.PASSWORD, "Forwarded", "for=\"[2001:db8::1]:4711\"").status()).isEqualTo(200);
    }

    @Test
    void spraying_many_accounts_from_one_client_hits_the_address_limit_for_that_client_only() {
        String someone = fixtures.staffMember(EnumSet.of(Role.VIEWER));
        for (int i = 0; i < 30; i++) {
            assertThat(login(fixtures.unique("spray"), "Summer2026!", "X-Forwarded-For", "203.0.113.50").status())
                    .as("attempt %d", i + 1).isEqualTo(401);
        }
        assertThat(login(someone, Fixtures.PASSWORD, "X-Forwarded-For", "203.0.113.50").status()).isEqualTo(429);
        // the left entry is the client's own claim and could be forged; the proxy appended the right one
        assertThat(login(someone, Fixtures.PASSWORD, "X-Forwarded-For", "203.0.113.50, 192.0.2.11").status()).isEqualTo(200);
    }

    private Api.Response login(String username, String password, String header, String value) {
        return fixtures.anonymous().send(HttpRequest.POST("/api/v1/auth/login", Map.of("username", username, "password", password))
                .header(header, value));
    }
}
