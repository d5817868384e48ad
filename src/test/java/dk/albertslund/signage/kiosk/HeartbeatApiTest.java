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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeartbeatApiTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    Kiosks kiosks;
    @Inject
    HeartbeatService heartbeats;

    private static Map<String, Object> heartbeat() {
        Map<String, Object> body = new HashMap<>();
        body.put("clientVersion", "1.4.2");
        body.put("uptimeSeconds", 86_400);
        body.put("currentSlideId", 41);
        body.put("manifestEtag", "\"m-7f3a\"");
        body.put("jsHeapBytes", 31_457_280);
        body.put("cacheBytes", 524_288_000);
        body.put("clockOffsetMs", -1_250);
        body.put("recentErrors", List.of());
        return body;
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_heartbeat_with_hostile_strings_is_stored_without_control_characters_and_shown_as_plain_json() {
        Kiosks.Paired kiosk = kiosks.pair(kiosks.screen("Biblioteket, børnebiblioteket"));
        Map<String, Object> body = heartbeat();
        body.put("clientVersion", "<script>alert('x')</script>");
        body.put("currentSlideId", "41:da\"}");
        body.put("recentErrors", List.of(
                "TypeError: slide is undefined\n    at show (player.js:12:5)",
                "\u0000NUL and \u001b[31mred\u001b[0m",
                "<img src=x onerror=alert(1)> \\ \"quoted\"",
                "é".repeat(200)));

        Api.Response sent = kiosks.as(kiosk.token()).post("/api/v1/kiosk/heartbeat", body);
        Api.Response status = fixtures.signedIn(Role.VIEWER).get("/api/v1/screens/" + kiosk.screen() + "/status");

        assertThat(sent.status()).isEqualTo(204);
        List<String> expectedErrors = List.of(
                "TypeError: slide is undefined     at show (player.js:12:5)",
                " NUL and  [31mred [0m",
                "<img src=x onerror=alert(1)> \\ \"quoted\"",
                "é".repeat(200));
        Map<String, Object> last = (Map<String, Object>) status.body().get("lastHeartbeat");
        assertThat(last).containsEntry("clientVersion", "<script>alert('x')</script>")
                .containsEntry("currentSlideId", "41:da\"}")
                .containsEntry("manifestEtag", "\"m-7f3a\"")
                .containsEntry("uptimeSeconds", 86_400)
                .containsEntry("jsHeapBytes", 31_457_280)
                .containsEntry("cacheBytes", 524_288_000)
                .containsEntry("clockOffsetMs", -1_250)
                .containsEntry("recentErrors", expectedErrors)
                .containsEntry("device", (int) kiosk.deviceId());
        assertThat(status.text()).contains("\"currentSlideId\":\"41:da\\\"}\"").doesNotContain("\u0000").doesNotContain("\u001b");
        assertThat(fixtures.rows("SELECT recent_errors FROM heartbeat WHERE device_id = ?", kiosk.deviceId())).hasSize(1);
    }

    @Test
    void a_number_as_slide_id_is_kept_as_text_and_fractions_are_rounded() {
        Kiosks.Paired kiosk = kiosks.pair(kiosks.screen("Musikskolen, gang"));
        Map<String, Object> body = heartbeat();
        body.put("uptimeSeconds", 12.6);

        Api.Response sent = kiosks.as(kiosk.token()).post("/api/v1/kiosk/heartbeat", body);

        assertThat(sent.status()).isEqualTo(204);
        assertThat(fixtures.rows("SELECT current_slide_id, uptime_seconds FROM heartbeat WHERE device_id = ?", kiosk.deviceId()))
                .containsExactly(Map.of("current_slide_id", "41", "uptime_seconds", 13L));
    }

    @Test
    void every_field_out_of_bounds_is_named_and_nothing_is_stored() {
        Kiosks.Paired kiosk = kiosks.pair(kiosks.screen("Forbrændingen, bar"));
        Map<String, Object> body = new HashMap<>();
        body.put("clientVersion", "v".repeat(201));
        body.put("uptimeSeconds", -1);
        body.put("currentSlideId", List.of(1));
        body.put("manifestEtag", 7);
        body.put("jsHeapBytes", "lots");
        body.put("cacheBytes", 1e300);
        body.put("clockOffsetMs", 9e15);
        body.put("recentErrors", List.of("fine", "x".repeat(201), 3));

        Api.Response sent = kiosks.as(kiosk.token()).post("/api/v1/kiosk/heartbeat", body);
        Api.Response tooMany = kiosks.as(kiosk.token()).post("/api/v1/kiosk/heartbeat",
                Map.of("recentErrors", List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11")));
        Api.Response notAnObject = kiosks.as(kiosk.token()).post("/api/v1/kiosk/heartbeat", List.of("hello"));

        assertThat(sent.status()).isEqualTo(400);
        assertThat(sent.errorFields()).containsExactly("clientVersion", "uptimeSeconds", "currentSlideId", "manifestEtag",
                "jsHeapBytes", "cacheBytes", "clockOffsetMs", "recentErrors[1]", "recentErrors[2]");
        assertThat(tooMany.errorFields()).containsExactly("recentErrors");
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(notAnObject.errorFields()).containsExactly("body");
        assertThat(fixtures.rows("SELECT id FROM heartbeat WHERE device_id = ?", kiosk.deviceId())).isEmpty();
    }

    @Test
    void a_heartbeat_without_a_device_token_is_401() {
        Api.Response anonymous = fixtures.anonymous().post("/api/v1/kiosk/heartbeat", heartbeat());
        Api.Response madeUp = kiosks.as("sgd_" + "A".repeat(43)).post("/api/v1/kiosk/heartbeat", heartbeat());

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(madeUp.status()).isEqualTo(401);
    }

    @Test
    void a_screen_goes_offline_only_after_three_minutes_without_a_heartbeat_and_each_change_is_recorded_once() {
        Kiosks.Paired kiosk = kiosks.pair(kiosks.screen("Stationen, perron 2"));
        Api viewer = fixtures.signedIn(Role.VIEWER);
        String statusPath = "/api/v1/screens/" + kiosk.screen() + "/status";
        Api.Response never = viewer.get(statusPath);

        kiosks.as(kiosk.token()).post("/api/v1/kiosk/heartbeat", heartbeat());
        Api.Response online = viewer.get(statusPath);
        Instant last = Instant.parse((String) online.body().get("lastHeartbeatAt"));
        List<String> withinGrace = heartbeats.markOfflineScreens(last.plus(Duration.ofMinutes(2)).plusSeconds(59));
        Api.Response stillOnline = viewer.get(statusPath);
        List<String> afterGrace = heartbeats.markOfflineScreens(last.plus(Duration.ofMinutes(3)));
        Api.Response offline = viewer.get(statusPath);
        List<String> sweptAgain = heartbeats.markOfflineScreens(last.plus(Duration.ofMinutes(10)));
        Api.Response stillOffline = viewer.get(statusPath);

        assertThat(never.body()).containsEntry("status", "offline").containsEntry("since", null).containsEntry("lastHeartbeat", null);
        assertThat(online.body()).containsEntry("status", "online").containsEntry("since", online.body().get("lastHeartbeatAt"));
        assertThat(withinGrace).doesNotContain(kiosk.screen());
        assertThat(stillOnline.body()).containsEntry("status", "online").containsEntry("since", online.body().get("since"));
        assertThat(afterGrace).contains(kiosk.screen());
        assertThat(offline.body()).containsEntry("status", "offline");
        assertThat(Instant.parse((String) offline.body().get("since"))).isEqualTo(last.plus(Duration.ofMinutes(3)));
        assertThat(sweptAgain).doesNotContain(kiosk.screen());
        assertThat(stillOffline.body()).containsEntry("since", offline.body().get("since"));
        assertThat(fixtures.rows("SELECT offline_since FROM screen_status WHERE screen_id = "
                + "(SELECT id FROM screen WHERE slug = ?)", kiosk.screen())).hasSize(1);
    }

    @Test
    void a_late_heartbeat_brings_an_offline_screen_back_once() {
        Kiosks.Paired kiosk = kiosks.pair(kiosks.screen("Kulturhuset, trappen"));
        Api viewer = fixtures.signedIn(Role.VIEWER);
        String statusPath = "/api/v1/screens/" + kiosk.screen() + "/status";
        kiosks.as(kiosk.token()).post("/api/v1/kiosk/heartbeat", heartbeat());
        Instant first = Instant.parse((String) viewer.get(statusPath).body().get("lastHeartbeatAt"));
        heartbeats.markOfflineScreens(first.plus(Duration.ofMinutes(5)));

        kiosks.as(kiosk.token()).post("/api/v1/kiosk/heartbeat", heartbeat());
        Api.Response back = viewer.get(statusPath);
        kiosks.as(kiosk.token()).post("/api/v1/kiosk/heartbeat", heartbeat());
        Api.Response again = viewer.get(statusPath);

        assertThat(back.body()).containsEntry("status", "online").containsEntry("since", back.body().get("lastHeartbeatAt"));
        assertThat(again.body()).containsEntry("status", "online").containsEntry("since", back.body().get("since"));
        assertThat(again.body().get("lastHeartbeatAt")).isNotEqualTo(back.body().get("lastHeartbeatAt"));
    }

    @Test
    void pruning_keeps_each_devices_latest_heartbeat() {
        Kiosks.Paired kiosk = kiosks.pair(kiosks.screen("Campus, bibliotek"));
        for (int i = 0; i < 3; i++) {
            kiosks.as(kiosk.token()).post("/api/v1/kiosk/heartbeat", heartbeat());
        }
        long latest = ((Number) fixtures.rows("SELECT max(id) AS id FROM heartbeat WHERE device_id = ?", kiosk.deviceId())
                .get(0).get("id")).longValue();

        heartbeats.prune(Instant.now().plusSeconds(60));

        assertThat(fixtures.rows("SELECT id FROM heartbeat WHERE device_id = ?", kiosk.deviceId()))
                .containsExactly(Map.of("id", latest));
    }
}
