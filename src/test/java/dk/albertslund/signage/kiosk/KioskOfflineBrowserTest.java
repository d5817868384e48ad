package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.scheduler.Servers;
import dk.albertslund.signage.testing.Chromium;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The player in Chromium through the server going away and coming back, and with a
 * damaged cache. The server is a context this test starts, stops and starts again on the
 * same port and database, so the kiosk sees exactly what a restart looks like from outside.
 */
class KioskOfflineBrowserTest {

    private static final int PICTURE_WIDTH = 64;
    private static final int PICTURE_HEIGHT = 48;

    private final Map<String, String> datasource = TestDatabase.get().freshDatasource();
    private int port;
    private ApplicationContext server;
    private KioskBrowser browser;

    @BeforeEach
    void start() throws IOException {
        browser = KioskBrowser.open();
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        startServer();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void startServer() {
        Map<String, Object> properties = new HashMap<>(datasource);
        properties.put("micronaut.server.port", port);
        // a restarted server binds the port again while the old connections linger in TIME_WAIT
        properties.put("micronaut.server.netty.options.SO_REUSEADDR", true);
        properties.put("micronaut.security.token.jwt.signatures.secret.generator.secret", "test-secret-that-is-long-enough-for-hs256-signing");
        properties.put("signage.media.dir", "target/test-media/KioskOfflineBrowserTest");
        properties.put("signage.content-pack.import-on-first-start", false);
        server = Servers.start(properties);
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }

    /** What the kiosk plays: a text slide and a picture slide, 3 s each, on a new screen. */
    private record Programme(Api admin, String screen, String playlist, String textSlide, String pictureSlide, long pictureId, String sha256) {
    }

    private Programme programme() {
        ContentFixtures content = server.getBean(ContentFixtures.class);
        Fixtures fixtures = server.getBean(Fixtures.class);
        Api admin = content.admin();
        ContentFixtures.Institution library = content.institution("Albertslund Bibliotek");
        String sha256 = KioskBrowser.uploadPng(admin, KioskBrowser.png(PICTURE_WIDTH, PICTURE_HEIGHT, new Color(0x1d3557)));
        String text = KioskBrowser.approved(fixtures, admin, fixtures.unique("opslag"), library.slug(), "Lektiecafé i biblioteket",
                Map.of("durationSeconds", 3));
        String picture = KioskBrowser.approved(fixtures, admin, fixtures.unique("opslag"), library.slug(), "Udstilling i foyeren",
                Map.of("durationSeconds", 3, "media", sha256));
        long pictureId = ((Number) admin.get("/api/v1/announcements/" + picture).body().get("id")).longValue();
        String playlist = fixtures.unique("playlist");
        String screen = fixtures.unique("bibliotek");
        assertThat(admin.post("/api/v1/playlists", Map.of("slug", playlist, "name", "Biblioteket", "items", List.of(text, picture)))
                .status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/screens", Map.of("slug", screen, "name", "Bibliotekets indgang", "defaultPlaylist", playlist))
                .status()).isEqualTo(201);
        return new Programme(admin, screen, playlist, text, picture, pictureId, sha256);
    }

    private void pair(Programme programme) throws InterruptedException {
        String code = browser.openPlayer(baseUrl(), "");
        assertThat(code).as("the pairing view shows a code").isNotNull();
        KioskBrowser.claim(programme.admin(), code, programme.screen());
    }

    /**
     * Waits for a showing of the picture slide that started after {@code after} (by the
     * kiosk's clock) and has its image decoded; returns the image's natural size and source.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> nextPictureShowing(Programme programme, Instant after) throws InterruptedException {
        return Chromium.waitFor(Duration.ofSeconds(30), () -> (Map<String, Object>) browser.js("""
                const s = window.kiosk.snapshot();
                if (!s.current || s.current.id !== arguments[0] || Date.parse(s.current.startedAt) <= arguments[1]) return null;
                const img = document.querySelector('#slides .slide.shown img');
                if (!img || !img.complete || img.naturalWidth === 0) return null;
                return { width: img.naturalWidth, height: img.naturalHeight, src: img.src, dataSrc: img.dataset.src,
                         online: document.getElementById('kiosk').dataset.online };
                """, programme.pictureId(), after.toEpochMilli()));
    }

    private Instant kioskNow() {
        return Instant.ofEpochMilli(((Number) browser.js("return Date.now();")).longValue());
    }

    @Test
    void with_the_server_stopped_the_kiosk_goes_on_playing_its_picture_from_the_cache_and_picks_up_a_change_once_it_is_back()
            throws Exception {
        Programme programme = programme();
        pair(programme);
        assertThat(nextPictureShowing(programme, kioskNow())).as("the picture plays while the server is up")
                .containsEntry("width", (long) PICTURE_WIDTH);

        server.close();
        server = null;
        Object offline = Chromium.waitFor(Duration.ofSeconds(30), () -> browser.js(
                "return window.kiosk.snapshot().online === false;"));
        assertThat(offline).as("the kiosk notices the server is gone").isEqualTo(true);
        Map<String, Object> whileDown = nextPictureShowing(programme, kioskNow());
        assertThat(whileDown).as("a new showing of the picture while the server is down").isNotNull();
        assertThat(whileDown.get("width")).isEqualTo((long) PICTURE_WIDTH);
        assertThat(whileDown.get("height")).isEqualTo((long) PICTURE_HEIGHT);
        assertThat((String) whileDown.get("src")).startsWith("blob:");
        assertThat(whileDown.get("online")).isEqualTo("false");

        // a kiosk restarted while the server is down starts from its cached shell, manifest and media
        browser.driver().navigate().refresh();
        Map<String, Object> afterReload = nextPictureShowing(programme, Instant.EPOCH);
        assertThat(afterReload).as("the picture after a reload without the server").isNotNull();
        assertThat(afterReload.get("width")).isEqualTo((long) PICTURE_WIDTH);

        startServer();
        Api admin = server.getBean(ContentFixtures.class).admin();
        ContentFixtures.Institution school = server.getBean(ContentFixtures.class).institution("Musikskolen");
        Fixtures fixtures = server.getBean(Fixtures.class);
        String concert = KioskBrowser.approved(fixtures, admin, fixtures.unique("opslag"), school.slug(),
                "Forårskoncert med musikskolen", Map.of("durationSeconds", 3));
        assertThat(admin.put("/api/v1/playlists/" + programme.playlist() + "/items",
                Map.of("items", List.of(programme.textSlide(), programme.pictureSlide(), concert))).status()).isEqualTo(200);
        Object recovered = Chromium.waitFor(Duration.ofSeconds(90), () -> browser.js("""
                const s = window.kiosk.snapshot();
                return s.online === true && s.slides.some(x => x.title === 'Forårskoncert med musikskolen');"""));
        assertThat(recovered).as("back online with the change made after the restart").isEqualTo(true);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_cached_picture_whose_bytes_were_damaged_is_fetched_again_and_the_real_one_shown() throws Exception {
        Programme programme = programme();
        pair(programme);
        assertThat(nextPictureShowing(programme, kioskNow())).as("the picture plays and is cached")
                .containsEntry("width", (long) PICTURE_WIDTH);

        // Another real picture, smaller, under the same cache key: were the cache trusted
        // without its hash, the screen would show a 16 × 16 square.
        byte[] wrong = KioskBrowser.png(16, 16, Color.RED);
        Map<String, Object> damaged = (Map<String, Object>) browser.jsAsync("""
                const [sha, bytes, done] = arguments;
                (async () => {
                  const cache = await caches.open('signage-media-v1');
                  const key = (await cache.keys()).find(r => r.url.includes(sha));
                  await cache.put(key, new Response(new Uint8Array(bytes), { headers: { 'Content-Type': 'image/png' } }));
                  const stored = await (await cache.match(key)).arrayBuffer();
                  done({ url: key.url, bytes: stored.byteLength });
                })().catch(e => done({ error: String(e) }));
                """, programme.sha256(), toList(wrong));
        assertThat(damaged).doesNotContainKey("error").containsEntry("bytes", (long) wrong.length);

        Map<String, Object> shown = nextPictureShowing(programme, kioskNow());
        assertThat(shown).as("the next showing of the picture").isNotNull();
        assertThat(shown.get("width")).isEqualTo((long) PICTURE_WIDTH);
        assertThat(shown.get("height")).isEqualTo((long) PICTURE_HEIGHT);
        Object cachedHash = browser.jsAsync("""
                const [url, done] = arguments;
                (async () => {
                  const cached = await (await caches.open('signage-media-v1')).match(url);
                  const digest = await crypto.subtle.digest('SHA-256', await cached.arrayBuffer());
                  done(Array.from(new Uint8Array(digest), b => b.toString(16).padStart(2, '0')).join(''));
                })().catch(e => done(String(e)));
                """, damaged.get("url"));
        assertThat(cachedHash).as("the cache holds the real bytes again").isEqualTo(programme.sha256());
    }

    private static List<Integer> toList(byte[] bytes) {
        List<Integer> list = new java.util.ArrayList<>(bytes.length);
        for (byte b : bytes) {
            list.add(b & 0xff);
        }
        return list;
    }
}
