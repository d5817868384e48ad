package dk.albertslund.signage.playlist;

import dk.albertslund.signage.core.Slugs;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.staff.Staff;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlaylistApiTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    ContentFixtures content;
    @Inject
    PlaylistService playlists;

    private static final Staff CONTENT_PACK = new Staff(0, "content-pack", EnumSet.of(Role.ADMIN), Set.of());

    @SuppressWarnings("unchecked")
    private static List<Object> slugsOf(Object items) {
        return ((List<Map<String, Object>>) items).stream().map(i -> i.get("slug")).toList();
    }

    @Test
    void an_editor_creates_a_playlist_of_their_institution_and_every_staff_member_reads_it() {
        ContentFixtures.Institution library = content.institution("Bibliotek");
        String gaming = content.approved(library.id(), "youth");
        String lektiecafe = content.announcement(library.id(), "education", "draft", List.of(), null, null);
        String slug = fixtures.unique("ungehjoernet");

        Api.Response created = fixtures.signedIn(Role.EDITOR, library.id()).post("/api/v1/playlists", Map.of(
                "slug", slug, "name", "Ungehjørnet", "institution", library.slug(),
                "items", List.of(gaming, lektiecafe),
                "rule", Map.of("categories", List.of("youth"), "institutions", List.of(library.slug()), "tags", List.of("Gaming"))));
        Api.Response read = fixtures.signedIn(Role.VIEWER).get("/api/v1/playlists/" + slug);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().get("Location")).isEqualTo("/api/v1/playlists/" + slug);
        assertThat(read.body()).containsEntry("name", "Ungehjørnet").containsEntry("institution", library.slug());
        assertThat(read.body().get("items")).isEqualTo(List.of(
                Map.of("position", 1, "slug", gaming, "title", "Title of " + gaming, "status", "approved"),
                Map.of("position", 2, "slug", lektiecafe, "title", "Title of " + lektiecafe, "status", "draft")));
        assertThat(read.body().get("rule")).isEqualTo(Map.of(
                "categories", List.of("youth"), "institutions", List.of(library.slug()), "tags", List.of("gaming")));
    }

    @Test
    void bad_input_names_every_field_that_is_wrong() {
        Api.Response response = content.admin().post("/api/v1/playlists", Map.of(
                "slug", "Not A Slug", "institution", "no-such-institution",
                "items", List.of("no-such-announcement", "nor-this"),
                "rule", Map.of("categories", List.of("youth", "sport"), "institutions", List.of("nowhere"), "tags", List.of(" "))));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly(
                "slug", "name", "institution", "items", "rule.categories", "rule.institutions", "rule.tags");
        assertThat(response.text()).contains("unknown announcements: 'no-such-announcement', 'nor-this'",
                "unknown categories: 'sport'; use education, culture, youth, practical, emergency",
                "unknown institutions: 'nowhere'");
    }

    @Test
    void an_announcement_listed_twice_is_refused() {
        ContentFixtures.Institution library = content.institution("Bibliotek");
        String gaming = content.approved(library.id(), "youth");

        Api.Response response = content.admin().post("/api/v1/playlists", Map.of(
                "slug", fixtures.unique("twice"), "name", "Twice", "items", List.of(gaming, gaming)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("items");
        assertThat(response.text()).contains("lists '" + gaming + "' more than once");
    }

    @Test
    void a_playlist_created_without_a_slug_gets_one_from_its_name() {
        String name = "Ungehjørnet om aftenen " + fixtures.unique("");
        String expected = Slugs.fromName(name, "playlist");

        Api.Response first = content.admin().post("/api/v1/playlists", Map.of("name", name));
        Api.Response second = content.admin().post("/api/v1/playlists", Map.of("name", name));

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.body()).containsEntry("slug", expected);
        assertThat(first.headers().get("Location")).isEqualTo("/api/v1/playlists/" + expected);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body()).containsEntry("slug", expected + "-2");
    }

    @Test
    void a_duplicate_slug_is_a_conflict() {
        String slug = content.playlist();

        Api.Response again = content.admin().post("/api/v1/playlists", Map.of("slug", slug, "name", "Again"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).containsEntry("detail", "A playlist with the slug '" + slug + "' already exists.");
    }

    @Test
    void an_unknown_slug_is_404_on_every_endpoint() {
        Api admin = content.admin();

        assertThat(admin.get("/api/v1/playlists/no-such-playlist").body())
                .containsEntry("status", 404).containsEntry("detail", "No playlist 'no-such-playlist'.");
        assertThat(admin.put("/api/v1/playlists/no-such-playlist", Map.of("name", "X")).status()).isEqualTo(404);
        assertThat(admin.put("/api/v1/playlists/no-such-playlist/items", Map.of("items", List.of())).status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/playlists/no-such-playlist/selection").status()).isEqualTo(404);
        assertThat(admin.delete("/api/v1/playlists/no-such-playlist").status()).isEqualTo(404);
    }

    @Test
    void a_viewer_may_not_create_playlists() {
        Api.Response response = fixtures.signedIn(Role.VIEWER).post("/api/v1/playlists",
                Map.of("slug", fixtures.unique("x"), "name", "X"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).containsEntry("detail", "Only editors and administrators may change playlists.");
    }

    @Test
    void an_editor_of_one_institution_may_not_change_another_institutions_playlist() {
        ContentFixtures.Institution a = content.institution("Gymnasiet");
        ContentFixtures.Institution b = content.institution("Musikskolen");
        String bPlaylist = content.playlistOf(b);
        Api editorOfA = fixtures.signedIn(Role.EDITOR, a.id());

        Api.Response rename = editorOfA.put("/api/v1/playlists/" + bPlaylist, Map.of("name", "Taken over", "institution", b.slug()));
        Api.Response reorder = editorOfA.put("/api/v1/playlists/" + bPlaylist + "/items", Map.of("items", List.of()));
        Api.Response delete = editorOfA.delete("/api/v1/playlists/" + bPlaylist);

        assertThat(rename.status()).isEqualTo(403);
        assertThat(rename.body()).containsEntry("detail", "Only editors of " + b.name() + " may change its playlists.");
        assertThat(reorder.status()).isEqualTo(403);
        assertThat(delete.status()).isEqualTo(403);
        assertThat(fixtures.rows("SELECT name FROM playlist WHERE slug = ?", bPlaylist))
                .containsExactly(Map.of("name", "Playlist " + bPlaylist));
    }

    @Test
    void an_editor_may_neither_give_their_playlist_away_nor_make_one_for_the_whole_campus() {
        ContentFixtures.Institution a = content.institution("Gymnasiet");
        ContentFixtures.Institution b = content.institution("Musikskolen");
        String aPlaylist = content.playlistOf(a);
        Api editorOfA = fixtures.signedIn(Role.EDITOR, a.id());

        Api.Response giveAway = editorOfA.put("/api/v1/playlists/" + aPlaylist, Map.of("name", "Gift", "institution", b.slug()));
        Api.Response campusWide = editorOfA.post("/api/v1/playlists", Map.of("slug", fixtures.unique("campus"), "name", "Campus"));

        assertThat(giveAway.status()).isEqualTo(403);
        assertThat(giveAway.body()).containsEntry("detail", "Only editors of " + b.name() + " may change its playlists.");
        assertThat(campusWide.status()).isEqualTo(403);
        assertThat(campusWide.body()).containsEntry("detail",
                "Only administrators may change playlists that belong to no institution.");
    }

    @Test
    void put_replaces_the_playlist_and_the_change_is_audited() {
        ContentFixtures.Institution library = content.institution("Bibliotek");
        String first = content.approved(library.id(), "culture");
        String slug = content.playlist(Map.of("slug", fixtures.unique("kultur"), "name", "Kultur",
                "items", List.of(first), "rule", Map.of("categories", List.of("culture"))));
        String renamed = fixtures.unique("kultur-alt");

        Api.Response updated = content.admin().put("/api/v1/playlists/" + slug, Map.of(
                "slug", renamed, "name", "Al kultur", "institution", library.slug()));

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body()).containsEntry("slug", renamed).containsEntry("institution", library.slug())
                .containsEntry("items", List.of())
                .containsEntry("rule", Map.of("categories", List.of(), "institutions", List.of(), "tags", List.of()));
        assertThat(content.admin().get("/api/v1/playlists/" + slug).status()).isEqualTo(404);
        var audit = fixtures.rows("""
                SELECT before_json->>'name' AS before, after_json->>'name' AS after FROM audit_log
                WHERE entity_type = 'playlist' AND action = 'update' AND after_json->>'slug' = ?""", renamed);
        assertThat(audit).containsExactly(Map.of("before", "Kultur", "after", "Al kultur"));
    }

    @Test
    void reordering_puts_the_items_in_the_new_order_and_is_audited() {
        ContentFixtures.Institution library = content.institution("Bibliotek");
        String a = content.approved(library.id(), "education");
        String b = content.approved(library.id(), "education");
        String c = content.approved(library.id(), "education");
        String slug = content.playlist(Map.of("slug", fixtures.unique("lektier"), "name", "Lektier",
                "institution", library.slug(), "items", List.of(a, b, c)));

        Api.Response reordered = fixtures.signedIn(Role.EDITOR, library.id())
                .put("/api/v1/playlists/" + slug + "/items", Map.of("items", List.of(c, a, b)));

        assertThat(reordered.status()).isEqualTo(200);
        assertThat(slugsOf(reordered.body().get("items"))).containsExactly(c, a, b);
        assertThat(fixtures.rows("""
                SELECT a.slug FROM playlist_item i JOIN announcement a ON a.id = i.announcement_id
                JOIN playlist p ON p.id = i.playlist_id WHERE p.slug = ? ORDER BY i.position""", slug))
                .extracting(r -> r.get("slug")).containsExactly(c, a, b);
        assertThat(fixtures.rows("SELECT action FROM audit_log WHERE entity_type = 'playlist' AND after_json->>'slug' = ? ORDER BY id", slug))
                .extracting(r -> r.get("action")).containsExactly("create", "reorder");
    }

    @Test
    void reordering_with_unknown_or_missing_items_is_refused_and_changes_nothing() {
        String slug = content.playlist();

        Api.Response unknown = content.admin().put("/api/v1/playlists/" + slug + "/items", Map.of("items", List.of("ghost")));
        Api.Response missing = content.admin().put("/api/v1/playlists/" + slug + "/items", Map.of());

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorFields()).containsExactly("items");
        assertThat(unknown.text()).contains("unknown announcements: 'ghost'");
        assertThat(missing.errorFields()).containsExactly("items");
        assertThat(fixtures.rows("SELECT count(*) AS n FROM audit_log WHERE entity_type = 'playlist' AND action = 'reorder' AND after_json->>'slug' = ?", slug))
                .containsExactly(Map.of("n", 0L));
    }

    @Test
    void the_content_pack_importer_saving_an_unchanged_playlist_writes_nothing() {
        ContentFixtures.Institution library = content.institution("Bibliotek");
        String item = content.approved(library.id(), "youth");
        String slug = fixtures.unique("standard");
        PlaylistService.Command command = new PlaylistService.Command(slug, "Biblioteket – standard", library.slug(),
                List.of(item), new PlaylistService.Rule(List.of("youth"), List.of(library.slug()), List.of("eksempel")));
        PlaylistService.View created = playlists.create(CONTENT_PACK, command);
        Object updatedAt = fixtures.rows("SELECT updated_at FROM playlist WHERE slug = ?", slug).get(0).get("updated_at");

        PlaylistService.View again = playlists.update(CONTENT_PACK, slug, command);
        PlaylistService.View renamed = playlists.update(CONTENT_PACK, slug, new PlaylistService.Command(slug, "Biblioteket",
                library.slug(), List.of(item), command.rule()));

        assertThat(again).isEqualTo(created);
        assertThat(playlists.find(slug)).contains(renamed);
        assertThat(renamed.name()).isEqualTo("Biblioteket");
        assertThat(fixtures.rows("SELECT actor, action FROM audit_log WHERE entity_type = 'playlist' AND entity_id = ? ORDER BY id", created.id()))
                .containsExactly(Map.of("actor", "content-pack", "action", "create"), Map.of("actor", "content-pack", "action", "update"));
        assertThat(fixtures.rows("SELECT updated_at FROM playlist WHERE slug = ?", slug).get(0).get("updated_at")).isNotEqualTo(updatedAt);
        assertThat(playlists.find("no-such-playlist")).isEmpty();
    }

    @Test
    void deleting_an_unused_playlist_removes_it_and_its_items_and_is_audited() {
        ContentFixtures.Institution library = content.institution("Bibliotek");
        String item = content.approved(library.id(), "youth");
        String slug = content.playlist(Map.of("slug", fixtures.unique("gone"), "name", "Gone", "items", List.of(item)));
        long id = ((Number) content.admin().get("/api/v1/playlists/" + slug).body().get("id")).longValue();

        Api.Response deleted = content.admin().delete("/api/v1/playlists/" + slug);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(fixtures.rows("SELECT count(*) AS n FROM playlist_item WHERE playlist_id = ?", id)).containsExactly(Map.of("n", 0L));
        assertThat(fixtures.rows("SELECT before_json->>'slug' AS slug FROM audit_log WHERE entity_type = 'playlist' AND action = 'delete' AND entity_id = ?", id))
                .containsExactly(Map.of("slug", slug));
    }

    @Test
    void the_selection_is_the_items_then_the_rule_matches_that_are_approved_and_published_now() {
        ContentFixtures.Institution club = content.institution("Ungdomsklubberne");
        Instant now = Instant.now();
        String item = content.approved(club.id(), "practical");
        String draftItem = content.announcement(club.id(), "practical", "draft", List.of(), null, null);
        String expired = content.announcement(club.id(), "youth", "approved", List.of(), null, now.minus(1, ChronoUnit.HOURS));
        String future = content.announcement(club.id(), "youth", "approved", List.of(), now.plus(1, ChronoUnit.DAYS), null);
        String current = content.announcement(club.id(), "youth", "approved", List.of(), now.minus(1, ChronoUnit.HOURS),
                now.plus(1, ChronoUnit.DAYS));
        String otherCategory = content.approved(club.id(), "culture");
        String slug = content.playlist(Map.of("slug", fixtures.unique("klub"), "name", "Klub",
                "items", List.of(draftItem, item), "rule", Map.of("categories", List.of("youth"), "institutions", List.of(club.slug()))));

        Api.Response selection = fixtures.signedIn(Role.VIEWER).get("/api/v1/playlists/" + slug + "/selection");

        assertThat(selection.status()).isEqualTo(200);
        assertThat(selection.body()).containsEntry("playlist", slug);
        assertThat(Instant.parse((String) selection.body().get("at"))).isBetween(now, Instant.now());
        assertThat(selection.items()).extracting(i -> i.get("slug") + ":" + i.get("source"))
                .containsExactly(item + ":item", current + ":rule");
        assertThat(selection.items().get(1)).containsEntry("position", 2).containsEntry("title", "Title of " + current)
                .containsEntry("category", "youth").containsEntry("language", "da").containsEntry("durationSeconds", 10);
        assertThat(List.of(expired, future, otherCategory)).doesNotContainAnyElementsOf(
                selection.items().stream().map(i -> (String) i.get("slug")).toList());
    }

    @Test
    void lists_filter_by_institution_sort_and_refuse_unknown_parameters() {
        ContentFixtures.Institution theatre = content.institution("Musikteatret");
        for (String name : List.of("Charlie", "Alpha", "Bravo")) {
            content.playlist(Map.of("slug", fixtures.unique(name.toLowerCase()), "name", name, "institution", theatre.slug()));
        }
        content.playlist();
        Api viewer = fixtures.signedIn(Role.VIEWER);

        Api.Response page = viewer.get("/api/v1/playlists?institution=" + theatre.slug() + "&sort=name,desc&size=2");
        Api.Response unknownFilter = viewer.get("/api/v1/playlists?category=youth");
        Api.Response unknownInstitution = viewer.get("/api/v1/playlists?institution=nowhere");
        Api.Response badSort = viewer.get("/api/v1/playlists?sort=rule_tags");

        assertThat(page.items()).extracting(i -> i.get("name")).containsExactly("Charlie", "Bravo");
        assertThat(page.body()).containsEntry("total", 3);
        assertThat(unknownFilter.status()).isEqualTo(400);
        assertThat(unknownFilter.errorFields()).containsExactly("category");
        assertThat(unknownInstitution.status()).isEqualTo(400);
        assertThat(unknownInstitution.errorFields()).containsExactly("institution");
        assertThat(badSort.errorFields()).containsExactly("sort");
    }

    @Test
    void without_a_token_the_api_answers_401() {
        assertThat(fixtures.anonymous().get("/api/v1/playlists").status()).isEqualTo(401);
    }
}
