package dk.albertslund.signage.kiosk;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.staff.Role;
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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A paired kiosk in Chromium plays a message with a link: the QR code on screen is read back
 * from a screenshot, as a phone would, to the screen's short address; following that address
 * counts exactly one scan, sends on to the link without a cookie, and the report shows the
 * scan beside the plays. Landscape and portrait; screenshots in target/screenshots/qr-*.png.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QrKioskBrowserTest implements PostgresTest {

    private static final String LINK = "https://optagelse.dk/";

    @Inject
    Kiosks kiosks;
    @Inject
    ContentFixtures content;
    @Inject
    Fixtures fixtures;
    @Inject
    EmbeddedServer server;
    @Inject
    dk.albertslund.signage.config.SignageConfiguration configuration;

    @Test
    void a_kiosk_shows_a_qr_code_that_reads_back_as_its_short_address_and_a_scan_counts_once_in_the_report() throws Exception {
        played(Map.of(), 1280, 720, "landscape");
    }

    @Test
    void in_portrait_the_code_sits_under_the_words_and_reads_back_too() throws Exception {
        played(Map.of("orientation", "portrait", "width", 1080, "height", 1920), 720, 1280, "portrait");
    }

    @Test
    void beside_the_side_column_and_ticker_the_code_reads_back_too() throws Exception {
        played(Map.of("layout", "main-side-ticker"), 1280, 720, "main-side-ticker");
    }

    private void played(Map<String, Object> screenShape, int windowWidth, int windowHeight, String name) throws Exception {
        ContentFixtures.Institution school = content.institution("Gymnasiet i Albertslund");
        Api admin = content.admin();
        String deadline = KioskBrowser.approved(fixtures, admin, fixtures.unique("frist"), school.slug(),
                "Ansøgningsfrist 1. marts", Map.of("body", "Søg ind på gymnasiet senest 1. marts kl. 12.", "durationSeconds", 30,
                        "link", LINK));
        String playlist = fixtures.unique("playlist");
        String screen = fixtures.unique("station");
        admin.post("/api/v1/playlists", Map.of("slug", playlist, "name", "Stationen", "items", List.of(deadline))).expect(201);
        Map<String, Object> screenCommand = new java.util.HashMap<>(Map.of("slug", screen, "name", "Stationshallen",
                "defaultPlaylist", playlist));
        screenCommand.putAll(screenShape);
        admin.post("/api/v1/screens", screenCommand).expect(201);

        ChromeDriver browser = Chromium.start(windowWidth, windowHeight, "--autoplay-policy=no-user-gesture-required");
        try {
            browser.get("http://localhost:" + server.getPort() + "/kiosk/index.html");
            String code = KioskBrowser.pairingCode(browser);
            kiosks.claim(admin, code, screen).expect(200);
            Object settled = Chromium.waitFor(Duration.ofSeconds(20), () -> browser.executeScript("""
                    const slide = document.querySelector('#slide');
                    const link = slide?.querySelector('.slide-link');
                    return link && getComputedStyle(slide).opacity === '1' ? link.dataset.address : null;"""));
            assertThat(settled).as("the slide shows its link").isNotNull();
            String address = (String) settled;
            assertThat(address).matches(java.util.regex.Pattern.quote(configuration.getPublicUrl()) + "/go/[a-z0-9]{8}");
            assertThat(browser.findElement(By.cssSelector("#slide .slide-link-label")).getText())
                    .isEqualTo(address.replaceFirst("^https?://", ""));
            assertThat(Chromium.contentSecurityPolicyViolations(browser)).isEmpty();

            Chromium.screenshot(browser, "qr-" + name);
            WebElement qr = browser.findElement(By.cssSelector("#slide .slide-link-code"));
            byte[] png = qr.getScreenshotAs(OutputType.BYTES);
            Files.createDirectories(Path.of("target/screenshots"));
            Files.write(Path.of("target/screenshots/qr-" + name + "-code.png"), png);
            assertThat(decode(png)).as("what a phone reads").isEqualTo(address);
            // the words keep clear of the code
            assertThat(overlaps(browser, "#slide .slide-lang-block:not(.off) .slide-title", "#slide .slide-link")).isFalse();
            assertThat(overlaps(browser, "#slide .slide-lang-block:not(.off) .slide-html", "#slide .slide-link")).isFalse();

            HttpResponse<String> scanned = follow(URI.create(address).getPath());
            assertThat(scanned.statusCode()).isEqualTo(303);
            assertThat(scanned.headers().firstValue("Location")).hasValue(LINK);
            assertThat(scanned.headers().allValues("Set-Cookie")).isEmpty();
            assertThat(fixtures.rows("""
                    SELECT sum(c.scans) AS scans FROM link_scan c JOIN screen s ON s.id = c.screen_id WHERE s.slug = ?""", screen))
                    .containsExactly(Map.of("scans", 1L));

            LocalDate today = LocalDate.now(ZoneId.of("Europe/Copenhagen"));
            Api viewer = fixtures.signedIn(Role.VIEWER);
            List<Map<String, Object>> report = viewer.get("/api/v1/reports/plays?from=" + today.minusDays(1) + "&to=" + today
                    + "&screen=" + screen).items();
            assertThat(report).extracting(r -> r.get("announcement") + " scans=" + r.get("scans")).contains(deadline + " scans=1");
        } finally {
            browser.quit();
        }
    }

    private HttpResponse<String> follow(String path) throws IOException, InterruptedException {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + path)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static boolean overlaps(ChromeDriver browser, String a, String b) {
        return (Boolean) browser.executeScript("""
                const [a, b] = [document.querySelector(arguments[0]), document.querySelector(arguments[1])];
                if (!a || !b) return false;
                const [r, s] = [a.getBoundingClientRect(), b.getBoundingClientRect()];
                return r.left < s.right && s.left < r.right && r.top < s.bottom && s.top < r.bottom;""", a, b);
    }

    private static String decode(byte[] png) throws Exception {
        var image = ImageIO.read(new ByteArrayInputStream(png));
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }
}
