package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import dk.albertslund.signage.testing.TestClock;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The device check's memory: answered without the database while fresh, and how a
 * revocation elsewhere reaches it. The server's clock is moved, to the last millisecond of
 * the cache time (the default, {@code signage.kiosk.device-cache-ttl}) and just past it.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceAuthenticatorTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    Kiosks kiosks;
    @Inject
    DeviceAuthenticator authenticator;
    @Inject
    KioskSettings settings;
    @Inject
    TestClock clock;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of(TestClock.PROPERTY, "true");
    }

    private static HttpRequest<?> call(String token) {
        return HttpRequest.GET("/api/v1/kiosk/manifest").bearerAuth(token);
    }

    @Test
    void a_checked_token_is_answered_from_memory_until_its_time_is_up() throws Exception {
        Kiosks.Paired kiosk = kiosks.pair(kiosks.screen("Stationen, elevator"));

        KioskDevice before = authenticator.remembered(call(kiosk.token()));
        Optional<KioskDevice> looked = authenticator.authenticate(call(kiosk.token())).get();
        clock.advance(settings.getDeviceCacheTtl().minusMillis(1));
        KioskDevice lastMoment = authenticator.remembered(call(kiosk.token()));
        clock.advance(Duration.ofMillis(1));
        KioskDevice timeIsUp = authenticator.remembered(call(kiosk.token()));

        assertThat(before).isNull();
        assertThat(looked).hasValueSatisfying(d -> {
            assertThat(d.id()).isEqualTo(kiosk.deviceId());
            assertThat(d.screenSlug()).isEqualTo(kiosk.screen());
        });
        assertThat(lastMoment).isEqualTo(looked.get());
        assertThat(timeIsUp).isNull();
        assertThat(authenticator.authenticate(call("not-a-device-token")).get()).isEmpty();
    }

    @Test
    void a_revocation_made_through_another_server_takes_effect_within_the_cache_time() {
        Kiosks.Paired kiosk = kiosks.pair(kiosks.screen("Biblioteket, trappen"));
        assertThat(kiosks.as(kiosk.token()).post("/api/v1/kiosk/heartbeat", Map.of()).status()).isEqualTo(204);

        // What another server process does when an admin revokes the device there.
        fixtures.rows("UPDATE device SET revoked_at = now(), revoked_by = 'other-server' WHERE id = ? RETURNING id", kiosk.deviceId());
        int rightAfter = kiosks.as(kiosk.token()).post("/api/v1/kiosk/heartbeat", Map.of()).status();
        clock.advance(settings.getDeviceCacheTtl().minusMillis(1));
        int lastMomentOfTheCacheTime = kiosks.as(kiosk.token()).post("/api/v1/kiosk/heartbeat", Map.of()).status();
        clock.advance(Duration.ofMillis(1));
        Api.Response afterTheCacheTime = kiosks.as(kiosk.token()).post("/api/v1/kiosk/heartbeat", Map.of());

        assertThat(rightAfter).isEqualTo(204);
        assertThat(lastMomentOfTheCacheTime).isEqualTo(204);
        assertThat(afterTheCacheTime.status()).isEqualTo(401);
        assertThat(afterTheCacheTime.body()).containsEntry("detail", "This device is not paired, or its pairing has been revoked. Pair it again.");
    }
}
