package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.PostgresTest;
import dk.albertslund.signage.testing.TestClock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A code's life, with codes living as long as they do in production: the server's clock
 * is moved to the last millisecond of it, and just past it.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PairingExpiryTest implements PostgresTest {

    @Inject
    Kiosks kiosks;
    @Inject
    KioskSettings settings;
    @Inject
    TestClock clock;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of(TestClock.PROPERTY, "true");
    }

    @Test
    void a_code_works_to_its_last_moment_and_then_can_no_longer_be_seen_or_claimed_and_the_kiosk_is_told() {
        String screen = kiosks.screen("Stationen, tunnel");
        Kiosks.Asked asked = kiosks.asked();

        clock.advance(settings.getPairingTtl().minusMillis(1));
        Api.Response pollInTime = kiosks.poll(asked.pairingId(), asked.pollSecret());
        Api.Response lookedUpInTime = kiosks.admin().get("/api/v1/kiosk/pairings/by-code/" + asked.code());
        clock.advance(Duration.ofMillis(1));
        Api.Response poll = kiosks.poll(asked.pairingId(), asked.pollSecret());
        Api.Response lookedUp = kiosks.admin().get("/api/v1/kiosk/pairings/by-code/" + asked.code());
        Api.Response claimed = kiosks.claim(kiosks.admin(), asked.code(), screen);

        assertThat(pollInTime.status()).isEqualTo(200);
        assertThat(pollInTime.body()).isEqualTo(Map.of("status", "waiting"));
        assertThat(lookedUpInTime.status()).isEqualTo(200);
        assertThat(lookedUpInTime.body()).containsEntry("code", asked.code());
        assertThat(poll.status()).isEqualTo(200);
        assertThat(poll.body()).isEqualTo(Map.of("status", "expired"));
        assertThat(lookedUp.status()).isEqualTo(410);
        assertThat(lookedUp.body()).containsEntry("detail", "This code has expired. The kiosk shows a new one; use that.");
        assertThat(claimed.status()).isEqualTo(410);
        assertThat(kiosks.admin().get("/api/v1/screens/" + screen + "/devices").items()).isEmpty();
    }
}
