package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guessing codes from one address, with the default limits. In a class of its own: once
 * the address is throttled, no pairing from the test's address works for a minute.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PairingThrottleTest implements PostgresTest {

    @Inject
    Kiosks kiosks;

    @Test
    void the_sixth_wrong_code_in_a_minute_is_refused_with_429_and_so_is_the_right_one_then() {
        String screen = kiosks.screen("Gymnasiet, indgang");
        Kiosks.Asked asked = kiosks.asked();
        String[] guesses = {"AAAAAAAA", "CCCCCCCC", "DDDDDDDD", "EEEEEEEE", "FFFFFFFF"};
        for (int i = 0; i < guesses.length; i++) {
            // from a peer that is no trusted proxy a forwarding header is the client's own claim: ignored
            Api.Response guess = i % 2 == 0
                    ? kiosks.admin().send(HttpRequest.GET("/api/v1/kiosk/pairings/by-code/" + guesses[i]).header("X-Forwarded-For", "198.51.100." + i))
                    : kiosks.claim(kiosks.admin(), guesses[i], screen);
            assertThat(guess.status()).as("guess %d", i + 1).isEqualTo(404);
        }

        Api.Response sixth = kiosks.admin().send(HttpRequest.POST("/api/v1/kiosk/pairings/claim", Map.of("code", "GGGGGGGG", "screen", screen))
                .header("X-Forwarded-For", "192.0.2.10"));
        Api.Response right = kiosks.claim(kiosks.admin(), asked.code(), screen);

        assertThat(sixth.status()).isEqualTo(429);
        assertThat((String) sixth.body().get("detail")).startsWith("Too many wrong pairing codes from this address. Try again in ");
        assertThat(Integer.parseInt(sixth.headers().get("Retry-After"))).isBetween(1, 60);
        assertThat(right.status()).isEqualTo(429);
        assertThat(kiosks.poll(asked.pairingId(), asked.pollSecret()).body()).containsEntry("status", "waiting");
    }
}
