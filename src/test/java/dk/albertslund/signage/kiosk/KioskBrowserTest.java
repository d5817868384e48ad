package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.testing.Chromium;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The player in Debian's Chromium against the real server, driven like a person would:
 * it shows a code, staff claim it, the scheduled slide plays, a publish shows at once,
 * and a revoked kiosk goes back to pairing.
 *
 * <p>Without Chromium the test is skipped with a line saying how to install it; CI sets
 * SIGNAGE_REQUIRE_BROWSER=true, which turns that skip into a failure (see {@link KioskBrowser}).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KioskBrowserTest implements PostgresTest {

    @Inject
    Kiosks kiosks;
    @Inject
    ContentFixtures content;
    @Inject
    Fixtures fixtures;
    @Inject
    EmbeddedServer server;

    private KioskBrowser browser;

    @BeforeAll
    void startChromium() {
        browser = KioskBrowser.open();
    }

    @AfterAll
    void stopChromium() {
        if (browser != null) {
            browser.close();
        }
    }

    private Object js(String script) {
        return browser.js(script);
    }

    private String approved(ContentFixtures.Institution institution, String title) {
        return KioskBrowser.approved(fixtures, content.admin(), fixtures.unique("opslag"), institution.slug(), title, Map.of());
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_kiosk_pairs_plays_its_slide_shows_a_publish_within_two_seconds_and_returns_to_pairing_when_revoked() throws Exception {
        ContentFixtures.Institution school = content.institution("Gymnasiet i Albertslund");
        String openHouse = approved(school, "Åbent hus på gymnasiet");
        Api admin = content.admin();
        String playlist = fixtures.unique("playlist");
        String screen = fixtures.unique("station");
        assertThat(admin.post("/api/v1/playlists", Map.of("slug", playlist, "name", "Stationen", "items", List.of(openHouse)))
                .status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/screens", Map.of("slug", screen, "name", "Stationshallen", "defaultPlaylist", playlist))
                .status()).isEqualTo(201);

        String code = browser.openPlayer("http://localhost:" + server.getPort(), "");
        assertThat(code).as("the pairing view shows a code").isNotNull();
        Api.Response claimed = kiosks.claim(admin, code, screen);
        assertThat(claimed.status()).isEqualTo(200);

        Object playing = Chromium.waitFor(Duration.ofSeconds(20), () -> js(
                "const s = window.kiosk && window.kiosk.snapshot(); return s && s.current ? s.current.title : null;"));
        assertThat(playing).isEqualTo("Åbent hus på gymnasiet");
        // visible text: empty while the slide is still fading in
        assertThat(Chromium.waitFor(Duration.ofSeconds(5), () -> browser.driver().findElement(By.id("slides")).getText()
                .contains("Åbent hus på gymnasiet"))).as("the slide's text is on screen").isEqualTo(true);

        String concert = approved(school, "Julekoncert i aulaen");
        Instant published = Instant.now();
        assertThat(admin.put("/api/v1/playlists/" + playlist + "/items", Map.of("items", List.of(openHouse, concert))).status())
                .isEqualTo(200);
        Object seen = Chromium.waitFor(Duration.ofSeconds(10), () -> js(
                "const s = window.kiosk.snapshot(); return s.slides.some(x => x.title === 'Julekoncert i aulaen');"));
        Duration visibleAfter = Duration.between(published, Instant.now());
        assertThat(seen).isEqualTo(true);
        assertThat(visibleAfter).isLessThan(Duration.ofSeconds(2));

        long deviceId = ((Number) ((Map<String, Object>) claimed.body().get("device")).get("id")).longValue();
        assertThat(admin.delete("/api/v1/kiosk/devices/" + deviceId).status()).isIn(200, 204);
        Object pairingAgain = Chromium.waitFor(Duration.ofSeconds(45), () -> js(
                "return window.kiosk.snapshot().state === 'unpaired' || !document.getElementById('pairing').hidden;"));
        assertThat(pairingAgain).isEqualTo(true);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_message_in_danish_and_english_is_one_slide_showing_each_language_in_turn_with_the_date_and_what_comes_next() throws Exception {
        ContentFixtures.Institution library = content.institution("Albertslund Bibliotek");
        Api admin = content.admin();
        String homework = KioskBrowser.approved(fixtures, admin, fixtures.unique("lektiecafe"), library.slug(), "Lektiecafé i biblioteket",
                Map.of("body", "Hver tirsdag kl. 15–17. Gratis.", "durationSeconds", 12, "translations", List.of(Map.of(
                        "language", "en", "title", "Homework café at the library", "body", "Every Tuesday, 15–17. Free."))));
        String writing = KioskBrowser.approved(fixtures, admin, fixtures.unique("skrivenat"), library.slug(), "Skrivenat", Map.of());
        String playlist = fixtures.unique("playlist");
        String screen = fixtures.unique("station");
        assertThat(admin.post("/api/v1/playlists", Map.of("slug", playlist, "name", "Stationen", "items", List.of(homework, writing)))
                .status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/screens", Map.of("slug", screen, "name", "Stationshallen", "languages", List.of("da", "en"),
                "infoBand", true, "defaultPlaylist", playlist)).status()).isEqualTo(201);

        String code = browser.openPlayer("http://localhost:" + server.getPort(), "");
        assertThat(kiosks.claim(admin, code, screen).status()).isEqualTo(200);

        // two messages, two slides: the English words are part of the first, not a slide of their own
        Object loop = Chromium.waitFor(Duration.ofSeconds(20), () -> js("""
                const s = window.kiosk && window.kiosk.snapshot();
                return s && s.current && s.current.title === 'Lektiecafé i biblioteket' && s.current.showing === 'da'
                  ? s.current.languages : null;"""));
        assertThat(loop).as("the first message on screen, in Danish, with its languages").isEqualTo(List.of("da", "en"));
        assertThat(js("return document.querySelector('#info-band .info-next-title')?.textContent ?? null"))
                .as("the band says what comes next").isEqualTo("Skrivenat");
        assertThat((String) js("return document.querySelector('#info-band [data-date]')?.textContent ?? ''")).as("the band's date")
                .matches("(?i)(mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag) \\d{1,2}\\. \\p{L}+");
        settled("da");
        Chromium.screenshot(browser.driver(), "kiosk-bilingual-da");

        // half of its 12 seconds later the same slide speaks English
        Object english = Chromium.waitFor(Duration.ofSeconds(10), () -> js("""
                const s = window.kiosk.snapshot();
                return s.current && s.current.title === 'Lektiecafé i biblioteket' && s.current.showing === 'en'
                  ? document.querySelector('#slide .slide-lang-block[lang=en] .slide-title')?.textContent ?? 'no title' : null;"""));
        assertThat(english).as("the English words on the same slide").isEqualTo("Homework café at the library");
        settled("en");
        Chromium.screenshot(browser.driver(), "kiosk-bilingual-en");

        Map<String, Object> manifest = kiosks.as(kiosks.pair(screen).token()).get("/api/v1/kiosk/manifest").body();
        List<Map<String, Object>> slides = (List<Map<String, Object>>) manifest.get("slides");
        assertThat(slides).extracting(slide -> slide.get("title")).containsExactly("Lektiecafé i biblioteket", "Skrivenat");
        assertThat((List<Map<String, Object>>) slides.get(0).get("texts")).extracting(t -> t.get("language")).containsExactly("da", "en");
        assertThat(((Map<String, Object>) manifest.get("screen")).get("infoBand")).isEqualTo(true);
    }

    /** Waits until the slide and its words in {@code language} have faded fully in, for a picture without a fade. */
    private void settled(String language) throws InterruptedException {
        Chromium.waitFor(Duration.ofSeconds(5), () -> js("""
                const slide = document.querySelector('#slide');
                const words = slide?.querySelector('.slide-lang-block[lang=%s]');
                return slide && words && getComputedStyle(slide).opacity === '1' && getComputedStyle(words).opacity === '1' ? true : null;"""
                .formatted(language)));
    }
}
