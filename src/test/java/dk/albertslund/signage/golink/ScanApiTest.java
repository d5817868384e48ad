package dk.albertslund.signage.golink;

import dk.albertslund.signage.kiosk.Kiosks;
import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import dk.albertslund.signage.testing.TestClock;
import dk.albertslund.signage.testing.WebClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message's link from the kiosk's manifest to a passer-by's phone and into the report,
 * over real HTTP on the real database (docs/LINKS.md): one short address per message and
 * screen, a scan counted per hour with nothing about the phone kept, no cookie, at most
 * {@link ScanThrottle#PER_MINUTE} counted per code and minute, friendly pages for a code
 * that does not exist and for a message that has ended, and the scans beside the plays.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScanApiTest implements PostgresTest {

    private static final ZoneId CAMPUS = ZoneId.of("Europe/Copenhagen");
    private final HttpClient phone = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Inject
    Fixtures fixtures;
    @Inject
    Kiosks kiosks;
    @Inject
    ContentFixtures content;
    @Inject
    TestClock clock;
    /** The public address the codes are made from (on main it follows the server's port when unset). */
    @Inject
    dk.albertslund.signage.config.SignageConfiguration configuration;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of(TestClock.PROPERTY, "true");
    }

    private Kiosks.Announcement withLink(String title, String link) {
        ContentFixtures.Institution school = content.institution("Gymnasiet i Albertslund");
        String slug = fixtures.unique("frist");
        Api.Response created = kiosks.admin().post("/api/v1/announcements", Map.of("slug", slug, "institution", school.slug(),
                "title", title, "body", "Søg senest 1. marts.", "language", "da", "category", "education", "link", link));
        return new Kiosks.Announcement(((Number) created.expect(201).body().get("id")).longValue(), slug);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> link(Kiosks.Paired kiosk) {
        Map<String, Object> manifest = kiosks.as(kiosk.token()).get("/api/v1/kiosk/manifest").expect(200).body();
        List<Map<String, Object>> slides = (List<Map<String, Object>>) manifest.get("slides");
        return (Map<String, Object>) slides.get(0).get("link");
    }

    private HttpResponse<String> scan(String path) {
        try {
            return phone.send(HttpRequest.newBuilder(URI.create(fixtures.url().replaceAll("/$", "") + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String path(Map<String, Object> link) {
        return URI.create((String) link.get("address")).getPath();
    }

    private List<Map<String, Object>> counted(long announcementId) {
        return fixtures.rows("""
                SELECT s.slug AS screen, c.hour, c.scans FROM link_scan c JOIN screen s ON s.id = c.screen_id
                WHERE c.announcement_id = ? ORDER BY s.slug, c.hour""", announcementId);
    }

    @Test
    void a_scan_redirects_to_the_link_counts_once_for_its_screen_and_hour_sets_no_cookie_and_shows_beside_the_plays() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(5));
        Kiosks.Announcement deadline = withLink("Ansøgningsfrist 1. marts", "https://optagelse.dk/");
        String station = kiosks.screen("Stationshallen");
        Kiosks.Paired kiosk = kiosks.pair(station, deadline);

        Map<String, Object> link = link(kiosk);
        String code = path(link).substring("/go/".length());
        assertThat(code).matches("[a-hj-km-np-z2-9]{8}");
        String publicUrl = configuration.getPublicUrl();
        assertThat(link).containsEntry("address", publicUrl + "/go/" + code)
                .containsEntry("label", publicUrl.replaceFirst("^https?://", "") + "/go/" + code)
                .containsEntry("modulePx", 14);
        // the code's size follows from the short address's length, not the link's
        assertThat(link.get("modules")).isEqualTo(dk.albertslund.signage.readability.QrCode.encode(publicUrl + "/go/" + code).modules());
        assertThat((String) link.get("qrPath")).startsWith("M4 4h7v1h-7z");
        assertThat(fixtures.rows("SELECT announcement_id, s.slug FROM go_link JOIN screen s ON s.id = screen_id WHERE code = ?", code))
                .containsExactly(Map.of("announcement_id", deadline.id(), "slug", station));
        assertThat(link(kiosk)).as("the same code in every manifest").isEqualTo(link);

        HttpResponse<String> followed = scan(path(link));

        assertThat(followed.statusCode()).isEqualTo(303);
        assertThat(followed.headers().firstValue("Location")).hasValue("https://optagelse.dk/");
        assertThat(followed.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(followed.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(followed.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        java.sql.Timestamp hour = java.sql.Timestamp.from(clock.instant().truncatedTo(ChronoUnit.HOURS));
        assertThat(counted(deadline.id())).containsExactly(Map.of("screen", station, "hour", hour, "scans", 1));

        // four plays reported by the kiosk: one scan is 25 per 100 plays, in the API, the CSV and the page
        LocalDate today = LocalDate.ofInstant(clock.instant(), CAMPUS);
        List<Map<String, Object>> plays = java.util.stream.IntStream.range(0, 4).mapToObj(i -> Map.<String, Object>of(
                "announcementId", deadline.id(), "language", "da", "startedAt", clock.instant().minusSeconds(60 + i * 10L).toString(),
                "durationMs", 10_000)).toList();
        kiosks.as(kiosk.token()).post("/api/v1/kiosk/plays", Map.of("seq", 1, "plays", plays)).expect(204);
        Api viewer = fixtures.signedIn(Role.VIEWER);
        String query = "?from=" + today + "&to=" + today + "&screen=" + station;
        assertThat(viewer.get("/api/v1/reports/plays" + query).items()).containsExactly(Map.of("day", today.toString(),
                "screen", station, "announcement", deadline.slug(), "title", "Ansøgningsfrist 1. marts", "plays", 4,
                "seconds", 40, "scans", 1, "scansPer100Plays", 25.0));
        assertThat(viewer.get("/api/v1/reports/plays.csv" + query).text()).endsWith(
                "\r\n" + today + "," + station + "," + deadline.slug() + ",Ansøgningsfrist 1. marts,4,40,1,25.0\r\n");
        WebClient.Page page = fixtures.browserAs(Role.VIEWER).language("da").get("/admin/reports" + query);
        assertThat(page.text("#total-scans")).isEqualTo("1 (25,0 pr. 100 visninger)");
        assertThat(page.document().select("#announcements tbody tr").eachText())
                .containsExactly("Ansøgningsfrist 1. marts 4 1 0,7 min. 1 25,0");
        assertThat(page.document().select("#chart .scan-bar").eachAttr("data-scans")).containsExactly("1");
        WebClient.Page english = fixtures.browserAs(Role.VIEWER).language("en").get("/admin/reports" + query);
        assertThat(english.text("#total-scans")).isEqualTo("1 (25.0 per 100 plays)");
        assertThat(english.document().select("#screens thead th").eachText()).contains("Scans", "Scans per 100 plays");
    }

    @Test
    void each_screen_has_its_own_code_so_scans_are_counted_per_screen() {
        Kiosks.Announcement openHouse = withLink("Åbent hus", "https://gymnasiet.albertslund.dk/aabent-hus");
        String station = kiosks.screen("Stationshallen");
        String library = kiosks.screen("Biblioteket");
        String atStation = path(link(kiosks.pair(station, openHouse)));
        String atLibrary = path(link(kiosks.pair(library, openHouse)));

        assertThat(atStation).isNotEqualTo(atLibrary);
        scan(atStation);
        scan(atLibrary);
        scan(atLibrary);

        assertThat(counted(openHouse.id())).extracting(r -> r.get("screen") + "=" + r.get("scans"))
                .containsExactlyInAnyOrder(station + "=1", library + "=2");
    }

    @Test
    void at_most_thirty_scans_of_one_code_count_in_a_minute_and_every_one_is_still_sent_on() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(1));
        Kiosks.Announcement quiz = withLink("Quiz på biblioteket", "https://bibliotek.albertslund.dk/quiz");
        String path = path(link(kiosks.pair(kiosks.screen("Biblioteket"), quiz)));

        for (int i = 0; i < 40; i++) {
            assertThat(scan(path).statusCode()).isEqualTo(303);
        }
        clock.advance(Duration.ofMinutes(1));
        scan(path);

        assertThat(counted(quiz.id()).stream().mapToInt(r -> (Integer) r.get("scans")).sum()).isEqualTo(31);
    }

    @Test
    void an_unknown_code_gets_a_friendly_page_in_danish_and_english_and_no_redirect() {
        HttpResponse<String> unknown = scan("/go/zzzzzzzz");
        HttpResponse<String> malformed = scan("/go/%3Cscript%3E");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Location")).isEmpty();
        assertThat(unknown.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(unknown.headers().firstValue("Content-Security-Policy")).hasValue(GoLinkController.CSP);
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(unknown.body());
        assertThat(page.select("section[lang=da] h1").text()).isEqualTo("Denne kode findes ikke");
        assertThat(page.select("section[lang=en] h1").text()).isEqualTo("This code does not exist");
        assertThat(malformed.statusCode()).isEqualTo(404);
    }

    @Test
    void the_code_of_a_message_that_has_ended_says_so_instead_of_sending_people_to_an_address_nobody_vouches_for() {
        Kiosks.Announcement concert = withLink("Julekoncert", "https://musikskolen.albertslund.dk/jul");
        String path = path(link(kiosks.pair(kiosks.screen("Musikteatret"), concert)));
        kiosks.admin().post("/api/v1/announcements/" + concert.slug() + "/archive", Map.of()).expect(200);

        HttpResponse<String> ended = scan(path);

        assertThat(ended.statusCode()).isEqualTo(410);
        assertThat(ended.headers().firstValue("Location")).isEmpty();
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(ended.body());
        assertThat(page.select("section[lang=da] h1").text()).isEqualTo("Opslaget er slut");
        assertThat(page.select("section[lang=en] h1").text()).isEqualTo("This message has ended");
        assertThat(counted(concert.id())).isEmpty();
    }
}
