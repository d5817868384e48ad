package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Codes that live half a second, so expiry can be watched. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PairingExpiryTest implements PostgresTest {

    @Inject
    Kiosks kiosks;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("signage.kiosk.pairing-ttl", "500ms");
    }

    @Test
    void an_expired_code_can_no_longer_be_seen_or_claimed_and_the_kiosk_is_told() throws InterruptedException {
        String screen = kiosks.screen("Stationen, tunnel");
        Kiosks.Asked asked = kiosks.asked();
        Thread.sleep(700);

        Api.Response poll = kiosks.poll(asked.pairingId(), asked.pollSecret());
        Api.Response lookedUp = kiosks.admin().get("/api/v1/kiosk/pairings/by-code/" + asked.code());
        Api.Response claimed = kiosks.claim(kiosks.admin(), asked.code(), screen);

        assertThat(poll.status()).isEqualTo(200);
        assertThat(poll.body()).isEqualTo(Map.of("status", "expired"));
        assertThat(lookedUp.status()).isEqualTo(410);
        assertThat(lookedUp.body()).containsEntry("detail", "This code has expired. The kiosk shows a new one; use that.");
        assertThat(claimed.status()).isEqualTo(410);
        assertThat(kiosks.admin().get("/api/v1/screens/" + screen + "/devices").items()).isEmpty();
    }
}
