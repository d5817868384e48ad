package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Proof of play from kiosks, and the report staff read and download. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlayApiTest implements PostgresTest {

    private static final ZoneId CAMPUS = ZoneId.of("Europe/Copenhagen");

    @Inject
    Fixtures fixtures;
    @Inject
    Kiosks kiosks;

    private static Map<String, Object> play(long announcementId, Instant startedAt, long durationMs) {
        Map<String, Object> play = new HashMap<>();
        play.put("announcementId", announcementId);
        play.put("language", "da");
        play.put("startedAt", startedAt.toString());
        play.put("durationMs", durationMs);
        return play;
    }

    private static Map<String, Object> batch(long seq, List<Map<String, Object>> plays) {
        return Map.of("seq", seq, "plays", plays);
    }

    private long count(String sql, Object... parameters) {
        return ((Number) fixtures.rows(sql, parameters).get(0).get("count")).longValue();
    }

    @Test
    void a_resent_batch_adds_nothing() {
        Kiosks.Announcement jazz = kiosks.announcement("Jazz i foyeren");
        Kiosks.Paired kiosk = kiosks.pair(kiosks.screen("Stationen, billetautomaten"), jazz);
        Instant now = Instant.now();
        Map<String, Object> batch = batch(17, List.of(play(jazz.id(), now.minusSeconds(30), 10_000), play(jazz.id(), now.minusSeconds(10), 10_000)));

        Api.Response first = kiosks.as(kiosk.token()).post("/api/v1/kiosk/plays", batch);
        Api.Response again = kiosks.as(kiosk.token()).post("/api/v1/kiosk/plays", batch);

        assertThat(first.status()).isEqualTo(204);
        assertThat(again.status()).isEqualTo(204);
        assertThat(count("SELECT count(*) FROM play WHERE device_id = ?", kiosk.deviceId())).isEqualTo(2);
        assertThat(fixtures.rows("SELECT seq, plays FROM play_batch WHERE device_id = ?", kiosk.deviceId()))
                .containsExactly(Map.of("seq", 17L, "plays", 2));
    }

    @Test
    void plays_of_announcements_that_no_longer_exist_are_skipped_and_the_rest_kept() {
        Kiosks.Announcement jazz = kiosks.announcement("Jazz i foyeren");
        Kiosks.Paired kiosk = kiosks.pair(kiosks.screen("Biblioteket, udlån"), jazz);
        Instant now = Instant.now();

        Api.Response sent = kiosks.as(kiosk.token()).post("/api/v1/kiosk/plays",
                batch(1, List.of(play(987_654_321L, now.minusSeconds(20), 8_000), play(jazz.id(), now.minusSeconds(10), 8_000))));

        assertThat(sent.status()).isEqualTo(204);
        assertThat(fixtures.rows("SELECT announcement_id, language, duration_ms FROM play WHERE device_id = ?", kiosk.deviceId()))
                .containsExactly(Map.of("announcement_id", jazz.id(), "language", "da", "duration_ms", 8_000));
    }

    @Test
    void plays_of_announcements_the_screen_was_never_sent_are_skipped() {
        Kiosks.Announcement shown = kiosks.announcement("Jazz i foyeren");
        Kiosks.Announcement elsewhere = kiosks.announcement("Koncert kun på biblioteket");
        Kiosks.Announcement draft = kiosks.announcement("Kladde ingen har godkendt");
        Kiosks.Paired library = kiosks.pair(kiosks.screen("Biblioteket, udlån"), elsewhere);
        Kiosks.Paired station = kiosks.pair(kiosks.screen("Stationshallen"), shown);
        Instant now = Instant.now();

        Api.Response sent = kiosks.as(station.token()).post("/api/v1/kiosk/plays", batch(1, List.of(
                play(shown.id(), now.minusSeconds(30), 8_000), play(elsewhere.id(), now.minusSeconds(20), 8_000),
                play(draft.id(), now.minusSeconds(10), 8_000))));
        Api.Response onItsOwnScreen = kiosks.as(library.token()).post("/api/v1/kiosk/plays",
                batch(1, List.of(play(elsewhere.id(), now.minusSeconds(5), 8_000))));

        assertThat(sent.status()).isEqualTo(204);
        assertThat(onItsOwnScreen.status()).isEqualTo(204);
        assertThat(fixtures.rows("SELECT announcement_id FROM play WHERE device_id = ?", station.deviceId()))
                .containsExactly(Map.of("announcement_id", shown.id()));
        assertThat(fixtures.rows("SELECT announcement_id FROM play WHERE device_id = ?", library.deviceId()))
                .containsExactly(Map.of("announcement_id", elsewhere.id()));
    }

    @Test
    void a_malformed_batch_is_refused_naming_each_bad_play_and_can_be_sent_again_corrected() {
        Kiosks.Announcement jazz = kiosks.announcement("Jazz i foyeren");
        Kiosks.Paired kiosk = kiosks.pair(kiosks.screen("Gymnasiet, kantinen"), jazz);
        Instant now = Instant.now();
        Map<String, Object> noId = play(jazz.id(), now, 10_000);
        noId.remove("announcementId");
        Map<String, Object> tooOld = play(jazz.id(), now.minus(Duration.ofDays(31)), 10_000);
        Map<String, Object> tooFarAhead = play(jazz.id(), now.plus(Duration.ofDays(2)), 10_000);
        Map<String, Object> negative = play(jazz.id(), now, -5);
        Map<String, Object> klingon = play(jazz.id(), now, 10_000);
        klingon.put("language", "tlh");
        Map<String, Object> notATime = play(jazz.id(), now, 10_000);
        notATime.put("startedAt", "yesterday");

        Api.Response refused = kiosks.as(kiosk.token()).post("/api/v1/kiosk/plays",
                batch(5, List.of(noId, tooOld, tooFarAhead, negative, klingon, notATime)));
        Api.Response corrected = kiosks.as(kiosk.token()).post("/api/v1/kiosk/plays", batch(5, List.of(play(jazz.id(), now, 10_000))));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactly("plays[0].announcementId", "plays[1].startedAt", "plays[2].startedAt",
                "plays[3].durationMs", "plays[4].language", "plays[5].startedAt");
        assertThat(corrected.status()).isEqualTo(204);
        assertThat(count("SELECT count(*) FROM play WHERE device_id = ?", kiosk.deviceId())).isEqualTo(1);
    }

    @Test
    void a_batch_holds_1_to_500_plays_and_a_sequence_number() {
        Kiosks.Announcement jazz = kiosks.announcement("Jazz i foyeren");
        Kiosks.Paired kiosk = kiosks.pair(kiosks.screen("Musikskolen, sal"), jazz);
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            many.add(play(jazz.id(), Instant.now().minusSeconds(i), 1_000));
        }

        Api.Response tooMany = kiosks.as(kiosk.token()).post("/api/v1/kiosk/plays", batch(1, many));
        Api.Response none = kiosks.as(kiosk.token()).post("/api/v1/kiosk/plays", Map.of("plays", List.of()));
        Api.Response full = kiosks.as(kiosk.token()).post("/api/v1/kiosk/plays", batch(2, many.subList(0, 500)));

        assertThat(tooMany.errorFields()).containsExactly("plays");
        assertThat(none.errorFields()).containsExactly("seq", "plays");
        assertThat(full.status()).isEqualTo(204);
        assertThat(count("SELECT count(*) FROM play WHERE device_id = ?", kiosk.deviceId())).isEqualTo(500);
    }

    @Test
    void the_report_counts_plays_per_campus_day_screen_and_announcement_and_downloads_as_safe_csv() {
        Kiosks.Announcement jazz = kiosks.announcement("Jazz, i \"foyeren\"");
        Kiosks.Announcement formula = kiosks.announcement("=HYPERLINK(\"http://evil.example\",\"Klik\")");
        String station = kiosks.screen("Stationen");
        Kiosks.Paired stationKiosk = kiosks.pair(station, jazz, formula);
        Kiosks.Paired libraryKiosk = kiosks.pair(kiosks.screen("Biblioteket"), jazz);
        LocalDate today = LocalDate.now(CAMPUS);
        LocalDate yesterday = today.minusDays(1);
        Instant lateYesterday = yesterday.atTime(23, 30).atZone(CAMPUS).toInstant();
        Instant earlyToday = today.atTime(0, 30).atZone(CAMPUS).toInstant();
        kiosks.as(stationKiosk.token()).post("/api/v1/kiosk/plays", batch(1, List.of(
                play(jazz.id(), lateYesterday, 10_000), play(jazz.id(), lateYesterday.plusSeconds(60), 9_600),
                play(jazz.id(), earlyToday, 10_000), play(formula.id(), earlyToday.plusSeconds(10), 15_000))));
        kiosks.as(libraryKiosk.token()).post("/api/v1/kiosk/plays", batch(1, List.of(play(jazz.id(), earlyToday, 10_000))));
        Api viewer = fixtures.signedIn(Role.VIEWER);
        String query = "?from=" + yesterday + "&to=" + today + "&screen=" + station;

        Api.Response report = viewer.get("/api/v1/reports/plays" + query);
        Api.Response onlyJazz = viewer.get("/api/v1/reports/plays" + query + "&announcement=" + jazz.slug());
        Api.Response csv = viewer.send(HttpRequest.GET("/api/v1/reports/plays" + query).accept("text/csv"));
        Api.Response download = viewer.get("/api/v1/reports/plays.csv" + query);

        assertThat(report.status()).isEqualTo(200);
        assertThat(report.body()).containsEntry("from", yesterday.toString()).containsEntry("to", today.toString())
                .containsEntry("timeZone", "Europe/Copenhagen");
        assertThat(report.items()).containsExactly(
                Map.of("day", yesterday.toString(), "screen", station, "announcement", jazz.slug(), "title", "Jazz, i \"foyeren\"",
                        "plays", 2, "seconds", 20, "scans", 0, "scansPer100Plays", 0.0),
                Map.of("day", today.toString(), "screen", station, "announcement", formula.slug(),
                        "title", "=HYPERLINK(\"http://evil.example\",\"Klik\")", "plays", 1, "seconds", 15, "scans", 0,
                        "scansPer100Plays", 0.0),
                Map.of("day", today.toString(), "screen", station, "announcement", jazz.slug(), "title", "Jazz, i \"foyeren\"",
                        "plays", 1, "seconds", 10, "scans", 0, "scansPer100Plays", 0.0));
        assertThat(onlyJazz.items()).extracting(r -> r.get("announcement")).containsExactly(jazz.slug(), jazz.slug());

        String expected = "\uFEFFday,screen,announcement,title,plays,seconds,scans,scans_per_100_plays\r\n"
                + yesterday + "," + station + "," + jazz.slug() + ",\"Jazz, i \"\"foyeren\"\"\",2,20,0,0.0\r\n"
                + today + "," + station + "," + formula.slug() + ",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Klik\"\")\",1,15,0,0.0\r\n"
                + today + "," + station + "," + jazz.slug() + ",\"Jazz, i \"\"foyeren\"\"\",1,10,0,0.0\r\n";
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).isEqualTo("text/csv; charset=utf-8");
        assertThat(csv.headers().get("Content-Disposition"))
                .isEqualTo("attachment; filename=\"plays-" + yesterday + "-to-" + today + ".csv\"");
        assertThat(csv.text()).isEqualTo(expected);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.text()).isEqualTo(expected);
        assertThat(download.headers().get("Content-Disposition")).startsWith("attachment;");
    }

    @Test
    void the_report_takes_a_range_of_at_most_366_days_forwards() {
        Api viewer = fixtures.signedIn(Role.VIEWER);

        Api.Response backwards = viewer.get("/api/v1/reports/plays?from=2025-03-02&to=2025-03-01");
        Api.Response leapYear = viewer.get("/api/v1/reports/plays?from=2024-01-01&to=2024-12-31");
        Api.Response tooLong = viewer.get("/api/v1/reports/plays?from=2024-01-01&to=2025-01-01");
        Api.Response missing = viewer.get("/api/v1/reports/plays");
        Api.Response unknown = viewer.get("/api/v1/reports/plays?from=2025-13-01&to=2025-03-01&screen=no-such-screen&announcement=nothing");
        Api.Response anonymous = fixtures.anonymous().get("/api/v1/reports/plays?from=2025-03-01&to=2025-03-01");

        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.errorFields()).containsExactly("to");
        assertThat(leapYear.status()).isEqualTo(200);
        assertThat(leapYear.items()).isEmpty();
        assertThat(tooLong.errorFields()).containsExactly("to");
        assertThat(missing.errorFields()).containsExactly("from", "to");
        assertThat(unknown.errorFields()).containsExactly("from", "screen", "announcement");
        assertThat(anonymous.status()).isEqualTo(401);
    }
}
