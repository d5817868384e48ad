package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The bounds that hold when one address is not the problem: guesses across all addresses, and open pairings per address. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PairingLimitsTest implements PostgresTest {

    @Inject
    Kiosks kiosks;

    @Override
    public Map<String, String> extraProperties() {
        // One address stands in for many: its own limit is out of the way, the global one is small.
        return Map.of("signage.kiosk.code-failures-per-address-per-minute", "1000",
                "signage.kiosk.code-failures-per-minute", "3",
                "signage.kiosk.open-pairings-per-address", "3");
    }

    @Test
    void past_the_bound_for_all_addresses_everyone_gets_429() {
        for (String guess : new String[]{"AAAAAAAA", "CCCCCCCC", "DDDDDDDD"}) {
            assertThat(kiosks.admin().get("/api/v1/kiosk/pairings/by-code/" + guess).status()).isEqualTo(404);
        }

        Api.Response fourth = kiosks.admin().get("/api/v1/kiosk/pairings/by-code/EEEEEEEE");

        assertThat(fourth.status()).isEqualTo(429);
        assertThat((String) fourth.body().get("detail"))
                .startsWith("Too many wrong pairing codes have been tried in the last minute; pairing is paused. Try again in ");
        assertThat(fourth.headers().get("Retry-After")).isNotBlank();
    }

    @Test
    void one_address_holds_at_most_three_open_pairings_here() {
        for (int i = 0; i < 3; i++) {
            assertThat(kiosks.ask().status()).isEqualTo(201);
        }

        Api.Response fourth = kiosks.ask();

        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.body()).containsEntry("detail",
                "This address already has 3 pairing codes waiting. Try again when one has expired.");
        assertThat(Integer.parseInt(fourth.headers().get("Retry-After"))).isBetween(590, 600);
    }
}
