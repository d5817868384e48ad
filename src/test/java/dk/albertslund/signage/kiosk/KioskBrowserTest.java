package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The player in Debian's Chromium against the real server, driven like a person would:
 * it shows a code, staff claim it, the scheduled slide plays, a publish shows at once,
 * and a revoked kiosk goes back to pairing.
 *
 * <p>Without Chromium the test is skipped with a line saying how to install it; CI sets
 * SIGNAGE_REQUIRE_BROWSER=true, which turns that skip into a failure.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KioskBrowserTest implements PostgresTest {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    @Inject
    Kiosks kiosks;
    @Inject
    ContentFixtures content;
    @Inject
    Fixtures fixtures;
    @Inject
    EmbeddedServer server;

    private ChromeDriver browser;

    @BeforeAll
    void startChromium() throws Exception {
        boolean installed = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
        if (!installed && "true".equals(System.getenv("SIGNAGE_REQUIRE_BROWSER"))) {
            throw new IllegalStateException("SIGNAGE_REQUIRE_BROWSER is set but /usr/bin/chromium or /usr/bin/chromedriver is missing");
        }
        Assumptions.assumeTrue(installed, "Chromium is not installed: apt-get install -y chromium chromium-driver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--autoplay-policy=no-user-gesture-required", "--window-size=1280,720",
                "--user-data-dir=" + Files.createTempDirectory("kiosk-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    void stopChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private static <T> T waitFor(Duration limit, Supplier<T> value) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        T result = value.get();
        while ((result == null || Boolean.FALSE.equals(result)) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            result = value.get();
        }
        return result;
    }

    private String approved(ContentFixtures.Institution institution, String title) {
        Api admin = content.admin();
        String slug = fixtures.unique("opslag");
        assertThat(admin.post("/api/v1/announcements", Map.of("slug", slug, "institution", institution.slug(), "title", title,
                "body", "Mød elever og lærere.", "language", "da", "category", "education")).status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/announcements/" + slug + "/submit", Map.of()).status()).isEqualTo(200);
        assertThat(admin.post("/api/v1/announcements/" + slug + "/approve", Map.of()).status()).isEqualTo(200);
        return slug;
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

        browser.get("http://localhost:" + server.getPort() + "/kiosk/index.html");
        String code = waitFor(Duration.ofSeconds(20), () -> {
            String shown = browser.findElement(By.id("pairing-code")).getAttribute("data-code");
            return shown == null || shown.isBlank() ? null : shown;
        });
        assertThat(code).as("the pairing view shows a code").isNotNull();
        Api.Response claimed = kiosks.claim(admin, code, screen);
        assertThat(claimed.status()).isEqualTo(200);

        Object playing = waitFor(Duration.ofSeconds(20), () -> js(
                "const s = window.kiosk && window.kiosk.snapshot(); return s && s.current ? s.current.title : null;"));
        assertThat(playing).isEqualTo("Åbent hus på gymnasiet");
        assertThat(browser.findElement(By.id("slides")).getText()).contains("Åbent hus på gymnasiet");

        String concert = approved(school, "Julekoncert i aulaen");
        Instant published = Instant.now();
        assertThat(admin.put("/api/v1/playlists/" + playlist + "/items", Map.of("items", List.of(openHouse, concert))).status())
                .isEqualTo(200);
        Object seen = waitFor(Duration.ofSeconds(10), () -> js(
                "const s = window.kiosk.snapshot(); return s.slides.some(x => x.title === 'Julekoncert i aulaen');"));
        Duration visibleAfter = Duration.between(published, Instant.now());
        assertThat(seen).isEqualTo(true);
        assertThat(visibleAfter).isLessThan(Duration.ofSeconds(2));

        long deviceId = ((Number) ((Map<String, Object>) claimed.body().get("device")).get("id")).longValue();
        assertThat(admin.delete("/api/v1/kiosk/devices/" + deviceId).status()).isIn(200, 204);
        Object pairingAgain = waitFor(Duration.ofSeconds(45), () -> js(
                "return window.kiosk.snapshot().state === 'unpaired' || !document.getElementById('pairing').hidden;"));
        assertThat(pairingAgain).isEqualTo(true);
    }
}
