package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Airtime shares set through the staff API change what a paired kiosk plays, in which order. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AirtimeApiTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    ContentFixtures content;
    @Inject
    Kiosks kiosks;

    /** An approved message of the institution, as the kiosk helpers name it. */
    private Kiosks.Announcement message(ContentFixtures.Institution institution) {
        String slug = content.approved(institution.id(), "culture");
        long id = ((Number) fixtures.rows("SELECT id FROM announcement WHERE slug = ?", slug).get(0).get("id")).longValue();
        return new Kiosks.Announcement(id, slug);
    }

    @SuppressWarnings("unchecked")
    private static List<String> playOrder(Api.Response manifest) {
        List<Map<String, Object>> slides = (List<Map<String, Object>>) manifest.body().get("slides");
        List<Number> turns = (List<Number>) manifest.body().get("turns");
        List<Map<String, Object>> order = turns == null ? slides : turns.stream().map(i -> slides.get(i.intValue())).toList();
        return order.stream().map(s -> (String) s.get("title")).toList();
    }

    /** The manifest once the change has reached it (the change bus rebuilds it within a moment). */
    private Api.Response manifestWhen(Kiosks.Paired kiosk, java.util.function.Predicate<Api.Response> ready) throws InterruptedException {
        Api.Response manifest = kiosks.as(kiosk.token()).get("/api/v1/kiosk/manifest");
        for (int i = 0; i < 100 && !ready.test(manifest); i++) {
            Thread.sleep(100);
            manifest = kiosks.as(kiosk.token()).get("/api/v1/kiosk/manifest");
        }
        return manifest;
    }

    /** PUT the screen as it stands, with these shares. */
    private Api.Response putShares(String screen, Map<String, Object> shares) {
        Map<String, Object> view = kiosks.admin().get("/api/v1/screens/" + screen).body();
        Map<String, Object> body = new HashMap<>();
        body.put("name", view.get("name"));
        body.put("defaultPlaylist", view.get("defaultPlaylist"));
        body.put("airtimeShares", shares);
        return kiosks.admin().put("/api/v1/screens/" + screen, body);
    }

    /** Three institutions with a message each, played on a new screen by a paired kiosk. */
    record Station(ContentFixtures.Institution schools, ContentFixtures.Institution library, ContentFixtures.Institution culture,
                   Kiosks.Announcement school, Kiosks.Announcement book, Kiosks.Announcement concert, String screen,
                   Kiosks.Paired kiosk) {

        /** Schools 40 %, library 20 %, culture 40 %. */
        Map<String, Object> shares() {
            Map<String, Object> shares = new LinkedHashMap<>();
            shares.put(schools.slug(), 40);
            shares.put(library.slug(), 20);
            shares.put(culture.slug(), 40);
            return shares;
        }
    }

    private Station station() {
        ContentFixtures.Institution schools = content.institution("Skolerne");
        ContentFixtures.Institution library = content.institution("Biblioteket");
        ContentFixtures.Institution culture = content.institution("Kultur");
        Kiosks.Announcement school = message(schools);
        Kiosks.Announcement book = message(library);
        Kiosks.Announcement concert = message(culture);
        String screen = kiosks.screen("Stationen, perron 1");
        return new Station(schools, library, culture, school, book, concert, screen, kiosks.pair(screen, school, book, concert));
    }

    @Test
    void shares_set_on_the_screen_give_a_paired_kiosk_its_order_by_share() throws InterruptedException {
        Station station = station();
        ContentFixtures.Institution schools = station.schools();
        ContentFixtures.Institution library = station.library();
        ContentFixtures.Institution culture = station.culture();
        Kiosks.Announcement school = station.school();
        Kiosks.Announcement book = station.book();
        Kiosks.Announcement concert = station.concert();
        String screen = station.screen();
        Kiosks.Paired kiosk = station.kiosk();
        Api.Response before = kiosks.as(kiosk.token()).get("/api/v1/kiosk/manifest");

        Map<String, Object> shares = station.shares();
        Api.Response saved = putShares(screen, shares);
        Api.Response after = manifestWhen(kiosk, m -> m.body().get("turns") != null);

        String s = "Title of " + school.slug();
        String b = "Title of " + book.slug();
        String c = "Title of " + concert.slug();
        assertThat(before.body()).doesNotContainKey("turns");
        assertThat(playOrder(before)).containsExactly(s, b, c);
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body().get("airtimeShares")).isEqualTo(Map.of(schools.slug(), 40, culture.slug(), 40, library.slug(), 20));
        assertThat(playOrder(after)).containsExactly(s, c, b, s, c);

        // a PUT that leaves the shares out keeps them; an empty map clears them, and the playlist order is back
        Map<String, Object> view = kiosks.admin().get("/api/v1/screens/" + screen).body();
        Api.Response renamed = kiosks.admin().put("/api/v1/screens/" + screen,
                Map.of("name", "Stationen, perron 2", "defaultPlaylist", view.get("defaultPlaylist")));
        assertThat(renamed.body().get("airtimeShares")).isEqualTo(Map.of(schools.slug(), 40, culture.slug(), 40, library.slug(), 20));
        assertThat(putShares(screen, Map.of()).status()).isEqualTo(200);
        assertThat(playOrder(manifestWhen(kiosk, m -> m.body().get("turns") == null))).containsExactly(s, b, c);
    }

    @Test
    void a_groups_shares_apply_to_its_screens_until_a_screen_has_its_own() throws InterruptedException {
        ContentFixtures.Institution schools = content.institution("Skolerne");
        ContentFixtures.Institution library = content.institution("Biblioteket");
        Kiosks.Announcement school = message(schools);
        Kiosks.Announcement book = message(library);
        String group = fixtures.unique("station");
        assertThat(kiosks.admin().post("/api/v1/screen-groups", Map.of("slug", group, "name", "Stationen " + group,
                "airtimeShares", Map.of(schools.slug(), 80, library.slug(), 20))).status()).isEqualTo(201);
        String screen = kiosks.screen("Stationen, billetautomaten");
        Kiosks.Paired kiosk = kiosks.pair(screen, school, book);
        Map<String, Object> view = kiosks.admin().get("/api/v1/screens/" + screen).body();
        kiosks.admin().put("/api/v1/screens/" + screen,
                Map.of("name", view.get("name"), "defaultPlaylist", view.get("defaultPlaylist"), "groups", List.of(group)));

        Api.Response byGroup = manifestWhen(kiosk, m -> m.body().get("turns") != null);
        assertThat(fixtures.browserAs(dk.albertslund.signage.staff.Role.VIEWER).language("da")
                .get("/admin/screens/" + screen).text("#airtime"))
                .isEqualTo(schools.name() + " 80 % · " + library.name() + " 20 %: tur efter andel (gruppen " + group + "s andele)");
        putShares(screen, Map.of(schools.slug(), 50, library.slug(), 50));
        Api.Response byScreen = manifestWhen(kiosk, m -> playOrder(m).size() == 2);

        String s = "Title of " + school.slug();
        String b = "Title of " + book.slug();
        assertThat(playOrder(byGroup)).containsExactly(s, b, s, s, s);
        assertThat(playOrder(byScreen)).containsExactly(s, b);
        assertThat(fixtures.browserAs(dk.albertslund.signage.staff.Role.VIEWER).language("en")
                .get("/admin/screens/" + screen).text("#airtime"))
                // equal shares: alphabetically
                .isEqualTo(library.name() + " 50 % · " + schools.name() + " 50 %: turn by share");
    }

    @Test
    void bad_shares_are_refused_naming_each_field() {
        ContentFixtures.Institution schools = content.institution("Skolerne");
        ContentFixtures.Institution library = content.institution("Biblioteket");
        String screen = kiosks.screen("Stationen, trappen");
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("no-such-institution", 10);
        bad.put(schools.slug(), 0);
        bad.put(library.slug(), 101);
        Map<String, Object> tooMuch = new LinkedHashMap<>();
        tooMuch.put(schools.slug(), 70);
        tooMuch.put(library.slug(), 40);

        Api.Response refused = putShares(screen, bad);
        Api.Response over = putShares(screen, tooMuch);
        Api.Response group = kiosks.admin().post("/api/v1/screen-groups",
                Map.of("name", " ", "airtimeShares", Map.of(schools.slug(), 70, library.slug(), 40)));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactly("airtimeShares.no-such-institution",
                "airtimeShares." + schools.slug(), "airtimeShares." + library.slug());
        assertThat(refused.text()).contains("no institution 'no-such-institution'", "must be a whole percent from 1 to 100");
        assertThat(over.status()).isEqualTo(400);
        assertThat(over.errorFields()).containsExactly("airtimeShares");
        assertThat(over.text()).contains("the shares add up to 110 %, at most 100 % is allowed");
        assertThat(group.errorFields()).containsExactly("airtimeShares", "name");
        assertThat(kiosks.admin().get("/api/v1/screens/" + screen).body().get("airtimeShares")).isEqualTo(Map.of());
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_report_shows_each_institutions_achieved_airtime_against_its_share_from_the_plays() {
        Station station = station();
        Map<String, Object> shares = station.shares();
        assertThat(putShares(station.screen(), shares).status()).isEqualTo(200);
        // 100 s played: the schools 40 s, the library 30 s, culture 30 s
        java.time.Instant now = java.time.Instant.now();
        List<Map<String, Object>> plays = new java.util.ArrayList<>();
        long[][] shown = {{station.school().id(), 4}, {station.book().id(), 3}, {station.concert().id(), 3}};
        int n = 0;
        for (long[] each : shown) {
            for (int i = 0; i < each[1]; i++) {
                plays.add(Map.of("announcementId", each[0], "language", "da",
                        "startedAt", now.minusSeconds(200 - 10L * n++).toString(), "durationMs", 10_000));
            }
        }
        assertThat(kiosks.as(station.kiosk().token()).post("/api/v1/kiosk/plays", Map.of("seq", 1, "plays", plays)).status()).isEqualTo(204);
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Copenhagen")).toString();
        String query = "?from=" + today + "&to=" + today + "&screen=" + station.screen();

        Api.Response report = kiosks.admin().get("/api/v1/reports/airtime" + query);
        Api.Response csv = kiosks.admin().get("/api/v1/reports/airtime.csv" + query);
        dk.albertslund.signage.testing.WebClient.Page page = fixtures.browserAs(dk.albertslund.signage.staff.Role.VIEWER)
                .language("da").get("/admin/reports" + query);

        List<Map<String, Object>> items = (List<Map<String, Object>>) report.body().get("items");
        assertThat(items).extracting(i -> List.of(i.get("institution"), i.get("seconds"), i.get("achievedPercent"),
                i.get("intendedPercent"), i.get("sharePercent"))).containsExactly(
                List.of(station.schools().slug(), 40, 40.0, 40.0, 40),
                List.of(station.library().slug(), 30, 30.0, 20.0, 20),
                List.of(station.culture().slug(), 30, 30.0, 40.0, 40));
        assertThat(csv.text()).contains(
                today + "," + station.screen() + "," + station.schools().slug() + "," + station.schools().name() + ",40,40.0,40.0,40",
                today + "," + station.screen() + "," + station.library().slug() + "," + station.library().name() + ",30,30.0,20.0,20");
        assertThat(page.document().select("#airtime tbody tr").eachText()).hasSize(3);
        assertThat(page.document().select("#airtime tbody tr").get(1).select("th").text()).isEqualTo(station.library().name());
        assertThat(page.document().select("#airtime tbody tr").get(1).select(".achieved").text()).isEqualTo("30,0 %");
        assertThat(page.document().select("#airtime tbody tr").get(1).select(".intended").text()).isEqualTo("20,0 %");
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_why_of_what_plays_names_the_shares_and_a_share_with_nothing_on_show_is_given_away() {
        Station station = station();
        Map<String, Object> shares = station.shares();
        ContentFixtures.Institution youth = content.institution("Ungdomsklubben"); // has a share, nothing to show
        shares.put(station.culture().slug(), 20);
        shares.put(youth.slug(), 20);
        assertThat(putShares(station.screen(), shares).status()).isEqualTo(200);
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Copenhagen")).toString();

        Api.Response now = kiosks.admin().get("/api/v1/screens/" + station.screen() + "/now");
        dk.albertslund.signage.testing.WebClient.Page timeline = fixtures.browserAs(dk.albertslund.signage.staff.Role.VIEWER)
                .language("da").get("/admin/schedules/timeline?screen=" + station.screen() + "&day=" + today);

        // schools 40, library 20, culture 20 of 80 present: 50 %, 25 %, 25 %
        assertThat((List<Map<String, Object>>) now.body().get("airtime")).extracting(p -> List.of(p.get("name"),
                p.get("percent"), p.get("effectivePercent"))).containsExactly(
                List.of(station.schools().name(), 40, 50), List.of(station.library().name(), 20, 25),
                List.of(station.culture().name(), 20, 25));
        assertThat(timeline.document().select(".segment .airtime").first().text()).isEqualTo(
                station.schools().name() + " 50 % · " + station.library().name() + " 25 % · " + station.culture().name()
                        + " 25 %: tur efter andel");
    }
}
