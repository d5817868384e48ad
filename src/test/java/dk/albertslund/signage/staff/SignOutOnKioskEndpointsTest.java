package dk.albertslund.signage.staff;

import dk.albertslund.signage.kiosk.Kiosks;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import dk.albertslund.signage.testing.WebClient;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Signing out ends the session on the staff endpoints under /api/v1/kiosk/ as everywhere else. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignOutOnKioskEndpointsTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    Kiosks kiosks;
    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    JsonMapper json;

    @Test
    void a_signed_out_jwt_no_longer_looks_up_claims_or_revokes_kiosks_while_device_tokens_keep_working() {
        String screen = kiosks.screen("Foyer");
        Kiosks.Paired paired = kiosks.pair(screen);
        String code = askForCode();

        WebClient browser = fixtures.browserAs(Role.ADMIN);
        Api staff = new Api(client.toBlocking(), json, browser.cookie("JWT").orElseThrow());
        assertThat(staff.get("/api/v1/kiosk/pairings/by-code/" + code).status()).isEqualTo(200);

        assertThat(browser.submit("/admin/logout", Map.of()).status()).isEqualTo(303);

        assertThat(staff.get("/api/v1/kiosk/pairings/by-code/" + code).status()).isEqualTo(401);
        assertThat(staff.post("/api/v1/kiosk/pairings/claim", Map.of("code", code, "screen", screen)).status()).isEqualTo(401);
        assertThat(staff.delete("/api/v1/kiosk/devices/" + paired.deviceId()).status()).isEqualTo(401);

        assertThat(kiosks.as(paired.token()).post("/api/v1/kiosk/heartbeat",
                Map.of("clientVersion", "1.0.0", "uptimeSeconds", 60)).status()).isBetween(200, 299);
    }

    private String askForCode() {
        Api.Response asked = fixtures.anonymous().send(HttpRequest.POST("/api/v1/kiosk/pairings", Map.of())
                .header("User-Agent", "Mozilla/5.0 (X11; Linux aarch64) Chromium/126.0 Safari/537.36 CampusKiosk"));
        assertThat(asked.status()).isEqualTo(201);
        return (String) asked.body().get("code");
    }
}
