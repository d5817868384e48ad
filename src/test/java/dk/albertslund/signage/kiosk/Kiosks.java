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

import java.util.ArrayList;
import java.util.List;
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

    public Api admin() {
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

    /**
     * A kiosk paired with a screen whose standard playlist plays these announcements, after
     * fetching its first manifest as a starting kiosk does: what it may then report playing.
     */
    public Paired pair(String screen, Announcement... shown) {
        play(screen, shown);
        Paired paired = pair(screen);
        Api.Response manifest = as(paired.token()).get("/api/v1/kiosk/manifest");
        if (manifest.status() != 200) {
            throw new IllegalStateException("no manifest: " + manifest.text());
        }
        return paired;
    }

    /**
     * Gives the screen a new standard playlist of these announcements. They are marked
     * approved as they stand; approving is not what these tests are about (four eyes would
     * need a second account).
     */
    public void play(String screen, Announcement... shown) {
        List<String> slugs = new ArrayList<>();
        for (Announcement announcement : shown) {
            fixtures.rows("UPDATE announcement SET status = 'approved' WHERE id = ? RETURNING id", announcement.id());
            slugs.add(announcement.slug());
        }
        String playlist = fixtures.unique("playlist");
        Api.Response created = admin().post("/api/v1/playlists", Map.of("slug", playlist, "name", "Standard " + playlist, "items", slugs));
        String name = (String) admin().get("/api/v1/screens/" + screen).body().get("name");
        Api.Response standard = admin().put("/api/v1/screens/" + screen, Map.of("name", name, "defaultPlaylist", playlist));
        if (created.status() != 201 || standard.status() != 200) {
            throw new IllegalStateException("screen not given its playlist: " + created.text() + " " + standard.text());
        }
    }

    /** A client that calls with this bearer token. */
    public Api as(String token) {
        return new Api(client, json, token);
    }
}
