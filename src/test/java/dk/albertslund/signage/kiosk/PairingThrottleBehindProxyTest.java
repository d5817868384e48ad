package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a trusted reverse proxy (the test's own loopback peer) every kiosk and staff
 * member arrives from the proxy's address; the pairing code throttle keys on the forwarded
 * client, as sign-in does, so one client's wrong codes do not lock out pairing elsewhere.
 * {@link PairingThrottleTest} shows the header is ignored when the peer is not trusted.
 */
@MicronautTest(transactional = false)
@Property(name = "signage.security.trusted-proxies", value = "127.0.0.0/8, ::1/128")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PairingThrottleBehindProxyTest implements PostgresTest {

    @Inject
    Kiosks kiosks;

    @Test
    void wrong_codes_from_one_forwarded_client_do_not_throttle_another_behind_the_same_proxy() {
        String screen = kiosks.screen("Biblioteket, foyer");
        for (String guess : new String[] {"AAAAAAAA", "CCCCCCCC", "DDDDDDDD", "EEEEEEEE", "FFFFFFFF"}) {
            assertThat(claim(guess, screen, "198.51.100.7").status()).as(guess).isEqualTo(404);
        }
        assertThat(claim("GGGGGGGG", screen, "198.51.100.7").status()).isEqualTo(429);

        Kiosks.Asked asked = kiosks.asked();
        assertThat(claim("HHHHHHHH", screen, "192.0.2.10").status()).isEqualTo(404);
        assertThat(claim(asked.code(), screen, "192.0.2.10").status()).isEqualTo(200);
    }

    private Api.Response claim(String code, String screen, String forwardedFor) {
        return kiosks.admin().send(HttpRequest.POST("/api/v1/kiosk/pairings/claim", Map.of("code", code, "screen", screen))
                .header("X-Forwarded-For", forwardedFor));
    }
}
