package dk.albertslund.signage.departures;

import dk.albertslund.signage.kiosk.Kiosks;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The departures end to end on the real clock: the clustered jobs fetch a timetable and
 * realtime news from a server on 127.0.0.1 (allowed like an intranet feed), store them in
 * PostgreSQL, and a paired kiosk gets the board. Realtime is fetched every second here, so
 * a change reaches the board within moments; conditions are awaited, not timed.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DepartureKioskApiTest implements PostgresTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    Fixtures fixtures;
    @Inject
    Kiosks kiosks;
    @Inject
    Departures departures;

    private final StationSources sources;

    DepartureKioskApiTest() throws IOException {
        sources = new StationSources();
    }

    @Override
    public Map<String, String> extraProperties() {
        return sources.properties();
    }

    @AfterAll
    void stop() {
        sources.close();
    }

    private Kiosks.Paired kiosk;

    private Api kiosk() {
        if (kiosk == null) {
            kiosk = kiosks.pair(kiosks.screen("Stationshallen"));
        }
        return kiosks.as(kiosk.token());
    }

    @SuppressWarnings("unchecked")
    private static List<String> lines(Api.Response board) {
        return ((List<Map<String, Object>>) board.body().get("departures")).stream().map(d -> d.get("line") + " "
                + d.get("destination") + " spor " + d.get("platform")
                + (d.get("delayMinutes") == null ? "" : " +" + d.get("delayMinutes"))
                + (Boolean.TRUE.equals(d.get("cancelled")) ? " cancelled" : "")
                + (Boolean.TRUE.equals(d.get("live")) ? "" : " planned")).toList();
    }

    private Api.Response awaitBoard(Predicate<Api.Response> wanted) throws InterruptedException {
        Instant giveUp = Instant.now().plus(PATIENCE);
        Api.Response board = kiosk().get("/api/v1/kiosk/departures");
        while (!wanted.test(board) && Instant.now().isBefore(giveUp)) {
            Thread.sleep(250);
            board = kiosk().get("/api/v1/kiosk/departures");
        }
        return board;
    }

    @Test
    @Order(1)
    void the_jobs_fetch_the_timetable_and_the_news_and_the_kiosk_gets_the_board() throws InterruptedException {
        Api.Response board = awaitBoard(b -> b.status() == 200 && lines(b).contains("Bx Farum spor 1 +4"));

        assertThat(board.status()).isEqualTo(200);
        assertThat(board.body()).containsEntry("available", true).containsEntry("stopName", "Albertslund St.")
                .containsEntry("pollSeconds", 2).containsEntry("staleAfterSeconds", 120);
        assertThat(lines(board)).containsExactly(
                "B København H spor 1",
                "B Høje Taastrup spor 2",
                "Bx Farum spor 1 +4",
                "B Høje Taastrup spor 2 cancelled",
                "B Frederikssund spor 1");
        assertThat(board.body().get("realtimeAt")).isNotNull();

        String etag = board.headers().get("ETag");
        Api.Response again = kiosk().send(HttpRequest.GET("/api/v1/kiosk/departures").header("If-None-Match", etag));
        assertThat(again.status()).as("an unchanged board is not sent again").isIn(304, 200);
        if (again.status() == 200) {
            // the board moved on between the two calls (a new fetch, a new minute): its ETag did too
            assertThat(again.headers().get("ETag")).isNotEqualTo(etag);
        }
    }

    @Test
    @Order(2)
    void a_new_delay_reaches_the_board_within_a_fetch_interval() throws InterruptedException {
        sources.news(420, Instant.now());

        Api.Response board = awaitBoard(b -> lines(b).contains("Bx Farum spor 1 +7"));

        assertThat(lines(board)).contains("Bx Farum spor 1 +7");
    }

    @Test
    @Order(3)
    void realtime_older_than_the_limit_shows_every_departure_as_planned() throws InterruptedException {
        sources.news(420, Instant.now().minus(Duration.ofMinutes(5)));

        Api.Response board = awaitBoard(b -> b.body().get("realtimeAt") == null);

        assertThat(board.body().get("realtimeAt")).isNull();
        assertThat(lines(board)).containsExactly(
                "B København H spor 1 planned",
                "B Høje Taastrup spor 2 planned",
                "Bx Farum spor 1 planned",
                "B Høje Taastrup spor 2 planned",
                "B Frederikssund spor 1 planned");
        @SuppressWarnings("unchecked")
        Map<String, Object> health = (Map<String, Object>) ((Map<String, Object>) fixtures.signedIn(Role.ADMIN).get("/health")
                .body().get("details")).get("departures");
        assertThat(health).containsEntry("status", "UP");
        assertThat(health.get("details").toString()).contains("realtime").contains("older than the stale limit");

        sources.news(420, Instant.now());
        awaitBoard(b -> b.body().get("realtimeAt") != null);
    }

    @Test
    @Order(4)
    void the_timetable_is_fetched_again_only_when_it_changed() {
        int asked = sources.server.requests("/gtfs.zip");

        departures.fetchTimetable(Instant.now());

        assertThat(sources.server.requests("/gtfs.zip")).isEqualTo(asked + 1);
        assertThat(sources.server.ifNoneMatch).isNotEmpty();
        Departures.Status status = departures.status(Instant.now());
        assertThat(status.timetableProblem()).isNull();
        assertThat(status.timetableCheckedAt()).isAfterOrEqualTo(status.timetableFetchedAt());
        assertThat(status.stopTimes()).isEqualTo(5);
    }

    @Test
    @Order(5)
    void staff_see_the_status_and_a_failing_source_on_the_dashboard() {
        sources.server.handle("/rt.pb", exchange -> exchange.sendResponseHeaders(503, -1));
        departures.fetchRealtime(Instant.now());

        String page = fixtures.signedIn(Role.ADMIN).get("/admin/dashboard").text();

        // staff pages are Danish unless the reader chose English
        assertThat(page).contains("Afgange fra stationen").contains("Station: Albertslund St. (8600617)")
                .contains("5 afgange i køreplanen").contains("Serveren 127.0.0.1 svarede 503.");
        assertThat(departures.status(Instant.now()).realtimeProblem().key()).isEqualTo("feed.fetch.status");
    }

    @Test
    @Order(6)
    void without_a_device_token_there_is_no_board() {
        assertThat(fixtures.anonymous().get("/api/v1/kiosk/departures").status()).isEqualTo(401);
    }

    @Test
    @Order(7)
    @SuppressWarnings("unchecked")
    void a_screen_says_where_the_board_goes_and_the_manifest_tells_its_kiosk() {
        Api admin = fixtures.signedIn(Role.ADMIN);
        String slug = fixtures.unique("station");
        Api.Response refused = admin.post("/api/v1/screens", Map.of("slug", slug, "name", "Stationshallen", "departures", "zone"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactly("departures");
        assertThat(refused.errorMessage("departures")).isEqualTo("can be in the side column only on the layout with a side column");

        assertThat(admin.post("/api/v1/screens", Map.of("slug", slug, "name", "Stationshallen", "layout", "main-side-ticker",
                "departures", "zone")).status()).isEqualTo(201);
        // a client from before departures leaves the setting as it is
        assertThat(admin.put("/api/v1/screens/" + slug, Map.of("name", "Stationshallen", "layout", "main-side-ticker"))
                .body()).containsEntry("departures", "zone");
        Map<String, Object> manifest = kiosks.as(kiosks.pair(slug).token()).get("/api/v1/kiosk/manifest").body();
        assertThat((Map<String, Object>) manifest.get("screen")).containsEntry("departures", "zone");
    }
}
