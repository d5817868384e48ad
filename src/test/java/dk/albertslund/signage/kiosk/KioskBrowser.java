package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Chromium;
import dk.albertslund.signage.testing.Fixtures;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.multipart.MultipartBody;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;

import java.util.Map;


/**
 * The kiosk player in Debian's headless Chromium, for the browser tests and the kiosk
 * benchmarks. Without Chromium a test is skipped with a line saying how to install it;
 * with SIGNAGE_REQUIRE_BROWSER=true (CI) that is a failure instead.
 */
public final class KioskBrowser implements AutoCloseable {

    private final ChromeDriver driver;

    private KioskBrowser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Whether Chromium and its driver are here; throws when they must be and are not. */
    public static boolean installed() {
        return Chromium.installed();
    }

    /** A new browser with a profile of its own; skips the calling test when Chromium is not installed. */
    public static KioskBrowser open() {
        return new KioskBrowser(Chromium.start(1280, 720, "--autoplay-policy=no-user-gesture-required"));
    }

    /** A new browser with a profile of its own (for benchmarks, which have no test to skip). */
    public static KioskBrowser start() {
        return new KioskBrowser(Chromium.launch(1280, 720, "--autoplay-policy=no-user-gesture-required"));
    }

    public ChromeDriver driver() {
        return driver;
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Runs a script whose last argument is the callback to call with the result (for promises). */
    public Object jsAsync(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /** Opens the player at {@code baseUrl/kiosk/index.html} (with an optional query) and returns the pairing code it shows. */
    public String openPlayer(String baseUrl, String query) throws InterruptedException {
        driver.get(baseUrl + "/kiosk/index.html" + query);
        return pairingCode(driver);
    }

    /** The pairing code a player opened in {@code browser} shows, once it shows one (null after 20 s without). */
    public static String pairingCode(org.openqa.selenium.WebDriver browser) throws InterruptedException {
        return Chromium.waitFor(Duration.ofSeconds(20), () -> {
            String shown = browser.findElement(By.id("pairing-code")).getAttribute("data-code");
            return shown == null || shown.isBlank() ? null : shown;
        });
    }

    /** The player's snapshot, as a map. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> snapshot() {
        return (Map<String, Object>) js("return window.kiosk ? window.kiosk.snapshot() : null;");
    }

    /** The slide on screen: { id, title, startedAt } of the snapshot's current, or null. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> current() {
        Map<String, Object> snapshot = snapshot();
        return snapshot == null ? null : (Map<String, Object>) snapshot.get("current");
    }

    @Override
    public void close() {
        driver.quit();
    }

    /** Staff claim the code for a screen; returns the device id. */
    @SuppressWarnings("unchecked")
    public static long claim(Api admin, String code, String screen) {
        Api.Response claimed = admin.post("/api/v1/kiosk/pairings/claim", Map.of("code", code, "screen", screen));
        if (claimed.status() != 200) {
            throw new IllegalStateException("not claimed: " + claimed.text());
        }
        return ((Number) ((Map<String, Object>) claimed.body().get("device")).get("id")).longValue();
    }

    /** An announcement written and submitted by {@code writer} and approved by another approver; returns its slug. */
    public static String approved(Fixtures fixtures, Api writer, String slug, String institution, String title,
                                  Map<String, Object> more) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("slug", slug, "institution", institution, "title", title,
                "body", "Mød elever og lærere.", "language", "da", "category", "education"));
        body.putAll(more);
        return fixtures.approvedMessage(writer, body);
    }

    /** Uploads a PNG; returns its SHA-256 as the server names it. */
    public static String uploadPng(Api staff, byte[] png) {
        MultipartBody body = MultipartBody.builder().addPart("file", "picture.png", MediaType.IMAGE_PNG_TYPE, png).build();
        Api.Response uploaded = staff.send(HttpRequest.POST("/api/v1/media", body).contentType(MediaType.MULTIPART_FORM_DATA_TYPE));
        if (uploaded.status() != 201 && uploaded.status() != 200) {
            throw new IllegalStateException("not uploaded: " + uploaded.text());
        }
        return (String) uploaded.body().get("sha256");
    }

    /** A real PNG of one colour, so width and height tell two pictures apart. */
    public static byte[] png(int width, int height, Color colour) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

}
