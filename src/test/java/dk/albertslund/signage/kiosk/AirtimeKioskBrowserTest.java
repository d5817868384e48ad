package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Chromium;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fair airtime as a passer-by at the station sees it (issue 16, part 2; docs/ARCHITECTURE.md,
 * "Fair airtime"): a kiosk in Chromium on a screen whose institutions share the airtime
 * 40/20/40 plays a simulated hour of ten-second slides (every slide shortened to a few
 * milliseconds by {@code ?bench-slide-ms}, taken on a loopback address only). Each
 * institution's slides, counted as the player puts them on the stage, are within one
 * slide of its share, and no institution plays twice in a row while the others wait.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AirtimeKioskBrowserTest implements PostgresTest {

    /** An hour of ten-second slides. */
    private static final int SLIDES_IN_AN_HOUR = 360;

    @Inject
    Kiosks kiosks;
    @Inject
    ContentFixtures content;
    @Inject
    Fixtures fixtures;
    @Inject
    EmbeddedServer server;

    @Test
    void an_hour_at_the_station_gives_each_institution_its_share_within_one_slide() throws Exception {
        ContentFixtures.Institution schools = content.institution("Skolerne");
        ContentFixtures.Institution library = content.institution("Biblioteket");
        ContentFixtures.Institution culture = content.institution("Kulturhusene");
        Api admin = content.admin();
        // uneven numbers of messages: a share is the institution's, however many it has
        Map<Long, String> institutionOf = new HashMap<>();
        List<String> items = new ArrayList<>();
        Map<ContentFixtures.Institution, Integer> messages = Map.of(schools, 3, library, 4, culture, 1);
        for (Map.Entry<ContentFixtures.Institution, Integer> entry : messages.entrySet()) {
            for (int i = 0; i < entry.getValue(); i++) {
                String slug = KioskBrowser.approved(fixtures, admin, fixtures.unique("opslag"), entry.getKey().slug(),
                        entry.getKey().name() + " " + (i + 1), Map.of("durationSeconds", 10));
                items.add(slug);
                long id = ((Number) fixtures.rows("SELECT id FROM announcement WHERE slug = ?", slug).get(0).get("id")).longValue();
                institutionOf.put(id, entry.getKey().slug());
            }
        }
        String playlist = fixtures.unique("station");
        String screen = fixtures.unique("stationshallen");
        admin.post("/api/v1/playlists", Map.of("slug", playlist, "name", "Stationen", "items", items)).expect(201);
        admin.post("/api/v1/screens", Map.of("slug", screen, "name", "Stationshallen", "defaultPlaylist", playlist,
                "airtimeShares", Map.of(schools.slug(), 40, library.slug(), 20, culture.slug(), 40))).expect(201);

        ChromeDriver browser = Chromium.start(1280, 720, "--autoplay-policy=no-user-gesture-required");
        try {
            browser.get("http://localhost:" + server.getPort() + "/kiosk/index.html?bench-slide-ms=40");
            // every slide put on the stage, from the first: the player adds one article per showing
            browser.executeScript("""
                    window.shown = [];
                    new MutationObserver((changes) => changes.forEach((c) => c.addedNodes.forEach((n) => {
                      if (n.dataset && n.dataset.slideId) window.shown.push(Number(n.dataset.slideId));
                    }))).observe(document.getElementById('slides'), { childList: true });""");
            String code = KioskBrowser.pairingCode(browser);
            KioskBrowser.claim(admin, code, screen);
            // the playlist's slides only: before the claim the kiosk shows its pairing code, not slides of these
            String ours = "const ours = new Set(" + institutionOf.keySet() + "); return window.shown.filter((id) => ours.has(id))";
            assertThat(Chromium.waitFor(Duration.ofSeconds(120), () -> ((List<?>) browser.executeScript(ours)).size()
                    >= SLIDES_IN_AN_HOUR ? Boolean.TRUE : null)).as("an hour of slides played").isTrue();
            Chromium.screenshot(browser, "airtime-kiosk");

            @SuppressWarnings("unchecked")
            List<Number> shown = ((List<Number>) browser.executeScript(ours)).subList(0, SLIDES_IN_AN_HOUR);
            List<String> institutions = shown.stream().map(id -> institutionOf.get(id.longValue())).toList();
            Map<String, Integer> intended = Map.of(schools.slug(), 40, library.slug(), 20, culture.slug(), 40);
            for (Map.Entry<String, Integer> share : intended.entrySet()) {
                long achieved = institutions.stream().filter(share.getKey()::equals).count();
                assertThat((double) achieved).as("slides of %s in the hour (intended %d %%)", share.getKey(), share.getValue())
                        .isCloseTo(SLIDES_IN_AN_HOUR * share.getValue() / 100.0, org.assertj.core.data.Offset.offset(1.0));
            }
            for (int i = 1; i < institutions.size(); i++) {
                assertThat(institutions.get(i)).as("slide %d follows one of the same institution while others wait", i)
                        .isNotEqualTo(institutions.get(i - 1));
            }
        } finally {
            browser.quit();
        }
    }
}
