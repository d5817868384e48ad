package dk.albertslund.signage.departures;

import dk.albertslund.signage.kiosk.KioskBrowser;
import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Chromium;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.Dimension;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The board on a paired station kiosk in Chromium, on the real clock: as a slide in the
 * rotation and as the side column's zone, landscape and portrait (screenshots in
 * target/screenshots/departures-*.png); a new delay arriving within a fetch interval; stale
 * realtime shown as planned; and with nothing to show, the usual side column and the
 * messages going on. Conditions are awaited with generous limits (a loaded 2-core machine).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DepartureBrowserTest implements PostgresTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Inject
    Fixtures fixtures;
    @Inject
    ContentFixtures content;
    @Inject
    EmbeddedServer server;
    @Inject
    Departures departures;

    private final StationSources sources;
    private KioskBrowser browser;

    DepartureBrowserTest() throws IOException {
        sources = new StationSources();
    }

    @Override
    public Map<String, String> extraProperties() {
        return sources.properties();
    }

    @BeforeAll
    void startChromium() {
        browser = KioskBrowser.open();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        sources.close();
    }

    private Object js(String script) {
        return browser.js(script);
    }

    /** The rows of the board in {@code where} ("#slide" or "#side-departures") as a passer-by reads them. */
    private Object rows(String where) {
        return js(rowsScript(where));
    }

    private static String rowsScript(String where) {
        return ("""
                const rows = [...document.querySelectorAll('%s .departure')];
                return rows.length === 0 ? null : rows.map(r => [...r.querySelectorAll(
                  '.departure-line, .departure-destination, .departure-platform-number, .departure-status')]
                  .map(e => e.textContent).filter(t => t).join(' '));""".formatted(where));
    }

    private void screen(Api admin, String slug, String playlist, String orientation, String layout, String mode) {
        boolean portrait = orientation.equals("portrait");
        Map<String, Object> body = new HashMap<>(Map.of("slug", slug, "name", "Stationshallen", "languages", List.of("da", "en"),
                "orientation", orientation, "width", portrait ? 1080 : 1920, "height", portrait ? 1920 : 1080,
                "layout", layout, "departures", mode, "defaultPlaylist", playlist));
        Api.Response answer = admin.put("/api/v1/screens/" + slug, body);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    }

    /** Waits until the departures slide has faded fully in and the one before it is gone, for the picture. */
    private void settled() throws InterruptedException {
        Chromium.waitFor(Duration.ofSeconds(10), () -> js("""
                const slide = document.querySelector('.slide--departures.shown');
                return slide && getComputedStyle(slide).opacity === '1' && !document.querySelector('.slide.leaving') ? true : null;"""));
    }

    @Test
    void the_station_kiosk_shows_the_board_as_a_slide_and_a_zone_with_live_delays_planned_times_and_without_data_goes_on()
            throws Exception {
        ContentFixtures.Institution library = content.institution("Albertslund Bibliotek");
        Api admin = content.admin();
        String message = KioskBrowser.approved(fixtures, admin, fixtures.unique("lektiecafe"), library.slug(),
                "Lektiecafé i biblioteket", Map.of("durationSeconds", 5));
        String playlist = fixtures.unique("playlist");
        String slug = fixtures.unique("station");
        assertThat(admin.post("/api/v1/playlists", Map.of("slug", playlist, "name", "Stationen", "items", List.of(message)))
                .status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/screens", Map.of("slug", slug, "name", "Stationshallen", "languages", List.of("da", "en"),
                "departures", "slide", "defaultPlaylist", playlist)).status()).isEqualTo(201);

        String code = browser.openPlayer("http://localhost:" + server.getPort(), "");
        KioskBrowser.claim(admin, code, slug);

        // landscape, as a slide taking its turn after the message
        Object slide = Chromium.waitFor(PATIENCE, () -> {
            Object r = rows("#slide.slide--departures.shown");
            return r != null && r.toString().contains("+4 min") ? r : null;
        });
        assertThat(slide).as("the departures slide in the rotation").isEqualTo(List.of(
                "B København H 1", "B Høje Taastrup 2", "Bx Farum 1 +4 min", "B Høje Taastrup 2 Aflyst · Cancelled",
                "B Frederikssund 1"));
        settled();
        Chromium.screenshot(browser.driver(), "departures-slide-landscape");
        Object message1 = Chromium.waitFor(PATIENCE, () -> js(
                "const c = window.kiosk.snapshot().current; return c && c.title === 'Lektiecafé i biblioteket' ? true : null;"));
        assertThat(message1).as("the message plays again after the board").isEqualTo(true);

        // the side column's zone; a new delay reaches it within one fetch interval
        screen(admin, slug, playlist, "landscape", "main-side-ticker", "zone");
        assertThat(Chromium.waitFor(PATIENCE, () -> rows("#side-departures:not([hidden])"))).as("the zone").isNotNull();
        sources.news(420, Instant.now());
        Object delayed = Chromium.waitFor(PATIENCE, () -> {
            Object r = rows("#side-departures:not([hidden])");
            return r != null && r.toString().contains("Bx Farum 1 +7 min") ? r : null;
        });
        assertThat(delayed).as("the new delay in the zone").isNotNull();
        Chromium.screenshot(browser.driver(), "departures-zone-landscape");

        // realtime older than the limit: planned times, no delays, no cancellations
        sources.news(420, Instant.now().minus(Duration.ofMinutes(5)));
        Object planned = Chromium.waitFor(PATIENCE, () -> {
            Object r = rows("#side-departures:not([hidden])");
            return r != null && !r.toString().contains("+7") && r.toString().contains("Planlagt") ? r : null;
        });
        assertThat(planned).as("stale realtime shown as planned").isEqualTo(List.of(
                "B København H 1 Planlagt · Planned", "B Høje Taastrup 2 Planlagt · Planned",
                "Bx Farum 1 Planlagt · Planned", "B Høje Taastrup 2 Planlagt · Planned", "B Frederikssund 1 Planlagt · Planned"));
        Chromium.screenshot(browser.driver(), "departures-zone-stale");
        sources.news(240, Instant.now());

        // portrait: the slide, then the zone in the band under the main area
        browser.driver().manage().window().setSize(new Dimension(720, 1280));
        screen(admin, slug, playlist, "portrait", "full", "slide");
        Object portraitSlide = Chromium.waitFor(PATIENCE, () -> {
            Object r = rows("#slide.slide--departures.shown");
            return r != null && r.toString().contains("+4 min")
                    && "portrait".equals(js("return document.getElementById('kiosk').dataset.orientation")) ? r : null;
        });
        assertThat(portraitSlide).as("the departures slide, portrait").isNotNull();
        settled();
        Chromium.screenshot(browser.driver(), "departures-slide-portrait");
        screen(admin, slug, playlist, "portrait", "main-side-ticker", "zone");
        assertThat(Chromium.waitFor(PATIENCE, () -> rows("#side-departures:not([hidden])"))).as("the zone, portrait").isNotNull();
        // on a zone screen the board is no slide: the one from before has left the rotation
        Chromium.waitFor(PATIENCE, () -> js("return document.querySelector('.slide--departures, .slide.leaving') === null ? true : null"));
        Chromium.screenshot(browser.driver(), "departures-zone-portrait");

        // no departures to show: the usual side column, and the messages go on
        sources.timetable(Instant.now().plus(Duration.ofHours(5)));
        departures.fetchTimetable(Instant.now());
        Object usual = Chromium.waitFor(PATIENCE, () -> js("""
                const zone = document.getElementById('side-departures');
                const next = document.getElementById('side-next');
                return zone.hidden && getComputedStyle(next).display !== 'none'
                  && document.getElementById('kiosk').dataset.departures === 'none' ? true : null;"""));
        assertThat(usual).as("the zone gives way to the usual side column").isEqualTo(true);
        screen(admin, slug, playlist, "landscape", "full", "slide");
        browser.driver().manage().window().setSize(new Dimension(1280, 720));
        Object goesOn = Chromium.waitFor(PATIENCE, () -> js("""
                const c = window.kiosk.snapshot().current;
                return c && c.title === 'Lektiecafé i biblioteket' && c.startedAt
                  && document.getElementById('kiosk').dataset.layout === 'full' ? c.startedAt : null;"""));
        assertThat(goesOn).as("the message plays").isNotNull();
        Object again = Chromium.waitFor(PATIENCE, () -> js("""
                const c = window.kiosk.snapshot().current;
                return c && c.startedAt !== arguments[0] ? c.kind : null;""".replace("arguments[0]", "'" + goesOn + "'")));
        assertThat(again).as("the next showing is the message again, not the board").isEqualTo("text");
        assertThat(js("return document.querySelector('.slide--departures') === null")).isEqualTo(true);
        assertThat(Chromium.contentSecurityPolicyViolations(browser.driver())).isEmpty();
    }

    /** README's picture of the station: the next trains beside a message with a QR code that passers-by take with them. */
    @Test
    void the_station_screen_shows_the_next_trains_beside_a_message_with_its_qr_code() throws Exception {
        sources.timetable(Instant.now());
        departures.fetchTimetable(Instant.now());
        sources.news(240, Instant.now());
        ContentFixtures.Institution school = content.institution("Gymnasiet i Albertslund");
        Api admin = content.admin();
        String message = KioskBrowser.approved(fixtures, admin, fixtures.unique("ansoegning"), school.slug(),
                "Ansøgningsfrist 1. marts", Map.of("body", "Søg ind på gymnasiet senest 1. marts kl. 12.",
                        "link", "https://www.optagelse.dk/", "durationSeconds", 60));
        String playlist = fixtures.unique("playlist");
        String slug = fixtures.unique("station");
        assertThat(admin.post("/api/v1/playlists", Map.of("slug", playlist, "name", "Stationen", "items", List.of(message)))
                .status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/screens", Map.of("slug", slug, "name", "Stationshallen", "languages", List.of("da", "en"),
                "layout", "main-side-ticker", "departures", "zone", "defaultPlaylist", playlist)).status()).isEqualTo(201);
        // a kiosk of its own: the other test's kiosk stays paired with its screen
        KioskBrowser station = KioskBrowser.open();
        try {
            station.driver().manage().window().setSize(new Dimension(1280, 720));

            String code = station.openPlayer("http://localhost:" + server.getPort(), "");
            KioskBrowser.claim(admin, code, slug);

            assertThat(Chromium.waitFor(PATIENCE, () -> station.js(rowsScript("#side-departures:not([hidden])")))).as("the next trains").isNotNull();
            Object qr = Chromium.waitFor(PATIENCE, () -> station.js("""
                    const slide = document.querySelector('.slide.shown');
                    const label = slide && slide.querySelector('.slide-link-label');
                    return label && getComputedStyle(slide).opacity === '1' && !document.querySelector('.slide.leaving')
                      ? label.textContent : null;"""));
            assertThat((String) qr).as("the short address under the code").contains("/go/");
            Chromium.screenshot(station.driver(), "readme-station");
            assertThat(Chromium.contentSecurityPolicyViolations(station.driver())).isEmpty();
        } finally {
            station.close();
        }
    }
}
