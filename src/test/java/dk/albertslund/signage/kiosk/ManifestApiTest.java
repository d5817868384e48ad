package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A paired kiosk reads its own screen's manifest, cheaply when unchanged, and hears of changes at once. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManifestApiTest implements PostgresTest {

    @Inject
    Kiosks kiosks;
    @Inject
    ContentFixtures content;
    @Inject
    Fixtures fixtures;

    /** An approved announcement through the API (an admin writes and submits, another approver approves); returns its slug. */
    private String approved(ContentFixtures.Institution institution, String title) {
        return fixtures.approvedMessage(content.admin(), Map.of("slug", fixtures.unique("opslag"), "institution", institution.slug(),
                "title", title, "body", "Kom og vær med.", "language", "da", "category", "culture"));
    }

    /** A screen whose default playlist holds these announcements; returns the screen and playlist slugs. */
    private String[] screenPlaying(String... announcements) {
        Api admin = content.admin();
        String playlist = fixtures.unique("playlist");
        assertThat(admin.post("/api/v1/playlists", Map.of("slug", playlist, "name", "Standard", "items", List.of(announcements)))
                .status()).isEqualTo(201);
        String screen = fixtures.unique("screen");
        assertThat(admin.post("/api/v1/screens", Map.of("slug", screen, "name", "Stationshallen", "defaultPlaylist", playlist))
                .status()).isEqualTo(201);
        return new String[]{screen, playlist};
    }

    @SuppressWarnings("unchecked")
    private static List<String> titles(Api.Response manifest) {
        return ((List<Map<String, Object>>) manifest.body().get("slides")).stream().map(s -> (String) s.get("title")).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void each_kiosk_gets_its_own_screens_slides_and_an_unchanged_manifest_is_a_304() {
        ContentFixtures.Institution library = content.institution("Albertslund Bibliotek");
        String[] station = screenPlaying(approved(library, "Julekoncert i foyeren"));
        String[] school = screenPlaying(approved(library, "Lektiecafé hver tirsdag"));
        Kiosks.Paired stationKiosk = kiosks.pair(station[0]);
        Kiosks.Paired schoolKiosk = kiosks.pair(school[0]);

        Api.Response first = kiosks.as(stationKiosk.token()).get("/api/v1/kiosk/manifest");
        Api.Response other = kiosks.as(schoolKiosk.token()).get("/api/v1/kiosk/manifest");
        Api.Response again = kiosks.as(stationKiosk.token()).send(HttpRequest.GET("/api/v1/kiosk/manifest")
                .header("If-None-Match", first.headers().get("ETag")));

        assertThat(first.status()).isEqualTo(200);
        assertThat(titles(first)).containsExactly("Julekoncert i foyeren");
        assertThat(((Map<String, Object>) first.body().get("screen")).get("slug")).isEqualTo(station[0]);
        assertThat(first.headers().get("ETag")).matches("\"[0-9a-f]{32}\"");
        assertThat(Instant.parse(first.headers().get("X-Server-Time"))).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(titles(other)).containsExactly("Lektiecafé hver tirsdag");
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.text()).isEmpty();
        assertThat(again.headers().get("ETag")).isEqualTo(first.headers().get("ETag"));
    }

    @Test
    void a_revoked_kiosk_gets_401_and_a_call_without_a_device_token_too() {
        ContentFixtures.Institution library = content.institution("Albertslund Bibliotek");
        Kiosks.Paired kiosk = kiosks.pair(screenPlaying(approved(library, "Forfatteraften"))[0]);
        assertThat(kiosks.as(kiosk.token()).get("/api/v1/kiosk/manifest").status()).isEqualTo(200);

        assertThat(content.admin().delete("/api/v1/kiosk/devices/" + kiosk.deviceId()).status()).isIn(200, 204);

        Api.Response revoked = kiosks.as(kiosk.token()).get("/api/v1/kiosk/manifest");
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.body()).containsEntry("detail", "This device is not paired, or its pairing has been revoked. Pair it again.");
        assertThat(fixtures.anonymous().get("/api/v1/kiosk/manifest").status()).isEqualTo(401);
        assertThat(content.admin().get("/api/v1/kiosk/manifest").status()).isEqualTo(401);
    }

    @Test
    void a_published_change_reaches_the_kiosks_event_stream_within_two_seconds() throws Exception {
        ContentFixtures.Institution library = content.institution("Albertslund Bibliotek");
        String first = approved(library, "Skrivenat på biblioteket");
        String[] screen = screenPlaying(first);
        Kiosks.Paired kiosk = kiosks.pair(screen[0]);
        String etag = kiosks.as(kiosk.token()).get("/api/v1/kiosk/manifest").headers().get("ETag");
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpClient http = HttpClient.newHttpClient();
        var stream = http.sendAsync(java.net.http.HttpRequest.newBuilder(URI.create(fixtures.url() + "/api/v1/kiosk/events"))
                .header("Authorization", "Bearer " + kiosk.token()).header("Last-Event-ID", etag).build(),
                HttpResponse.BodyHandlers.ofLines());
        stream.thenAccept(response -> response.body().forEach(lines::add));
        assertThat(lines.poll(10, TimeUnit.SECONDS)).isEqualTo(": connected");
        String second = approved(library, "Gaming-turnering");

        Instant published = Instant.now();
        assertThat(content.admin().put("/api/v1/playlists/" + screen[1] + "/items", Map.of("items", List.of(first, second)))
                .status()).isEqualTo(200);
        String event = null;
        for (String line = lines.poll(5, TimeUnit.SECONDS); line != null; line = lines.poll(5, TimeUnit.SECONDS)) {
            if (line.startsWith("event:")) {
                event = line;
                break;
            }
        }
        Duration heardAfter = Duration.between(published, Instant.now());

        assertThat(event).isEqualTo("event: manifest");
        assertThat(heardAfter).isLessThan(Duration.ofSeconds(2));
        assertThat(titles(kiosks.as(kiosk.token()).get("/api/v1/kiosk/manifest")))
                .containsExactly("Skrivenat på biblioteket", "Gaming-turnering");
        stream.cancel(true);
    }
}
