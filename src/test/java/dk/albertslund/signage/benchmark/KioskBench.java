package dk.albertslund.signage.benchmark;

import dk.albertslund.signage.kiosk.KioskBrowser;
import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.scheduler.Servers;
import dk.albertslund.signage.testing.Chromium;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the kiosk benchmarks share: the server in this process on a fresh database of the
 * embedded test PostgreSQL, headless Chromium, and a screen the browser is paired with.
 */
final class KioskBench implements AutoCloseable {

    final ApplicationContext server;
    final KioskBrowser browser;
    final Api admin;
    final Fixtures fixtures;
    final ContentFixtures.Institution institution;

    private KioskBench(ApplicationContext server, KioskBrowser browser) {
        this.server = server;
        this.browser = browser;
        this.fixtures = server.getBean(Fixtures.class);
        ContentFixtures content = server.getBean(ContentFixtures.class);
        this.admin = content.admin();
        this.institution = content.institution("Musikteatret");
    }

    /** What a benchmark's work may throw. */
    interface Work {
        void run() throws Exception;
    }

    /** Runs a benchmark and exits: the HTTP clients' event loops are not daemons; on failure it says why. */
    static void runAndExit(Work work) {
        try {
            work.run();
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    static KioskBench start() {
        if (!KioskBrowser.installed()) {
            throw new IllegalStateException("Chromium is not installed: apt-get install -y chromium chromium-driver");
        }
        Map<String, Object> properties = new HashMap<>(TestDatabase.get().freshDatasource());
        properties.put("micronaut.server.port", -1);
        properties.put("micronaut.security.token.jwt.signatures.secret.generator.secret", "bench-secret-that-is-long-enough-for-hs256-signing");
        properties.put("signage.media.dir", "target/bench-media");
        properties.put("signage.content-pack.import-on-first-start", false);
        properties.put("logger.levels.root", "WARN");
        ApplicationContext server = Servers.start(properties);
        try {
            return new KioskBench(server, KioskBrowser.start());
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    String baseUrl() {
        return "http://localhost:" + server.getBean(EmbeddedServer.class).getPort();
    }

    /** An approved announcement of the benchmark's institution; returns its slug. */
    String approved(String title, Map<String, Object> more) {
        return KioskBrowser.approved(fixtures, admin, fixtures.unique("opslag"), institution.slug(), title, more);
    }

    /**
     * A main + side + ticker screen whose playlist takes every approved announcement of the
     * institution, and the browser paired with it (opened with this query), playing.
     */
    void pairScreen(String query) throws InterruptedException {
        String playlist = fixtures.unique("playlist");
        String screen = fixtures.unique("foyer");
        expect(admin.post("/api/v1/playlists", Map.of("slug", playlist, "name", "Foyeren",
                "rule", Map.of("institutions", List.of(institution.slug())))), 201);
        expect(admin.post("/api/v1/screens", Map.of("slug", screen, "name", "Foyeren", "orientation", "landscape",
                "layout", "main-side-ticker", "defaultPlaylist", playlist)), 201);
        String code = browser.openPlayer(baseUrl(), query);
        if (code == null) {
            throw new IllegalStateException("the player showed no pairing code");
        }
        KioskBrowser.claim(admin, code, screen);
        Object playing = Chromium.waitFor(Duration.ofSeconds(30), () -> browser.js(
                "const s = window.kiosk.snapshot(); return s.current !== null;"));
        if (!Boolean.TRUE.equals(playing)) {
            throw new IllegalStateException("the paired player plays nothing");
        }
    }

    static void expect(Api.Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("expected " + status + ": " + response.status() + " " + response.text());
        }
    }

    static String machine() {
        return String.format(Locale.ROOT, "%s %s, %d cores, Java %s, %s",
                System.getProperty("os.name"), System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), chromiumVersion());
    }

    private static String chromiumVersion() {
        try {
            Process p = new ProcessBuilder("/usr/bin/chromium", "--version").redirectErrorStream(true).start();
            // Debian's wrapper script may print a shell warning first; the version is the last line
            String[] lines = new String(p.getInputStream().readAllBytes()).trim().split("\n");
            return lines[lines.length - 1];
        } catch (Exception e) {
            return "Chromium (version unknown)";
        }
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            server.close();
        }
    }
}
