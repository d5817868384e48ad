package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.scheduler.Servers;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Two server processes on one database: a change made through one reaches a kiosk on the other (LISTEN/NOTIFY). */
class TwoServerPushTest {

    @Test
    void a_change_made_through_server_a_reaches_a_kiosk_connected_to_server_b_within_two_seconds() throws Exception {
        Map<String, String> datasource = TestDatabase.get().freshDatasource();
        try (ApplicationContext a = Servers.start(Servers.properties(datasource, "TwoServerPushTest-a"));
             ApplicationContext b = Servers.start(Servers.properties(datasource, "TwoServerPushTest-b"))) {
            ContentFixtures onA = a.getBean(ContentFixtures.class);
            Fixtures fixturesA = a.getBean(Fixtures.class);
            Kiosks kioskOnB = b.getBean(Kiosks.class);
            Api admin = onA.admin();
            ContentFixtures.Institution venue = onA.institution("Forbrændingen");
            String playlist = fixturesA.unique("playlist");
            String screen = fixturesA.unique("screen");
            String concert = approved(admin, fixturesA, venue, "Lokale bands på scenen");
            assertThat(admin.post("/api/v1/playlists", Map.of("slug", playlist, "name", "Café", "items", List.of(concert))).status())
                    .isEqualTo(201);
            assertThat(admin.post("/api/v1/screens", Map.of("slug", screen, "name", "Caféen", "defaultPlaylist", playlist)).status())
                    .isEqualTo(201);
            // The kiosk pairs and listens through server B; staff work through server A.
            Kiosks.Paired kiosk = kioskOnB.pair(screen);
            String etag = kioskOnB.as(kiosk.token()).get("/api/v1/kiosk/manifest").headers().get("ETag");
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            var stream = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                            URI.create(b.getBean(Fixtures.class).url() + "/api/v1/kiosk/events"))
                    .header("Authorization", "Bearer " + kiosk.token()).header("Last-Event-ID", etag).build(),
                    HttpResponse.BodyHandlers.ofLines());
            stream.thenAccept(response -> response.body().forEach(lines::add));
            assertThat(lines.poll(10, TimeUnit.SECONDS)).isEqualTo(": connected");
            String hiphop = approved(admin, fixturesA, venue, "Hiphop-aften");

            Instant changed = Instant.now();
            assertThat(admin.put("/api/v1/playlists/" + playlist + "/items", Map.of("items", List.of(concert, hiphop))).status())
                    .isEqualTo(200);
            String event = null;
            for (String line = lines.poll(5, TimeUnit.SECONDS); line != null; line = lines.poll(5, TimeUnit.SECONDS)) {
                if (line.startsWith("event:")) {
                    event = line;
                    break;
                }
            }

            assertThat(event).isEqualTo("event: manifest");
            assertThat(Duration.between(changed, Instant.now())).isLessThan(Duration.ofSeconds(2));
            stream.cancel(true);
        }
    }

    private static String approved(Api admin, Fixtures fixtures, ContentFixtures.Institution institution, String title) {
        return fixtures.approvedMessage(admin, Map.of("slug", fixtures.unique("opslag"), "institution", institution.slug(),
                "title", title, "body", "Fri entré.", "language", "da", "category", "culture"));
    }
}
