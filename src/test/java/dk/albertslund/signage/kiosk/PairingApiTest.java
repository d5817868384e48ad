package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Pairing end to end, single use, revocation, and which tokens work where. Guess limits are in their own classes. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PairingApiTest implements PostgresTest {

    private static final Map<String, Object> HEARTBEAT = Map.of("clientVersion", "1.0.0", "uptimeSeconds", 60);

    @Inject
    Fixtures fixtures;
    @Inject
    Kiosks kiosks;

    @Override
    public Map<String, String> extraProperties() {
        // Every request here comes from 127.0.0.1; the limits have classes of their own.
        return Map.of("signage.kiosk.open-pairings-per-address", "1000",
                "signage.kiosk.code-failures-per-address-per-minute", "1000",
                "signage.kiosk.code-failures-per-minute", "1000");
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_kiosk_asks_an_admin_checks_and_claims_and_the_kiosk_gets_its_token_once_and_then_works() {
        String screen = kiosks.screen("Albertslund Station, perron 1");
        Instant before = Instant.now();

        Api.Response asked = kiosks.ask();
        String pairingId = (String) asked.body().get("pairingId");
        String code = (String) asked.body().get("code");
        String pollSecret = (String) asked.body().get("pollSecret");
        Api.Response waiting = kiosks.poll(pairingId, pollSecret);
        Api.Response details = kiosks.admin().get("/api/v1/kiosk/pairings/by-code/" + code.toLowerCase());
        Api.Response claimed = kiosks.claim(kiosks.admin(), code, screen);
        Api.Response first = kiosks.poll(pairingId, pollSecret);
        Api.Response second = kiosks.poll(pairingId, pollSecret);
        String token = (String) first.body().get("deviceToken");
        Api.Response heartbeat = kiosks.as(token).post("/api/v1/kiosk/heartbeat", HEARTBEAT);

        assertThat(asked.status()).isEqualTo(201);
        assertThat(asked.headers().get("Location")).isEqualTo("/api/v1/kiosk/pairings/" + pairingId);
        assertThat(code).matches("[ACDEFGHJKMNPQRTUVWXY34679]{8}");
        assertThat(pollSecret).matches("[A-Za-z0-9_-]{43}");
        assertThat(pairingId).matches("[A-Za-z0-9_-]{43}");
        assertThat(asked.body()).containsEntry("pollIntervalSeconds", 3).containsEntry("serverName", "Campus Signage");
        Instant expiresAt = Instant.parse((String) asked.body().get("expiresAt"));
        assertThat(Duration.between(before, expiresAt)).isBetween(Duration.ofMinutes(9), Duration.ofMinutes(10).plusSeconds(5));
        assertThat(fixtures.rows("SELECT poll_secret_hash FROM kiosk_pairing WHERE public_id = ?", pairingId).get(0).get("poll_secret_hash"))
                .isNotEqualTo(pollSecret).asString().hasSize(64);

        assertThat(waiting.status()).isEqualTo(200);
        assertThat(waiting.body()).isEqualTo(Map.of("status", "waiting"));
        assertThat(details.status()).isEqualTo(200);
        assertThat(details.body()).containsEntry("code", code).containsEntry("userAgent", Kiosks.USER_AGENT)
                .containsEntry("address", "127.0.0.1").containsEntry("expiresAt", asked.body().get("expiresAt"));

        assertThat(claimed.status()).isEqualTo(200);
        assertThat(claimed.body()).containsEntry("detail", "The kiosk is paired with the screen 'Albertslund Station, perron 1'.")
                .containsEntry("replacedDevice", null);
        assertThat((Map<String, Object>) claimed.body().get("screen"))
                .isEqualTo(Map.of("slug", screen, "name", "Albertslund Station, perron 1"));

        assertThat(first.body()).containsEntry("status", "claimed")
                .containsEntry("screen", Map.of("slug", screen, "name", "Albertslund Station, perron 1"));
        assertThat(token).startsWith("sgd_").hasSize(47);
        assertThat(second.body()).isEqualTo(Map.of("status", "claimed", "screen", Map.of("slug", screen, "name", "Albertslund Station, perron 1")));
        assertThat(fixtures.rows("SELECT token_hash FROM device WHERE screen_id = (SELECT id FROM screen WHERE slug = ?)", screen))
                .extracting(r -> r.get("token_hash")).singleElement().asString().hasSize(64).doesNotContain(token.substring(4));
        assertThat(heartbeat.status()).isEqualTo(204);
    }

    @Test
    void an_unknown_pairing_and_a_wrong_secret_get_the_same_404() {
        Kiosks.Asked asked = kiosks.asked();

        Api.Response wrongSecret = kiosks.poll(asked.pairingId(), asked.pollSecret() + "x");
        Api.Response unknown = kiosks.poll("no-such-pairing", asked.pollSecret());
        Api.Response noSecret = fixtures.anonymous().get("/api/v1/kiosk/pairings/" + asked.pairingId());

        assertThat(wrongSecret.status()).isEqualTo(404);
        assertThat(wrongSecret.body()).containsEntry("detail", "No pairing with this id and secret.");
        assertThat(unknown.body()).isEqualTo(wrongSecret.body());
        assertThat(noSecret.body()).isEqualTo(wrongSecret.body());
    }

    @Test
    void a_code_works_once() {
        String screen = kiosks.screen("Biblioteket, indgang");
        Kiosks.Asked asked = kiosks.asked();
        kiosks.claim(kiosks.admin(), asked.code(), screen);

        Api.Response again = kiosks.claim(kiosks.admin(), asked.code(), kiosks.screen("Biblioteket, café"));
        Api.Response lookedUp = kiosks.admin().get("/api/v1/kiosk/pairings/by-code/" + asked.code());

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).containsEntry("detail", "This code has already been used to pair a device.");
        assertThat(lookedUp.status()).isEqualTo(409);
        assertThat(fixtures.rows("SELECT s.slug FROM device d JOIN screen s ON s.id = d.screen_id WHERE d.id = "
                + "(SELECT device_id FROM kiosk_pairing WHERE code = ?)", asked.code()))
                .extracting(r -> r.get("slug")).containsExactly(screen);
    }

    @Test
    void a_code_that_no_kiosk_shows_is_404_and_a_malformed_one_400() {
        Api.Response unknown = kiosks.admin().get("/api/v1/kiosk/pairings/by-code/AAAAAAAA");
        Api.Response malformed = kiosks.claim(kiosks.admin(), "0000-OOOO", kiosks.screen("Musikskolen"));

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).containsEntry("detail", "No kiosk is waiting with the code AAAAAAAA. Check the code on the screen.");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errorFields()).containsExactly("code");
    }

    @Test
    void only_admins_pair_kiosks() {
        Kiosks.Asked asked = kiosks.asked();
        Api approver = fixtures.signedIn(Role.APPROVER);

        Api.Response lookedUp = approver.get("/api/v1/kiosk/pairings/by-code/" + asked.code());
        Api.Response claimed = kiosks.claim(approver, asked.code(), kiosks.screen("Forbrændingen"));
        Api.Response anonymous = kiosks.claim(fixtures.anonymous(), asked.code(), kiosks.screen("Forbrændingen"));

        assertThat(lookedUp.status()).isEqualTo(403);
        assertThat(claimed.status()).isEqualTo(403);
        assertThat(claimed.body()).containsEntry("detail", "Only administrators may pair kiosks.");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(kiosks.poll(asked.pairingId(), asked.pollSecret()).body()).containsEntry("status", "waiting");
    }

    @Test
    @SuppressWarnings("unchecked")
    void pairing_a_second_kiosk_to_a_screen_revokes_the_first_and_says_so() {
        String screen = kiosks.screen("Musikteatret, foyer");
        Kiosks.Paired old = kiosks.pair(screen);
        Kiosks.Asked asked = kiosks.asked();

        Api.Response claimed = kiosks.claim(kiosks.admin(), asked.code(), screen);
        String token = (String) kiosks.poll(asked.pairingId(), asked.pollSecret()).body().get("deviceToken");

        assertThat(claimed.status()).isEqualTo(200);
        assertThat(claimed.body()).containsEntry("detail", "The kiosk is paired with the screen 'Musikteatret, foyer'. "
                + "The device paired with it before (device " + old.deviceId() + ") has been revoked.");
        assertThat((Map<String, Object>) claimed.body().get("replacedDevice")).containsEntry("id", (int) old.deviceId())
                .containsEntry("revoked", true);
        assertThat(kiosks.as(old.token()).post("/api/v1/kiosk/heartbeat", HEARTBEAT).status()).isEqualTo(401);
        assertThat(kiosks.as(token).post("/api/v1/kiosk/heartbeat", HEARTBEAT).status()).isEqualTo(204);
        assertThat(fixtures.rows("SELECT action FROM audit_log WHERE entity_type = 'device' AND entity_id = ? ORDER BY id", old.deviceId()))
                .extracting(r -> r.get("action")).containsExactly("pair", "revoke");
    }

    @Test
    void a_revoked_device_gets_401_on_its_next_call() {
        Kiosks.Paired paired = kiosks.pair(kiosks.screen("Campus, kantine"));
        Api device = kiosks.as(paired.token());
        assertThat(device.post("/api/v1/kiosk/heartbeat", HEARTBEAT).status()).isEqualTo(204);

        Api.Response revoked = kiosks.admin().delete("/api/v1/kiosk/devices/" + paired.deviceId());
        Api.Response next = device.post("/api/v1/kiosk/heartbeat", HEARTBEAT);

        assertThat(revoked.status()).isEqualTo(204);
        assertThat(next.status()).isEqualTo(401);
        assertThat(next.body()).containsEntry("detail", "This device is not paired, or its pairing has been revoked. Pair it again.");
        assertThat(fixtures.rows("SELECT revoked_by FROM device WHERE id = ?", paired.deviceId()).get(0).get("revoked_by"))
                .asString().startsWith("admin-");
    }

    @Test
    void only_admins_revoke_devices() {
        Kiosks.Paired paired = kiosks.pair(kiosks.screen("Ungdomsskolen"));

        Api.Response refused = fixtures.signedIn(Role.APPROVER).delete("/api/v1/kiosk/devices/" + paired.deviceId());

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).containsEntry("detail", "Only administrators may revoke devices.");
        assertThat(kiosks.as(paired.token()).post("/api/v1/kiosk/heartbeat", HEARTBEAT).status()).isEqualTo(204);
    }

    @Test
    void a_device_token_is_no_staff_token_and_a_staff_token_is_no_device_token() {
        Kiosks.Paired paired = kiosks.pair(kiosks.screen("Gymnasiet, aula"));
        Api viewer = fixtures.signedIn(Role.VIEWER);
        Api.Response apiToken = viewer.post("/api/v1/auth/tokens", Map.of("name", "kiosk script"));

        Api.Response deviceOnStaff = kiosks.as(paired.token()).get("/api/v1/screens");
        Api.Response deviceOnStatus = kiosks.as(paired.token()).get("/api/v1/screens/" + paired.screen() + "/status");
        Api.Response staffOnDevice = viewer.post("/api/v1/kiosk/heartbeat", HEARTBEAT);
        Api.Response adminOnDevice = kiosks.admin().post("/api/v1/kiosk/plays", Map.of("seq", 1, "plays", List.of()));
        Api.Response apiTokenOnDevice = kiosks.as((String) apiToken.body().get("token")).post("/api/v1/kiosk/heartbeat", HEARTBEAT);

        assertThat(deviceOnStaff.status()).isEqualTo(401);
        assertThat(deviceOnStatus.status()).isEqualTo(401);
        assertThat(staffOnDevice.status()).isEqualTo(401);
        assertThat(adminOnDevice.status()).isEqualTo(401);
        assertThat(apiToken.status()).isEqualTo(201);
        assertThat(apiTokenOnDevice.status()).isEqualTo(401);
    }

    @Test
    void every_staff_member_sees_a_screens_devices_newest_first() {
        String screen = kiosks.screen("Kulturhuset");
        Kiosks.Paired first = kiosks.pair(screen);
        Kiosks.Paired second = kiosks.pair(screen);
        kiosks.as(second.token()).post("/api/v1/kiosk/heartbeat", HEARTBEAT);

        Api.Response devices = fixtures.signedIn(Role.VIEWER).get("/api/v1/screens/" + screen + "/devices");

        assertThat(devices.status()).isEqualTo(200);
        assertThat(devices.items()).extracting(d -> ((Number) d.get("id")).longValue()).containsExactly(second.deviceId(), first.deviceId());
        assertThat(devices.items()).extracting(d -> d.get("revoked")).containsExactly(false, true);
        assertThat(devices.items().get(0)).containsEntry("userAgent", Kiosks.USER_AGENT).containsEntry("screen", screen)
                .containsEntry("revokedAt", null);
        assertThat((String) devices.items().get(0).get("pairedBy")).startsWith("admin-");
        assertThat(devices.items().get(0).get("lastSeenAt")).isNotNull();
    }
}
