package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import dk.albertslund.signage.testing.WebClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A screen's page with its kiosks and heartbeats, pairing a kiosk by its code, revoking it, and an emergency reaching it. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KioskPagesTest implements PostgresTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Kiosks kiosks;

    @Inject
    ContentFixtures content;

    @Test
    void an_admin_pairs_a_kiosk_by_the_code_it_shows_after_seeing_which_device_asked() {
        String screen = kiosks.screen("Stationen, perron 1");
        Kiosks.Asked asked = kiosks.asked();
        WebClient admin = fixtures.browserAs(Role.ADMIN).language("en");
        WebClient.Page form = admin.get("/admin/pairing?screen=" + screen);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.document().selectFirst("label[for=code]").text()).isEqualTo("Code");

        String typed = asked.code().substring(0, 4).toLowerCase() + " " + asked.code().substring(4);
        WebClient.Page found = admin.submit("/admin/pairing/look-up", Map.of("code", typed, "screen", screen));

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.text("#waiting .code")).isEqualTo(asked.code());
        assertThat(found.text("#waiting .user-agent")).isEqualTo(Kiosks.USER_AGENT);
        assertThat(found.text("#waiting .address")).isEqualTo("127.0.0.1");
        assertThat(found.text("#waiting .requested")).matches("\\d{1,2} \\w{3} \\d{4}, \\d{2}:\\d{2}");
        assertThat(found.document().selectFirst("#screen option[selected]").attr("value")).isEqualTo(screen);
        assertThat(fixtures.rows("SELECT id FROM device WHERE screen_id = (SELECT id FROM screen WHERE slug = ?)", screen)).isEmpty();

        WebClient.Page claimed = admin.submit("/admin/pairing/claim", Map.of("code", asked.code(), "screen", screen));

        assertThat(claimed.status()).isEqualTo(303);
        assertThat(claimed.location()).hasValue("/admin/screens/" + screen + "?notice=kioskPaired");
        assertThat(kiosks.poll(asked.pairingId(), asked.pollSecret()).body()).containsEntry("status", "claimed");
        WebClient.Page page = admin.get(claimed.location().orElseThrow());
        assertThat(page.text("[role=status]")).isEqualTo("The kiosk is paired with the screen. It starts playing within a few seconds.");
        assertThat(page.document().select("#devices tbody tr")).hasSize(1);
        assertThat(page.text("#devices .user-agent")).isEqualTo(Kiosks.USER_AGENT);
    }

    @Test
    void a_wrong_or_used_code_is_explained_beside_the_code_field() {
        String screen = kiosks.screen("Biblioteket, indgang");
        WebClient admin = fixtures.browserAs(Role.ADMIN).language("en");
        admin.get("/admin/pairing");

        WebClient.Page malformed = admin.submit("/admin/pairing/look-up", Map.of("code", "ab"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.text("#code-error")).isEqualTo("must be the 8 letters and digits shown on the kiosk");
        assertThat(malformed.document().selectFirst("#code").attr("value")).isEqualTo("ab");
        assertThat(malformed.document().selectFirst("#code").attr("aria-invalid")).isEqualTo("true");

        Kiosks.Asked asked = kiosks.asked();
        assertThat(admin.submit("/admin/pairing/claim", Map.of("code", asked.code(), "screen", screen)).status()).isEqualTo(303);
        WebClient.Page used = admin.submit("/admin/pairing/look-up", Map.of("code", asked.code()));
        assertThat(used.status()).isEqualTo(409);
        assertThat(used.text("#code-error")).isEqualTo("This code has already been used to pair a device.");
    }

    @Test
    void confirming_without_a_screen_shows_the_device_again_and_asks_for_the_screen() {
        Kiosks.Asked asked = kiosks.asked();
        WebClient admin = fixtures.browserAs(Role.ADMIN).language("da");
        admin.get("/admin/pairing");

        WebClient.Page page = admin.submit("/admin/pairing/claim", Map.of("code", asked.code(), "screen", ""));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.text("#screen-error")).isEqualTo("Vælg den skærm, kiosken viser.");
        assertThat(page.text("#waiting .code")).isEqualTo(asked.code());
        assertThat(kiosks.poll(asked.pairingId(), asked.pollSecret()).body()).containsEntry("status", "waiting");
    }

    @Test
    void only_admins_may_pair_or_revoke_and_other_staff_see_no_such_buttons() {
        String screen = kiosks.screen("Musikskolen, foyer");
        Kiosks.Paired kiosk = kiosks.pair(screen);
        WebClient approver = fixtures.browserAs(Role.APPROVER);

        assertThat(approver.get("/admin/pairing").status()).isEqualTo(403);
        WebClient.Page page = approver.get("/admin/screens/" + screen);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.document().select("form[action$=/revoke]")).isEmpty();
        assertThat(page.document().select("a[href^=/admin/pairing]")).isEmpty();
        assertThat(approver.submit("/admin/screens/" + screen + "/devices/" + kiosk.deviceId() + "/revoke", Map.of()).status())
                .isEqualTo(403);
        assertThat(kiosks.as(kiosk.token()).get("/api/v1/kiosk/manifest").status()).isEqualTo(200);
    }

    @Test
    void an_admin_revokes_a_kiosk_from_the_screens_page_and_the_kiosk_is_refused() {
        String screen = kiosks.screen("Kongsholm Gymnasium, kantine");
        Kiosks.Paired kiosk = kiosks.pair(screen);
        WebClient admin = fixtures.browserAs(Role.ADMIN).language("en");
        WebClient.Page page = admin.get("/admin/screens/" + screen);
        assertThat(page.document().select("form[action=/admin/screens/" + screen + "/devices/" + kiosk.deviceId() + "/revoke]")).hasSize(1);

        assertThat(admin.post("/admin/screens/" + screen + "/devices/" + kiosk.deviceId() + "/revoke", Map.of("csrfToken", "forged")).status())
                .isEqualTo(403);
        WebClient.Page revoked = admin.submit("/admin/screens/" + screen + "/devices/" + kiosk.deviceId() + "/revoke", Map.of());

        assertThat(revoked.status()).isEqualTo(303);
        assertThat(revoked.location()).hasValue("/admin/screens/" + screen + "?notice=deviceRevoked");
        assertThat(kiosks.as(kiosk.token()).get("/api/v1/kiosk/manifest").status()).isEqualTo(401);
        WebClient.Page after = admin.get(revoked.location().orElseThrow());
        assertThat(after.text("#devices tr[data-device=" + kiosk.deviceId() + "] .badge")).startsWith("Revoked ");
        assertThat(after.document().select("form[action$=/revoke]")).isEmpty();
    }

    @Test
    void what_a_kiosk_sends_in_its_heartbeat_is_shown_as_text_never_as_markup() {
        String screen = kiosks.screen("Forbrændingen, bar");
        Kiosks.Paired kiosk = kiosks.pair(screen);
        Api.Response sent = kiosks.as(kiosk.token()).post("/api/v1/kiosk/heartbeat", Map.of(
                "clientVersion", "<script>alert(1)</script>", "uptimeSeconds", 3600,
                "recentErrors", List.of("<img src=x onerror=alert(2)>")));
        assertThat(sent.status()).isIn(200, 202, 204);

        WebClient.Page page = fixtures.browserAs(Role.VIEWER).language("en").get("/admin/screens/" + screen);

        assertThat(page.text("#heartbeats .version")).isEqualTo("<script>alert(1)</script>");
        assertThat(page.text("#heartbeats .errors")).isEqualTo("<img src=x onerror=alert(2)>");
        assertThat(page.document().select("main script, main img")).isEmpty();
        assertThat(page.html()).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(page.text("#status")).startsWith("Online since ");
        WebClient.Page list = fixtures.browserAs(Role.VIEWER).language("en").get("/admin/screens");
        assertThat(list.text("tr[data-screen=" + screen + "] .status .badge")).isEqualTo("Online");
    }

    @Test
    void an_emergency_from_the_emergency_page_reaches_the_kiosks_manifest_and_leaves_when_ended() throws InterruptedException {
        String screen = kiosks.screen("Stationen, perron 2");
        Kiosks.Paired kiosk = kiosks.pair(screen);
        assertThat(kiosks.as(kiosk.token()).get("/api/v1/kiosk/manifest").body()).containsEntry("emergency", false);
        ContentFixtures.Institution library = content.institution("Albertslund Bibliotek");
        WebClient approver = fixtures.browserAs(Role.APPROVER);
        approver.get("/admin/emergency");

        assertThat(approver.submit("/admin/emergency", Map.of("title", "Ingen tog mod København", "institution", library.slug(),
                "target", "all")).status()).isEqualTo(303);

        Map<String, Object> manifest = manifestWhen(kiosk, true);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> slides = (List<Map<String, Object>>) manifest.get("slides");
        assertThat(slides).extracting(s -> s.get("title")).containsExactly("Ingen tog mod København");

        String slug = approver.get("/admin/emergency").document().select("tr[data-emergency]").stream()
                .filter(row -> row.selectFirst("th").text().equals("Ingen tog mod København")).findFirst().orElseThrow()
                .attr("data-emergency");
        assertThat(approver.submit("/admin/emergency/" + slug + "/clear", Map.of()).status()).isEqualTo(303);
        assertThat(manifestWhen(kiosk, false)).containsEntry("emergency", false);
    }

    /**
     * The kiosk's manifest once its emergency flag is as expected. No TTL is waited out here:
     * the change reaches the manifest asynchronously, through the change bus (NOTIFY, heard on
     * the listening connection, then a rebuild), so this polls for that effect, for up to five seconds.
     */
    private Map<String, Object> manifestWhen(Kiosks.Paired kiosk, boolean emergency) throws InterruptedException {
        Map<String, Object> body = Map.of();
        for (int i = 0; i < 50; i++) {
            body = kiosks.as(kiosk.token()).get("/api/v1/kiosk/manifest").body();
            if (Boolean.valueOf(emergency).equals(body.get("emergency"))) {
                return body;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the manifest's emergency flag stayed " + body.get("emergency"));
    }
}
