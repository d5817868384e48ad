package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.schedule.CountingScheduleSnapshots;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A change that reaches hundreds of screens costs one read of the campus, not one per
 * screen; only the manifests that differ get a new ETag and an event, and only screens
 * this server holds manifests for are built.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManifestBatchRefreshTest implements PostgresTest {

    /** More than one batch, so batches are built on several threads. */
    private static final int SCREENS = Manifests.BATCH + 50;

    @Inject
    Kiosks kiosks;
    @Inject
    Fixtures fixtures;
    @Inject
    Manifests manifests;
    @Inject
    CountingScheduleSnapshots snapshots;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of(CountingScheduleSnapshots.PROPERTY, "true");
    }

    @Test
    void a_change_to_a_playlist_on_three_hundred_screens_reads_the_campus_once_and_tells_only_their_kiosks() throws Exception {
        Kiosks.Announcement concert = approved("Koncert i Musikteatret");
        Kiosks.Announcement quiz = approved("Quiz på biblioteket");
        String playlist = fixtures.unique("playlist");
        assertThat(kiosks.admin().post("/api/v1/playlists", Map.of("slug", playlist, "name", "Stationerne",
                "items", List.of(concert.slug()))).status()).isEqualTo(201);
        String prefix = fixtures.unique("station");
        List<Long> stations = fixtures.rows("""
                        INSERT INTO screen (slug, name, default_playlist_id)
                        SELECT ? || '-' || i, 'Station ' || i, (SELECT id FROM playlist WHERE slug = ?)
                        FROM generate_series(1, ?) AS i RETURNING id""", prefix, playlist, SCREENS + 1)
                .stream().map(row -> ((Number) row.get("id")).longValue()).sorted().toList();
        long notHeld = stations.get(SCREENS);
        stations = stations.subList(0, SCREENS);
        String library = kiosks.screen("Biblioteket");
        kiosks.play(library, quiz);
        long libraryId = ((Number) fixtures.rows("SELECT id FROM screen WHERE slug = ?", library).get(0).get("id")).longValue();
        Map<Long, String> before = new HashMap<>();
        for (long id : stations) {
            before.put(id, manifests.current(id).etag());
        }
        String libraryEtag = manifests.current(libraryId).etag();
        Kiosks.Paired onStation = kiosks.pair(prefix + "-1");
        Kiosks.Paired inLibrary = kiosks.pair(library);
        BlockingQueue<String> stationLines = listen(onStation, before.get(stations.get(0)));
        BlockingQueue<String> libraryLines = listen(inLibrary, libraryEtag);
        settle();

        assertThat(kiosks.admin().put("/api/v1/playlists/" + playlist + "/items", Map.of("items", List.of(concert.slug(), quiz.slug())))
                .status()).isEqualTo(200);

        assertThat(nextEvent(stationLines, 5)).isEqualTo("event: manifest");
        List<Long> unchanged = new ArrayList<>(stations);
        for (int i = 0; i < 100 && !unchanged.isEmpty(); i++) {
            unchanged.removeIf(id -> {
                Manifests.Built now = manifests.cached(id);
                return now != null && !now.etag().equals(before.get(id));
            });
            Thread.sleep(100);
        }
        assertThat(unchanged).as("stations whose manifest was not rebuilt").isEmpty();
        // one read for the change, and at most one more when its notification comes back
        // to the server that made it (it finds the same campus and rebuilds nothing)
        assertThat(snapshots.takeReads()).as("snapshot reads while the change went out")
                .filteredOn(read -> read.thread().startsWith("manifest-") || read.what().equals("screen"))
                .hasSizeBetween(1, 2).containsOnly(new CountingScheduleSnapshots.Read("all", "manifest-refresher"));
        assertThat(nextEvent(libraryLines, 1)).as("the library's kiosk, whose manifest is the same").isNull();
        assertThat(manifests.current(libraryId).etag()).isEqualTo(libraryEtag);
        assertThat(manifests.cached(notHeld)).as("a screen no kiosk asked this server about").isNull();
        assertThat(fixtures.rows("SELECT count(*) AS n FROM screen_sent_announcement WHERE announcement_id = ?", quiz.id())
                .get(0).get("n")).as("screens sent the quiz (the stations and the library)").isEqualTo((long) SCREENS + 1);
        assertThat(titles(kiosks.as(onStation.token()).get("/api/v1/kiosk/manifest")))
                .containsExactly("Koncert i Musikteatret", "Quiz på biblioteket");
    }

    @Test
    void first_manifests_come_from_the_campus_in_memory_and_a_change_just_committed_is_in_them() throws Exception {
        Kiosks.Announcement choir = approved("Korkoncert i kirken");
        Kiosks.Announcement film = approved("Filmklub for unge");
        String playlist = fixtures.unique("playlist");
        assertThat(kiosks.admin().post("/api/v1/playlists", Map.of("slug", playlist, "name", "Skolerne",
                "items", List.of(choir.slug()))).status()).isEqualTo(201);
        String prefix = fixtures.unique("skole");
        List<Long> schools = fixtures.rows("""
                        INSERT INTO screen (slug, name, default_playlist_id)
                        SELECT ? || '-' || i, 'Skole ' || i, (SELECT id FROM playlist WHERE slug = ?)
                        FROM generate_series(1, 40) AS i RETURNING id""", prefix, playlist)
                .stream().map(row -> ((Number) row.get("id")).longValue()).sorted().toList();
        // a change through the API, so the campus is read again with the new screens in it
        kiosks.play(kiosks.screen("Hallen"), film);
        settle();

        for (long id : schools.subList(0, 20)) {
            assertThat(slideIds(manifests.current(id))).containsExactly(choir.id());
        }
        assertThat(snapshots.takeReads()).as("snapshot reads for 20 first manifests").isEmpty();

        assertThat(kiosks.admin().put("/api/v1/playlists/" + playlist + "/items", Map.of("items", List.of(choir.slug(), film.slug())))
                .status()).isEqualTo(200);
        assertThat(slideIds(manifests.current(schools.get(20)))).as("asked at once after the change")
                .containsExactly(choir.id(), film.id());
    }

    private static List<Long> slideIds(Manifests.Built manifest) {
        return manifest.announcementIds();
    }

    private Kiosks.Announcement approved(String title) {
        Kiosks.Announcement announcement = kiosks.announcement(title);
        fixtures.rows("UPDATE announcement SET status = 'approved' WHERE id = ? RETURNING id", announcement.id());
        return announcement;
    }

    private BlockingQueue<String> listen(Kiosks.Paired kiosk, String lastEventId) throws InterruptedException {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> stream = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create(fixtures.url() + "/api/v1/kiosk/events"))
                        .header("Authorization", "Bearer " + kiosk.token()).header("Last-Event-ID", lastEventId).build(),
                HttpResponse.BodyHandlers.ofLines());
        stream.thenAccept(response -> response.body().forEach(lines::add));
        assertThat(lines.poll(10, TimeUnit.SECONDS)).isEqualTo(": connected");
        return lines;
    }

    /** Waits until the setting up has been heard and built, so the reads counted are the change's. */
    private void settle() throws InterruptedException {
        int quiet = 0;
        for (int i = 0; i < 100 && quiet < 10; i++) {
            Thread.sleep(100);
            quiet = snapshots.takeReads().isEmpty() ? quiet + 1 : 0;
        }
    }

    private static String nextEvent(BlockingQueue<String> lines, int seconds) throws InterruptedException {
        for (String line = lines.poll(seconds, TimeUnit.SECONDS); line != null; line = lines.poll(seconds, TimeUnit.SECONDS)) {
            if (line.startsWith("event:")) {
                return line;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static List<String> titles(dk.albertslund.signage.testing.Api.Response manifest) {
        return ((List<Map<String, Object>>) manifest.body().get("slides")).stream().map(s -> (String) s.get("title")).toList();
    }
}
