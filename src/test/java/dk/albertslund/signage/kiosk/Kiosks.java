package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;

import java.util.Map;

/** Screens and kiosks for the kiosk tests (and the report pages, which need plays from real kiosks): a kiosk asks to be paired, an admin claims it, the kiosk collects its token. */
@Singleton
@Requires(env = "test")
public class Kiosks {

    static final String USER_AGENT = "Mozilla/5.0 (X11; Linux aarch64) Chromium/126.0 Safari/537.36 CampusKiosk";

    private final Fixtures fixtures;
    private final ContentFixtures content;
    private final BlockingHttpClient client;
    private final JsonMapper json;

    Kiosks(Fixtures fixtures, ContentFixtures content, EmbeddedServer server, JsonMapper json) {
        this.fixtures = fixtures;
        this.content = content;
        this.client = HttpClient.create(server.getURL()).toBlocking();
        this.json = json;
    }

    /** A kiosk that has asked for a code: what the server answered it. */
    record Asked(String pairingId, String code, String pollSecret) {
    }

    /** A paired kiosk: its device id, token and screen. */
    public record Paired(long deviceId, String token, String screen) {
    }

    Api admin() {
        return content.admin();
    }

    /** An announcement as proof of play names it: its id (what kiosks send) and slug (what reports show). */
    public record Announcement(long id, String slug) {
    }

    /** A new Danish culture announcement of a new institution, made by an admin through the API. */
    public Announcement announcement(String title) {
        ContentFixtures.Institution institution = content.institution("Forbrændingen");
        String slug = fixtures.unique("koncert");
        Api.Response created = admin().post("/api/v1/announcements", Map.of("slug", slug,
                "institution", institution.slug(), "title", title, "body", "Fredag kl. 20.", "language", "da", "category", "culture"));
        if (created.status() != 201) {
            throw new IllegalStateException("announcement not created: " + created.text());
        }
        return new Announcement(((Number) created.body().get("id")).longValue(), slug);
    }

    /** A new screen; returns its slug. */
    public String screen(String name) {
        String slug = fixtures.unique("screen");
        Api.Response created = admin().post("/api/v1/screens", Map.of("slug", slug, "name", name));
        if (created.status() != 201) {
            throw new IllegalStateException("screen not created: " + created.text());
        }
        return slug;
    }

    Api.Response ask() {
        return fixtures.anonymous().send(HttpRequest.POST("/api/v1/kiosk/pairings", Map.of()).header("User-Agent", USER_AGENT));
    }

    Asked asked() {
        Api.Response response = ask();
        if (response.status() != 201) {
            throw new IllegalStateException("pairing not requested: " + response.text());
        }
        Map<String, Object> body = response.body();
        return new Asked((String) body.get("pairingId"), (String) body.get("code"), (String) body.get("pollSecret"));
    }

    Api.Response poll(String pairingId, String pollSecret) {
        return fixtures.anonymous().send(HttpRequest.GET("/api/v1/kiosk/pairings/" + pairingId).header("X-Pairing-Secret", pollSecret));
    }

    Api.Response claim(Api staff, String code, String screen) {
        return staff.post("/api/v1/kiosk/pairings/claim", Map.of("code", code, "screen", screen));
    }

    /** A kiosk paired with the screen through the API, token collected. */
    public Paired pair(String screen) {
        Asked asked = asked();
        Api.Response claimed = claim(admin(), asked.code(), screen);
        if (claimed.status() != 200) {
            throw new IllegalStateException("not claimed: " + claimed.text());
        }
        @SuppressWarnings("unchecked")
        long deviceId = ((Number) ((Map<String, Object>) claimed.body().get("device")).get("id")).longValue();
        return new Paired(deviceId, (String) poll(asked.pairingId(), asked.pollSecret()).body().get("deviceToken"), screen);
    }

    /** A client that calls with this bearer token. */
    public Api as(String token) {
        return new Api(client, json, token);
    }
}
