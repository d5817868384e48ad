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

    @Test
    void shares_set_on_the_screen_give_a_paired_kiosk_its_order_by_share() throws InterruptedException {
        ContentFixtures.Institution schools = content.institution("Skolerne");
        ContentFixtures.Institution library = content.institution("Biblioteket");
        ContentFixtures.Institution culture = content.institution("Kultur");
        Kiosks.Announcement school = message(schools);
        Kiosks.Announcement book = message(library);
        Kiosks.Announcement concert = message(culture);
        String screen = kiosks.screen("Stationen, perron 1");
        Kiosks.Paired kiosk = kiosks.pair(screen, school, book, concert);
        Api.Response before = kiosks.as(kiosk.token()).get("/api/v1/kiosk/manifest");

        Map<String, Object> shares = new LinkedHashMap<>();
        shares.put(schools.slug(), 40);
        shares.put(library.slug(), 20);
        shares.put(culture.slug(), 40);
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
        putShares(screen, Map.of(schools.slug(), 50, library.slug(), 50));
        Api.Response byScreen = manifestWhen(kiosk, m -> playOrder(m).size() == 2);

        String s = "Title of " + school.slug();
        String b = "Title of " + book.slug();
        assertThat(playOrder(byGroup)).containsExactly(s, b, s, s, s);
        assertThat(playOrder(byScreen)).containsExactly(s, b);
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
}
