package dk.albertslund.signage.report;

import dk.albertslund.signage.kiosk.Kiosks;
import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import dk.albertslund.signage.testing.WebClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proof-of-play report page: the figures kiosks reported, as a chart, tables and a
 * CSV download. Each test reports plays on days of its own, so they never count each
 * other's plays.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportPagesTest implements PostgresTest {

    private static final ZoneId CAMPUS = ZoneId.of("Europe/Copenhagen");
    private static final Locale DANISH = Locale.forLanguageTag("da");
    private static final DateTimeFormatter LONG_DAY = DateTimeFormatter.ofPattern("EEE d. MMM yyyy", DANISH);
    private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("d. MMM", DANISH);

    @Inject
    Fixtures fixtures;
    @Inject
    ContentFixtures content;
    @Inject
    Kiosks kiosks;

    /** Sends plays as a kiosk does: each of {@code seconds} long, at noon of the given days in Albertslund. */
    private void plays(Kiosks.Paired kiosk, long seq, Kiosks.Announcement announcement, int seconds, LocalDate... days) {
        List<Map<String, Object>> plays = new java.util.ArrayList<>();
        for (int i = 0; i < days.length; i++) {
            Instant at = days[i].atTime(12, 0).atZone(CAMPUS).toInstant().plusSeconds(i * 60L);
            plays.add(Map.of("announcementId", announcement.id(), "language", "da", "startedAt", at.toString(), "durationMs", seconds * 1000));
        }
        Api.Response sent = kiosks.as(kiosk.token()).post("/api/v1/kiosk/plays", Map.of("seq", seq, "plays", plays));
        assertThat(sent.status()).isEqualTo(204);
    }

    private static List<List<String>> table(WebClient.Page page, String id) {
        return page.document().select("#" + id + " tbody tr").stream().map(row -> row.select("th, td").eachText()).toList();
    }

    @Test
    void the_page_shows_the_exact_plays_per_day_announcement_and_screen_and_a_bar_for_every_day() {
        LocalDate first = LocalDate.now(CAMPUS).minusDays(10);
        LocalDate second = first.plusDays(1);
        LocalDate third = first.plusDays(2);
        Kiosks.Announcement jazz = kiosks.announcement("Jazz i foyeren");
        Kiosks.Announcement quiz = kiosks.announcement("Quiz <fredag>");
        Kiosks.Paired station = kiosks.pair(kiosks.screen("Stationen"), jazz, quiz);
        Kiosks.Paired library = kiosks.pair(kiosks.screen("Biblioteket"), jazz);
        plays(station, 1, jazz, 30, first, first, third);
        plays(station, 2, quiz, 90, first);
        plays(library, 1, jazz, 30, third);
        WebClient viewer = fixtures.browserAs(Role.VIEWER).language("da");

        WebClient.Page page = viewer.get("/admin/reports?from=" + first + "&to=" + third);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text("h1")).isEqualTo("Rapporter: hvad skærmene viste");
        assertThat(page.text("#period")).isEqualTo(first.format(LONG_DAY) + " til " + third.format(LONG_DAY));
        assertThat(page.text("#total-plays")).isEqualTo("5");
        assertThat(page.text("#total-time")).isEqualTo("3,5 min.");
        assertThat(table(page, "days")).containsExactly(
                List.of(first.format(LONG_DAY), "3", "2,5 min.", "0"),
                List.of(second.format(LONG_DAY), "0", "0,0 min.", "0"),
                List.of(third.format(LONG_DAY), "2", "1,0 min.", "0"));
        // no QR code scanned: none, and 0 per 100 plays
        assertThat(table(page, "announcements")).containsExactly(
                List.of("Jazz i foyeren", "4", "2", "2,0 min.", "0", "0,0"),
                List.of("Quiz <fredag>", "1", "1", "1,5 min.", "0", "0,0"));
        assertThat(table(page, "screens")).containsExactly(
                List.of("Stationen", "4", "2", "3,0 min.", "0", "0,0"),
                List.of("Biblioteket", "1", "1", "0,5 min.", "0", "0,0"));
        assertThat(page.html()).contains("Quiz &lt;fredag&gt;");

        Element svg = page.document().selectFirst("svg#chart");
        assertThat(svg.attr("role")).isEqualTo("img");
        assertThat(svg.attr("aria-labelledby")).isEqualTo("chart-title chart-desc");
        assertThat(page.text("#chart-title")).isEqualTo("Visninger pr. dag");
        assertThat(page.text("#chart-desc")).isEqualTo("Visninger pr. dag fra " + first.format(LONG_DAY) + " til " + third.format(LONG_DAY)
                + ": 5 i alt; flest " + first.format(LONG_DAY) + " med 3.");
        // a scale of 0 to 3 over the 200 units of the plot, whose bottom is at 216
        assertThat(svg.select("rect.bar").stream().map(bar -> List.of(bar.attr("data-day"), bar.attr("height"), bar.attr("y"),
                bar.selectFirst("title").text())).toList()).containsExactly(
                List.of(first.toString(), "200.0", "16.0", first.format(LONG_DAY) + ": 3 visninger"),
                List.of(second.toString(), "0.0", "216.0", second.format(LONG_DAY) + ": ingen visninger"),
                List.of(third.toString(), "133.3", "82.7", third.format(LONG_DAY) + ": 2 visninger"));
        assertThat(svg.select("text.day").eachText()).containsExactly(first.format(SHORT_DAY), second.format(SHORT_DAY), third.format(SHORT_DAY));
        assertThat(svg.select("text.tick").eachText()).containsExactly("0", "1", "2", "3");
    }

    @Test
    void an_announcement_and_a_screen_narrow_the_report_and_the_csv_download_has_the_same_rows() {
        LocalDate first = LocalDate.now(CAMPUS).minusDays(5);
        LocalDate second = first.plusDays(1);
        Kiosks.Announcement concert = kiosks.announcement("Koncert, \"Forbrændingen\"");
        Kiosks.Announcement course = kiosks.announcement("Kursus");
        String stationSlug = kiosks.screen("Stationen, perron");
        Kiosks.Paired station = kiosks.pair(stationSlug, concert, course);
        Kiosks.Paired school = kiosks.pair(kiosks.screen("Gymnasiet"), concert);
        plays(station, 1, concert, 20, first, second, second);
        plays(station, 2, course, 10, second);
        plays(school, 1, concert, 20, first);
        WebClient viewer = fixtures.browserAs(Role.EDITOR, content.institution("Gymnasiet").id()).language("en");

        WebClient.Page page = viewer.get("/admin/reports?from=" + first + "&to=" + second + "&screen=" + stationSlug);
        String concertLink = page.document().selectFirst("#announcements tbody tr th a").attr("href");
        WebClient.Page onlyConcert = viewer.get(concertLink);
        WebClient.Page csv = viewer.get(page.document().selectFirst("a#csv").attr("href"));

        assertThat(page.document().selectFirst("#screen option[selected]").attr("value")).isEqualTo(stationSlug);
        assertThat(table(page, "screens")).containsExactly(List.of("Stationen, perron", "4", "2", "1.2 min", "0", "0.0"));
        assertThat(concertLink).isEqualTo("/admin/reports?from=" + first + "&to=" + second + "&screen=" + stationSlug
                + "&announcement=" + concert.slug());
        assertThat(onlyConcert.text("#only-announcement")).isEqualTo("Only the announcement \u201cKoncert, \"Forbrændingen\"\u201d. Show all announcements");
        assertThat(table(onlyConcert, "announcements")).containsExactly(List.of("Koncert, \"Forbrændingen\"", "3", "1", "1.0 min", "0", "0.0"));
        assertThat(onlyConcert.document().selectFirst("input[type=hidden][name=announcement]").attr("value")).isEqualTo(concert.slug());

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"plays-" + first + "-to-" + second + ".csv\"");
        assertThat(csv.html()).isEqualTo("\uFEFFday,screen,announcement,title,plays,seconds,scans,scans_per_100_plays\r\n"
                + first + "," + stationSlug + "," + concert.slug() + ",\"Koncert, \"\"Forbrændingen\"\"\",1,20,0,0.0\r\n"
                + second + "," + stationSlug + "," + concert.slug() + ",\"Koncert, \"\"Forbrændingen\"\"\",2,40,0,0.0\r\n"
                + second + "," + stationSlug + "," + course.slug() + ",Kursus,1,10,0,0.0\r\n");
    }

    @Test
    void without_a_period_the_page_shows_the_last_seven_days_including_today() {
        LocalDate today = LocalDate.now(CAMPUS);

        WebClient.Page page = fixtures.browserAs(Role.VIEWER).language("da").get("/admin/reports");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.document().selectFirst("#from").attr("value")).isEqualTo(today.minusDays(6).toString());
        assertThat(page.document().selectFirst("#to").attr("value")).isEqualTo(today.toString());
        assertThat(page.document().select("svg#chart rect.bar")).hasSize(7);
        assertThat(page.document().selectFirst("a#csv").attr("href")).isEqualTo("/admin/reports.csv?from=" + today.minusDays(6) + "&to=" + today);
    }

    @Test
    void a_bad_period_or_screen_is_named_beside_its_field_with_the_input_kept() {
        WebClient viewer = fixtures.browserAs(Role.VIEWER).language("da");

        WebClient.Page notADay = viewer.get("/admin/reports?from=2026-13-01&to=2026-03-01&screen=no-such-screen");
        WebClient.Page backwards = viewer.get("/admin/reports?from=2026-03-02&to=2026-03-01");

        assertThat(notADay.status()).isEqualTo(400);
        assertThat(notADay.text("#from-error")).isEqualTo("Skriv en dato som 2026-03-01.");
        assertThat(notADay.document().selectFirst("#from").attr("value")).isEqualTo("2026-13-01");
        assertThat(notADay.document().selectFirst("#from").attr("aria-describedby")).isEqualTo("from-error");
        assertThat(notADay.text("#to-error")).isEmpty();
        assertThat(notADay.text("#screen-error")).isEqualTo("Skærmen findes ikke. Vælg en fra listen.");
        assertThat(notADay.document().select("svg#chart")).isEmpty();
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.text("#to-error"))
                .isEqualTo("Slutdatoen skal være samme dag som eller efter startdatoen, og perioden højst 366 dage.");
        assertThat(backwards.text("#from-error")).isEmpty();
    }

    @Test
    void someone_signed_out_is_sent_to_sign_in_for_the_page_and_the_download() {
        WebClient.Page page = fixtures.browser().get("/admin/reports");
        WebClient.Page csv = fixtures.browser().get("/admin/reports.csv?from=2026-03-01&to=2026-03-01");

        assertThat(page.status()).isIn(302, 303);
        assertThat(page.location()).hasValue("/admin/login");
        assertThat(csv.status()).isIn(302, 303);
        assertThat(csv.location()).hasValue("/admin/login");
    }
}
