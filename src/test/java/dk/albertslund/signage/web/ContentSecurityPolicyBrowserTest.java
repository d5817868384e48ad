package dk.albertslund.signage.web;

import dk.albertslund.signage.kiosk.KioskBrowser;
import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Chromium;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.awt.Color;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kiosk player and swagger-ui under their Content-Security-Policy (web/SecurityHeaders)
 * in Debian's Chromium: each works (the player pairs and shows a text and a picture slide,
 * the picture as a blob: URL, over its event stream; swagger-ui renders the API) and the
 * console has nothing the policy refused. The staff pages are checked on the tour
 * (StaffPagesTourBrowserTest).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContentSecurityPolicyBrowserTest implements PostgresTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Fixtures fixtures;
    @Inject
    ContentFixtures content;
    @Inject
    EmbeddedServer server;

    private String base() {
        return "http://localhost:" + server.getPort();
    }

    @Test
    void the_kiosk_player_pairs_and_plays_text_and_a_picture_with_nothing_refused() throws Exception {
        Api admin = content.admin();
        ContentFixtures.Institution library = content.institution("Albertslund Bibliotek");
        String sha256 = KioskBrowser.uploadPng(admin, KioskBrowser.png(320, 180, new Color(0x1d3557)));
        String text = KioskBrowser.approved(fixtures, admin, fixtures.unique("opslag"), library.slug(), "Lektiecafé i biblioteket",
                Map.of("durationSeconds", 3));
        String picture = KioskBrowser.approved(fixtures, admin, fixtures.unique("opslag"), library.slug(), "Udstilling i foyeren",
                Map.of("durationSeconds", 3, "media", sha256));
        String playlist = content.playlist(Map.of("slug", fixtures.unique("playlist"), "name", "Biblioteket", "items", List.of(text, picture)));
        String screen = fixtures.unique("bibliotek");
        assertThat(admin.post("/api/v1/screens", Map.of("slug", screen, "name", "Bibliotekets indgang", "defaultPlaylist", playlist))
                .status()).isEqualTo(201);

        try (KioskBrowser kiosk = KioskBrowser.open()) {
            String code = kiosk.openPlayer(base(), "");
            assertThat(code).as("the pairing view shows a code").isNotNull();
            KioskBrowser.claim(admin, code, screen);

            Object pictureSource = Chromium.waitFor(WAIT, () -> kiosk.js("""
                    const img = document.querySelector('#slides .slide.shown img');
                    return img && img.complete && img.naturalWidth > 0 ? img.src : null;"""));
            Object textShown = Chromium.waitFor(WAIT, () -> kiosk.driver().findElement(By.id("slides")).getText()
                    .contains("Lektiecafé i biblioteket"));

            assertThat((String) pictureSource).as("the picture is shown from a blob: URL").startsWith("blob:");
            assertThat(textShown).isEqualTo(true);
            assertThat(Chromium.contentSecurityPolicyViolations(kiosk.driver())).isEmpty();
        }
    }

    @Test
    void swagger_ui_renders_the_api_with_nothing_refused() throws Exception {
        ChromeDriver browser = Chromium.start(1280, 900);
        try {
            browser.get(base() + "/swagger-ui/index.html");
            Object operations = Chromium.waitFor(WAIT, () -> browser.findElements(By.cssSelector(".swagger-ui .opblock")).size() > 5);

            assertThat(operations).as("swagger-ui lists the API's operations").isEqualTo(true);
            assertThat(Chromium.contentSecurityPolicyViolations(browser)).isEmpty();
        } finally {
            browser.quit();
        }
    }
}
