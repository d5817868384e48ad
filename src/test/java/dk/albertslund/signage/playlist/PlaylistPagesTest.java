package dk.albertslund.signage.playlist;

import dk.albertslund.signage.core.Slugs;
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

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlaylistPagesTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    ContentFixtures content;

    /** A playlist of the institution with three announcements, in the order first, second, third. */
    private record Three(ContentFixtures.Institution institution, String playlist, String first, String second, String third) {
    }

    private Three three() {
        ContentFixtures.Institution musikskolen = content.institution("Musikskolen");
        String first = content.approved(musikskolen.id(), "culture");
        String second = content.approved(musikskolen.id(), "culture");
        String third = content.approved(musikskolen.id(), "education");
        String slug = fixtures.unique("koncerter");
        content.playlist(Map.of("slug", slug, "name", "Koncerter", "institution", musikskolen.slug(),
                "items", List.of(first, second, third)));
        return new Three(musikskolen, slug, first, second, third);
    }

    private List<String> storedOrder(String playlist) {
        return fixtures.rows("SELECT a.slug FROM playlist_item i JOIN playlist p ON p.id = i.playlist_id "
                + "JOIN announcement a ON a.id = i.announcement_id WHERE p.slug = ? ORDER BY i.position", playlist)
                .stream().map(r -> (String) r.get("slug")).toList();
    }

    @Test
    void someone_signed_out_is_sent_to_the_sign_in_page() {
        WebClient.Page page = fixtures.browser().get("/admin/playlists");

        assertThat(page.status()).isIn(302, 303);
        assertThat(page.location()).hasValue("/admin/login");
    }

    @Test
    void a_viewer_sees_the_playlists_but_no_way_to_create_or_change_them() {
        Three three = three();
        WebClient viewer = fixtures.browserAs(Role.VIEWER).language("da");

        WebClient.Page list = viewer.get("/admin/playlists");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.text("h1")).isEqualTo("Playlister");
        assertThat(list.text("#playlist-" + three.playlist() + " th")).isEqualTo("Koncerter");
        assertThat(list.text("#playlist-" + three.playlist() + " td:nth-of-type(2)")).isEqualTo("3");
        assertThat(list.document().select("a[href=/admin/playlists/new]")).isEmpty();

        WebClient.Page one = viewer.get("/admin/playlists/" + three.playlist());
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.document().select("#playlist-items form")).isEmpty();
        assertThat(one.document().select("form[action$=/delete]")).isEmpty();

        assertThat(viewer.get("/admin/playlists/new").status()).isEqualTo(403);
        WebClient.Page move = viewer.submit("/admin/playlists/" + three.playlist() + "/items/move",
                Map.of("item", three.second(), "direction", "up"));
        assertThat(move.status()).isEqualTo(403);
        assertThat(storedOrder(three.playlist())).containsExactly(three.first(), three.second(), three.third());
    }

    @Test
    void moving_an_item_up_by_its_button_changes_the_stored_order() {
        Three three = three();
        WebClient editor = fixtures.browserAs(Role.EDITOR, three.institution().id()).language("da");
        WebClient.Page page = editor.get("/admin/playlists/" + three.playlist());
        Element up = page.document().selectFirst("#item-" + three.third() + " form[action$=/items/move]:has(input[value=up]) button");
        assertThat(up.attr("aria-label")).isEqualTo("Flyt „Title of " + three.third() + "“ op");
        assertThat(page.document().selectFirst("#item-" + three.first() + " input[value=up] ~ button").hasAttr("disabled")).isTrue();

        WebClient.Page moved = editor.submit("/admin/playlists/" + three.playlist() + "/items/move",
                Map.of("item", three.third(), "direction", "up"));

        assertThat(moved.status()).isEqualTo(303);
        assertThat(moved.location()).hasValue("/admin/playlists/" + three.playlist() + "?notice=playlists.reordered#item-" + three.third());
        assertThat(storedOrder(three.playlist())).containsExactly(three.first(), three.third(), three.second());
        WebClient.Page after = editor.get(moved.location().orElseThrow());
        assertThat(after.text("[role=status]")).isEqualTo("Den nye rækkefølge er gemt.");
        assertThat(after.document().select("#playlist-items li .item-title").eachText())
                .containsExactly("Title of " + three.first(), "Title of " + three.third(), "Title of " + three.second());
    }

    @Test
    void moving_down_and_dragging_post_the_new_order() {
        Three three = three();
        WebClient editor = fixtures.browserAs(Role.EDITOR, three.institution().id());

        editor.submit("/admin/playlists/" + three.playlist() + "/items/move", Map.of("item", three.first(), "direction", "down"));
        assertThat(storedOrder(three.playlist())).containsExactly(three.second(), three.first(), three.third());

        WebClient.Page dragged = editor.submit("/admin/playlists/" + three.playlist() + "/items",
                Map.of("items", List.of(three.third(), three.second(), three.first())));
        assertThat(dragged.status()).isEqualTo(303);
        assertThat(storedOrder(three.playlist())).containsExactly(three.third(), three.second(), three.first());

        WebClient.Page partial = editor.submit("/admin/playlists/" + three.playlist() + "/items", Map.of("items", List.of(three.first())));
        assertThat(partial.status()).isEqualTo(400);
        assertThat(storedOrder(three.playlist())).containsExactly(three.third(), three.second(), three.first());
    }

    @Test
    void an_editor_of_another_institution_cannot_reorder() {
        Three three = three();
        ContentFixtures.Institution other = content.institution("Forbrændingen");
        WebClient editor = fixtures.browserAs(Role.EDITOR, other.id()).language("en");

        WebClient.Page page = editor.get("/admin/playlists/" + three.playlist());
        assertThat(page.document().select("#playlist-items form")).isEmpty();

        WebClient.Page move = editor.submit("/admin/playlists/" + three.playlist() + "/items/move",
                Map.of("item", three.third(), "direction", "up"));
        assertThat(move.status()).isEqualTo(403);
        assertThat(move.text("h1")).isEqualTo("You do not have access to this");
        assertThat(storedOrder(three.playlist())).containsExactly(three.first(), three.second(), three.third());
    }

    @Test
    void adding_and_removing_announcements() {
        Three three = three();
        String fourth = content.approved(three.institution().id(), "youth");
        WebClient editor = fixtures.browserAs(Role.EDITOR, three.institution().id());
        WebClient.Page page = editor.get("/admin/playlists/" + three.playlist());
        assertThat(page.document().select("#announcement option").eachAttr("value")).contains(fourth).doesNotContain(three.first());

        assertThat(editor.submit("/admin/playlists/" + three.playlist() + "/items/add", Map.of("announcement", fourth)).status()).isEqualTo(303);
        assertThat(editor.submit("/admin/playlists/" + three.playlist() + "/items/remove", Map.of("item", three.first())).status()).isEqualTo(303);

        assertThat(storedOrder(three.playlist())).containsExactly(three.second(), three.third(), fourth);
    }

    @Test
    void adding_an_unknown_announcement_is_shown_beside_the_list() {
        Three three = three();
        WebClient editor = fixtures.browserAs(Role.EDITOR, three.institution().id()).language("en");

        WebClient.Page page = editor.submit("/admin/playlists/" + three.playlist() + "/items/add", Map.of("announcement", "no-such-slide"));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.text("#items-error")).isEqualTo("unknown announcements: 'no-such-slide'");
        assertThat(page.document().selectFirst("#announcement").attr("aria-invalid")).isEqualTo("true");
        assertThat(storedOrder(three.playlist())).containsExactly(three.first(), three.second(), three.third());
    }

    @Test
    void an_editor_creates_a_rule_based_playlist_and_sees_what_it_selects_now() {
        ContentFixtures.Institution bibliotek = content.institution("Bibliotek");
        String concert = content.approved(bibliotek.id(), "culture", "koncert");
        content.approved(bibliotek.id(), "education", "koncert");
        content.announcement(bibliotek.id(), "culture", "draft", List.of("koncert"), null, null);
        WebClient editor = fixtures.browserAs(Role.EDITOR, bibliotek.id()).language("da");
        WebClient.Page form = editor.get("/admin/playlists/new");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.document().select("#institution option").eachAttr("value")).containsExactly(bibliotek.slug());
        String slug = fixtures.unique("kultur");

        WebClient.Page created = editor.submit("/admin/playlists", Map.of("slug", slug, "name", "Kultur på biblioteket",
                "institution", bibliotek.slug(), "categories", "culture", "tags", "Koncert"));

        assertThat(created.status()).isEqualTo(303);
        assertThat(created.location()).hasValue("/admin/playlists/" + slug + "?notice=playlists.created");
        assertThat(fixtures.rows("SELECT name, rule_categories::text AS categories, rule_tags::text AS tags FROM playlist WHERE slug = ?", slug))
                .containsExactly(Map.of("name", "Kultur på biblioteket", "categories", "{culture}", "tags", "{koncert}"));
        WebClient.Page page = editor.get(created.location().orElseThrow());
        assertThat(page.document().select("table.playing tbody tr")).hasSize(1);
        assertThat(page.text("table.playing tbody tr th")).isEqualTo("Title of " + concert);
        assertThat(page.text("table.playing tbody tr td:nth-of-type(2)")).isEqualTo("Kultur");
        assertThat(page.text("table.playing tbody tr td:nth-of-type(4)")).isEqualTo("Fundet af reglen");
        assertThat(page.document().select("#categories-error")).isEmpty();
        assertThat(page.document().selectFirst("input[name=categories][value=culture]").hasAttr("checked")).isTrue();
    }

    @Test
    void a_playlist_named_alone_gets_its_address_from_the_name_and_a_second_one_the_next_free() {
        ContentFixtures.Institution bibliotek = content.institution("Bibliotek");
        WebClient editor = fixtures.browserAs(Role.EDITOR, bibliotek.id()).language("da");
        WebClient.Page form = editor.get("/admin/playlists/new");
        assertThat(form.document().selectFirst("#name").elementSiblingIndex())
                .isLessThan(form.document().selectFirst("#slug-advanced").elementSiblingIndex());
        assertThat(form.document().selectFirst("#slug-advanced").hasAttr("open")).isFalse();
        assertThat(form.document().selectFirst("#slug").hasAttr("required")).isFalse();
        String name = "Børnenes morgen på biblioteket " + fixtures.unique("");
        String expected = Slugs.fromName(name, "playlist");
        assertThat(expected).startsWith("boernenes-morgen-paa-biblioteket-");
        Map<String, Object> fields = Map.of("name", name, "institution", bibliotek.slug());

        WebClient.Page first = editor.submit("/admin/playlists", fields);
        WebClient.Page second = editor.submit("/admin/playlists", fields);

        assertThat(first.status()).as(first.html()).isEqualTo(303);
        assertThat(first.location()).hasValue("/admin/playlists/" + expected + "?notice=playlists.created");
        assertThat(second.location()).hasValue("/admin/playlists/" + expected + "-2?notice=playlists.created");
        assertThat(fixtures.rows("SELECT name FROM playlist WHERE slug = ?", expected + "-2"))
                .containsExactly(Map.of("name", name));
    }

    @Test
    void a_refused_playlist_form_names_each_field_and_keeps_the_input() {
        ContentFixtures.Institution bibliotek = content.institution("Bibliotek");
        WebClient editor = fixtures.browserAs(Role.EDITOR, bibliotek.id()).language("en");
        editor.get("/admin/playlists/new");

        WebClient.Page page = editor.submit("/admin/playlists", Map.of("slug", "Not A Slug", "name", " ",
                "institution", bibliotek.slug(), "categories", "youth", "tags", "a-tag-that-is-much-longer-than-forty-characters-in-all"));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.text("#slug-error")).startsWith("must");
        assertThat(page.text("#name-error")).isEqualTo("must be between 1 and 120 characters");
        assertThat(page.text("#tags-error")).isEqualTo("each tag must be between 1 and 40 characters");
        assertThat(page.document().selectFirst("#slug").attr("value")).isEqualTo("Not A Slug");
        assertThat(page.document().selectFirst("#slug").attr("aria-invalid")).isEqualTo("true");
        assertThat(page.document().selectFirst("#slug-advanced").hasAttr("open")).isTrue();
        assertThat(page.document().selectFirst("input[name=categories][value=youth]").hasAttr("checked")).isTrue();
        assertThat(fixtures.rows("SELECT id FROM playlist WHERE slug = ?", "Not A Slug")).isEmpty();
    }

    @Test
    void changing_the_details_keeps_the_items() {
        Three three = three();
        WebClient editor = fixtures.browserAs(Role.EDITOR, three.institution().id());

        WebClient.Page saved = editor.submit("/admin/playlists/" + three.playlist(), Map.of("name", "Koncerter i december",
                "institution", three.institution().slug()));

        assertThat(saved.status()).isEqualTo(303);
        assertThat(fixtures.rows("SELECT name FROM playlist WHERE slug = ?", three.playlist()))
                .containsExactly(Map.of("name", "Koncerter i december"));
        assertThat(storedOrder(three.playlist())).containsExactly(three.first(), three.second(), three.third());
    }

    @Test
    void a_change_without_the_forms_csrf_token_is_refused() {
        Three three = three();
        WebClient editor = fixtures.browserAs(Role.EDITOR, three.institution().id());

        WebClient.Page page = editor.post("/admin/playlists/" + three.playlist() + "/items/move",
                Map.of("item", three.third(), "direction", "up"));

        assertThat(page.status()).isEqualTo(403);
        assertThat(storedOrder(three.playlist())).containsExactly(three.first(), three.second(), three.third());
    }

    @Test
    void the_playlist_page_names_the_screens_that_share_airtime_and_explains_their_order() {
        Three three = three();
        ContentFixtures.Institution library = content.institution("Biblioteket");
        String station = fixtures.unique("station");
        String stationGroup = fixtures.unique("stationen");
        String foyer = fixtures.unique("foyer");
        Api admin = content.admin();
        assertThat(admin.post("/api/v1/screens", Map.of("slug", foyer, "name", "Musikskolens foyer", "defaultPlaylist",
                three.playlist())).status()).isEqualTo(201);
        WebClient writer = fixtures.browserAs(Role.VIEWER).language("en");
        WebClient.Page before = writer.get("/admin/playlists/" + three.playlist());
        assertThat(before.text("#airtime-none")).startsWith("No screen that plays this playlist shares its airtime");

        // the foyer shares by its own setting; the station by its group's, and plays the playlist by a schedule entry
        admin.put("/api/v1/screens/" + foyer, Map.of("name", "Musikskolens foyer", "defaultPlaylist", three.playlist(),
                "airtimeShares", Map.of(three.institution().slug(), 60, library.slug(), 40))).expect(200);
        assertThat(admin.post("/api/v1/screen-groups", Map.of("slug", stationGroup, "name", "Stationen",
                "airtimeShares", Map.of(three.institution().slug(), 30, library.slug(), 70))).status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/screens", Map.of("slug", station, "name", "Stationshallen",
                "groups", List.of(stationGroup))).status()).isEqualTo(201);
        admin.post("/api/v1/schedule-entries", Map.of("slug", fixtures.unique("koncerter-stationen"),
                "playlist", three.playlist(), "targetKind", "group", "target", stationGroup,
                "startTime", "16:00", "endTime", "20:00", "priority", 10)).expect(201);

        WebClient.Page after = writer.get("/admin/playlists/" + three.playlist());
        assertThat(after.document().select("#airtime-none")).isEmpty();
        assertThat(after.text("#airtime-hint")).contains("take turns by their institution's share")
                .contains("Within one institution they keep this playlist's order");
        assertThat(after.text("#shared-screens li[data-screen=" + foyer + "]"))
                .isEqualTo("Musikskolens foyer: " + three.institution().name() + " 60 %, " + library.name() + " 40 %");
        assertThat(after.text("#shared-screens li[data-screen=" + station + "]"))
                .isEqualTo("Stationshallen: " + library.name() + " 70 %, " + three.institution().name()
                        + " 30 % (shares from the group Stationen)");
        assertThat(after.document().select("#shared-screens a[href=/admin/screens/" + station + "]")).hasSize(1);
    }
}
