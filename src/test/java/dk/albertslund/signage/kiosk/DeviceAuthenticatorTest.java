package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The device check's memory: answered without the database while fresh, and how a revocation elsewhere reaches it. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceAuthenticatorTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    Kiosks kiosks;
    @Inject
    DeviceAuthenticator authenticator;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("signage.kiosk.device-cache-ttl", "2s");
    }

    private static HttpRequest<?> call(String token) {
        return HttpRequest.GET("/api/v1/kiosk/manifest").bearerAuth(token);
    }

    @Test
    void a_checked_token_is_answered_from_memory_until_its_time_is_up() throws Exception {
        Kiosks.Paired kiosk = kiosks.pair(kiosks.screen("Stationen, elevator"));

        KioskDevice before = authenticator.remembered(call(kiosk.token()));
        Optional<KioskDevice> looked = authenticator.authenticate(call(kiosk.token())).get();
        KioskDevice after = authenticator.remembered(call(kiosk.token()));
        Thread.sleep(2_100);

        assertThat(before).isNull();
        assertThat(looked).hasValueSatisfying(d -> {
            assertThat(d.id()).isEqualTo(kiosk.deviceId());
            assertThat(d.screenSlug()).isEqualTo(kiosk.screen());
        });
        assertThat(after).isEqualTo(looked.get());
        assertThat(authenticator.remembered(call(kiosk.token()))).isNull();
        assertThat(authenticator.authenticate(call("not-a-device-token")).get()).isEmpty();
    }

    @Test
    void a_revocation_made_through_another_server_takes_effect_within_the_cache_time() throws InterruptedException {
        Kiosks.Paired kiosk = kiosks.pair(kiosks.screen("Biblioteket, trappen"));
        assertThat(kiosks.as(kiosk.token()).post("/api/v1/kiosk/heartbeat", Map.of()).status()).isEqualTo(204);

        // What another server process does when an admin revokes the device there.
        fixtures.rows("UPDATE device SET revoked_at = now(), revoked_by = 'other-server' WHERE id = ? RETURNING id", kiosk.deviceId());
        int rightAfter = kiosks.as(kiosk.token()).post("/api/v1/kiosk/heartbeat", Map.of()).status();
        Thread.sleep(2_100);
        int afterTheCacheTime = kiosks.as(kiosk.token()).post("/api/v1/kiosk/heartbeat", Map.of()).status();

        assertThat(rightAfter).isEqualTo(204);
        assertThat(afterTheCacheTime).isEqualTo(401);
    }
}
