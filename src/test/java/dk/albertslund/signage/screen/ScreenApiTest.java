package dk.albertslund.signage.screen;

import dk.albertslund.signage.core.Slugs;
import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.staff.Staff;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScreenApiTest implements PostgresTest {

    private static final Staff CONTENT_PACK = new Staff(0, "content-pack", EnumSet.of(Role.ADMIN), Set.of());

    @Inject
    Fixtures fixtures;
    @Inject
    ContentFixtures content;
    @Inject
    ScreenService screens;
    @Inject
    ScreenGroupService groups;

    private String group(String defaultPlaylist) {
        String slug = fixtures.unique("station");
        Map<String, Object> body = new HashMap<>(Map.of("slug", slug, "name", "Albertslund Station"));
        if (defaultPlaylist != null) {
            body.put("defaultPlaylist", defaultPlaylist);
        }
        Api.Response created = content.admin().post("/api/v1/screen-groups", body);
        assertThat(created.status()).isEqualTo(201);
        return slug;
    }

    private String screen(String orientation, String... groupSlugs) {
        String slug = fixtures.unique("screen");
        Api.Response created = content.admin().post("/api/v1/screens", Map.of("slug", slug, "name", "Screen " + slug,
                "orientation", orientation, "groups", List.of(groupSlugs)));
        assertThat(created.status()).isEqualTo(201);
        return slug;
    }

    @Test
    void an_admin_creates_a_group_and_a_screen_in_it_and_every_staff_member_reads_them() {
        String standard = content.playlist();
        String ungehjoerne = content.playlist();
        String library = fixtures.unique("library");
        String slug = fixtures.unique("bibliotek-indgang");
        Api admin = content.admin();

        Api.Response group = admin.post("/api/v1/screen-groups",
                Map.of("slug", library, "name", "Albertslund Bibliotek", "defaultPlaylist", standard));
        Api.Response screen = admin.post("/api/v1/screens", Map.of("slug", slug, "name", "Bibliotekets indgang",
                "location", "Albertslund Bibliotek, indgangen fra Centrum", "orientation", "portrait", "width", 1080, "height", 1920,
                "layout", "main-side-ticker", "languages", List.of("da", "en"), "groups", List.of(library),
                "defaultPlaylist", ungehjoerne));
        Api viewer = fixtures.signedIn(Role.VIEWER);

        assertThat(group.status()).isEqualTo(201);
        assertThat(group.headers().get("Location")).isEqualTo("/api/v1/screen-groups/" + library);
        assertThat(screen.status()).isEqualTo(201);
        assertThat(screen.headers().get("Location")).isEqualTo("/api/v1/screens/" + slug);
        assertThat(viewer.get("/api/v1/screen-groups/" + library).body())
                .containsEntry("name", "Albertslund Bibliotek").containsEntry("defaultPlaylist", standard);
        assertThat(viewer.get("/api/v1/screens/" + slug).body())
                .containsEntry("name", "Bibliotekets indgang")
                .containsEntry("location", "Albertslund Bibliotek, indgangen fra Centrum")
                .containsEntry("orientation", "portrait").containsEntry("width", 1080).containsEntry("height", 1920)
                .containsEntry("layout", "main-side-ticker").containsEntry("languages", List.of("da", "en"))
                .containsEntry("groups", List.of(library)).containsEntry("defaultPlaylist", ungehjoerne);
    }

    @Test
    void a_screen_without_size_layout_or_languages_gets_the_usual_ones_for_its_orientation() {
        String slug = fixtures.unique("underfoering");

        Api.Response created = content.admin().post("/api/v1/screens",
                Map.of("slug", slug, "name", "Stationens underføring", "orientation", "portrait"));

        assertThat(created.body()).containsEntry("width", 1080).containsEntry("height", 1920).containsEntry("layout", "full")
                .containsEntry("languages", List.of("da")).containsEntry("groups", List.of())
                .containsEntry("location", "").containsEntry("defaultPlaylist", null);
    }

    @Test
    void bad_screen_input_names_every_field_that_is_wrong() {
        Map<String, Object> body = new HashMap<>();
        body.put("slug", "Not A Slug");
        body.put("orientation", "diagonal");
        body.put("width", 0);
        body.put("height", 10_001);
        body.put("layout", "split");
        body.put("languages", List.of());
        body.put("groups", List.of("no-such-group"));
        body.put("defaultPlaylist", "no-such-playlist");

        Api.Response response = content.admin().post("/api/v1/screens", body);
        Api.Response french = content.admin().post("/api/v1/screens",
                Map.of("slug", fixtures.unique("fr"), "name", "Fransk", "languages", List.of("da", "fr")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly(
                "slug", "name", "orientation", "width", "height", "layout", "languages", "groups", "defaultPlaylist");
        assertThat(response.text()).contains("unknown screen groups: 'no-such-group'", "no playlist 'no-such-playlist'",
                "must be between 1 and 10000 pixels");
        assertThat(french.errorFields()).containsExactly("languages");
    }

    @Test
    void bad_group_input_names_every_field_that_is_wrong() {
        Api.Response response = content.admin().post("/api/v1/screen-groups",
                Map.of("slug", "-bad-", "name", " ", "defaultPlaylist", "no-such-playlist"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("slug", "name", "defaultPlaylist");
    }

    @Test
    void only_admins_change_screens_and_groups() {
        ContentFixtures.Institution library = content.institution("Bibliotek");
        String existing = screen("landscape");

        Api.Response editorCreates = fixtures.signedIn(Role.EDITOR, library.id()).post("/api/v1/screens",
                Map.of("slug", fixtures.unique("s"), "name", "S"));
        Api.Response viewerCreatesGroup = fixtures.signedIn(Role.VIEWER).post("/api/v1/screen-groups",
                Map.of("slug", fixtures.unique("g"), "name", "G"));
        Api.Response approverDeletes = fixtures.signedIn(Role.APPROVER).delete("/api/v1/screens/" + existing);

        assertThat(editorCreates.status()).isEqualTo(403);
        assertThat(editorCreates.body()).containsEntry("detail", "Only administrators may change screens.");
        assertThat(viewerCreatesGroup.status()).isEqualTo(403);
        assertThat(viewerCreatesGroup.body()).containsEntry("detail", "Only administrators may change screen groups.");
        assertThat(approverDeletes.status()).isEqualTo(403);
        assertThat(fixtures.rows("SELECT slug FROM screen WHERE slug = ?", existing)).hasSize(1);
    }

    @Test
    void a_screen_or_group_created_without_a_slug_gets_one_from_its_name() {
        String name = "Rådhuset, foyer " + fixtures.unique("");
        String expected = Slugs.fromName(name, "screen");
        Api admin = content.admin();

        Api.Response screen = admin.post("/api/v1/screens", Map.of("name", name));
        Api.Response screenAgain = admin.post("/api/v1/screens", Map.of("name", name));
        Api.Response group = admin.post("/api/v1/screen-groups", Map.of("name", name));
        Api.Response groupAgain = admin.post("/api/v1/screen-groups", Map.of("name", name));

        assertThat(screen.status()).isEqualTo(201);
        assertThat(screen.body()).containsEntry("slug", expected);
        assertThat(screen.headers().get("Location")).isEqualTo("/api/v1/screens/" + expected);
        assertThat(screenAgain.body()).containsEntry("slug", expected + "-2");
        assertThat(group.status()).isEqualTo(201);
        assertThat(group.body()).containsEntry("slug", expected);
        assertThat(groupAgain.body()).containsEntry("slug", expected + "-2");
    }

    @Test
    void duplicate_slugs_are_conflicts_and_unknown_slugs_404() {
        String screen = screen("landscape");
        String group = group(null);
        Api admin = content.admin();

        Api.Response screenAgain = admin.post("/api/v1/screens", Map.of("slug", screen, "name", "Again"));
        Api.Response groupAgain = admin.post("/api/v1/screen-groups", Map.of("slug", group, "name", "Again"));
        Api.Response renamedOntoOther = admin.put("/api/v1/screens/" + screen("portrait"), Map.of("slug", screen, "name", "X"));

        assertThat(screenAgain.status()).isEqualTo(409);
        assertThat(screenAgain.body()).containsEntry("detail", "A screen with the slug '" + screen + "' already exists.");
        assertThat(groupAgain.body()).containsEntry("detail", "A screen group with the slug '" + group + "' already exists.");
        assertThat(renamedOntoOther.status()).isEqualTo(409);
        assertThat(admin.get("/api/v1/screens/nowhere").body()).containsEntry("status", 404).containsEntry("detail", "No screen 'nowhere'.");
        assertThat(admin.get("/api/v1/screen-groups/nowhere").body()).containsEntry("detail", "No screen group 'nowhere'.");
        assertThat(admin.put("/api/v1/screens/nowhere", Map.of("name", "X")).status()).isEqualTo(404);
        assertThat(admin.delete("/api/v1/screen-groups/nowhere").status()).isEqualTo(404);
    }

    @Test
    void put_replaces_the_screen_so_left_out_groups_and_default_are_cleared_and_the_change_is_audited() {
        String station = group(null);
        String playlist = content.playlist();
        String slug = fixtures.unique("hal");
        content.admin().post("/api/v1/screens", Map.of("slug", slug, "name", "Stationshallen", "groups", List.of(station),
                "defaultPlaylist", playlist));

        Api.Response updated = content.admin().put("/api/v1/screens/" + slug, Map.of("name", "Billethallen"));

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body()).containsEntry("slug", slug).containsEntry("name", "Billethallen")
                .containsEntry("groups", List.of()).containsEntry("defaultPlaylist", null);
        assertThat(fixtures.rows("""
                SELECT before_json->>'defaultPlaylist' AS before, after_json->>'name' AS after FROM audit_log
                WHERE entity_type = 'screen' AND action = 'update' AND after_json->>'slug' = ?""", slug))
                .containsExactly(Map.of("before", playlist, "after", "Billethallen"));
    }

    @Test
    void the_content_pack_importer_saving_unchanged_screens_and_groups_writes_nothing() {
        String playlist = content.playlist();
        String groupSlug = fixtures.unique("schools");
        String screenSlug = fixtures.unique("kantine");
        ScreenGroupService.Command group = new ScreenGroupService.Command(groupSlug, "Uddannelsesstederne", playlist);
        ScreenService.Command screen = new ScreenService.Command(screenSlug, "Gymnasiets kantine", "Kantinen", "landscape",
                1920, 1080, "full", List.of("da"), List.of(groupSlug), null, null, null, null, null);
        ScreenGroupService.View createdGroup = groups.create(CONTENT_PACK, group);
        ScreenService.View createdScreen = screens.create(CONTENT_PACK, screen);

        ScreenGroupService.View groupAgain = groups.update(CONTENT_PACK, groupSlug, group);
        ScreenService.View screenAgain = screens.update(CONTENT_PACK, screenSlug, screen);

        assertThat(groupAgain).isEqualTo(createdGroup);
        assertThat(screenAgain).isEqualTo(createdScreen);
        assertThat(screens.find(screenSlug)).contains(createdScreen);
        assertThat(groups.find(groupSlug)).contains(createdGroup);
        assertThat(screens.find("nowhere")).isEmpty();
        assertThat(fixtures.rows("""
                SELECT entity_type, action FROM audit_log WHERE actor = 'content-pack' AND entity_type IN ('screen', 'screen_group')
                ORDER BY id""")).containsExactly(
                Map.of("entity_type", "screen_group", "action", "create"), Map.of("entity_type", "screen", "action", "create"));
    }

    @Test
    void deleting_a_group_with_screens_takes_only_the_memberships_with_it() {
        String library = group(null);
        String other = group(null);
        String screen = screen("landscape", library, other);

        Api.Response deleted = content.admin().delete("/api/v1/screen-groups/" + library);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(content.admin().get("/api/v1/screens/" + screen).body()).containsEntry("groups", List.of(other));
        assertThat(fixtures.rows("SELECT before_json->>'slug' AS slug FROM audit_log WHERE entity_type = 'screen_group' AND action = 'delete'"))
                .contains(Map.of("slug", library));
    }

    @Test
    void deleting_a_playlist_that_screens_or_groups_fall_back_to_is_refused_naming_them() {
        String playlist = content.playlist();
        String group = group(playlist);
        String screen = fixtures.unique("foyer");
        content.admin().post("/api/v1/screens", Map.of("slug", screen, "name", "Foyer", "defaultPlaylist", playlist));

        Api.Response deleted = content.admin().delete("/api/v1/playlists/" + playlist);

        assertThat(deleted.status()).isEqualTo(409);
        assertThat(deleted.body()).containsEntry("detail", "The playlist '" + playlist + "' is still in use: default playlist of screen '"
                + screen + "'; default playlist of screen group '" + group + "'. Change or delete those first.");
        assertThat(fixtures.rows("SELECT slug FROM playlist WHERE slug = ?", playlist)).hasSize(1);
    }

    @Test
    void screens_list_by_group_and_orientation_sorted_and_refuse_unknown_parameters() {
        String station = group(null);
        String portrait = screen("portrait", station);
        String landscape = screen("landscape", station);
        screen("portrait");
        String empty = group(null);
        Api viewer = fixtures.signedIn(Role.VIEWER);

        Api.Response inStation = viewer.get("/api/v1/screens?group=" + station + "&sort=slug,desc");
        Api.Response portraitInStation = viewer.get("/api/v1/screens?group=" + station + "&orientation=portrait");
        Api.Response none = viewer.get("/api/v1/screens?group=" + empty);
        Api.Response unknownFilter = viewer.get("/api/v1/screens?location=hal");
        Api.Response unknownGroup = viewer.get("/api/v1/screens?group=nowhere");
        Api.Response badOrientation = viewer.get("/api/v1/screens?orientation=round");
        Api.Response badSort = viewer.get("/api/v1/screens?sort=width_px");
        Api.Response groupsByName = viewer.get("/api/v1/screen-groups?sort=slug&size=1");

        assertThat(inStation.items()).extracting(i -> i.get("slug")).containsExactly(landscape, portrait);
        assertThat(portraitInStation.items()).extracting(i -> i.get("slug")).containsExactly(portrait);
        assertThat(none.body()).containsEntry("total", 0);
        assertThat(unknownFilter.status()).isEqualTo(400);
        assertThat(unknownFilter.errorFields()).containsExactly("location");
        assertThat(unknownGroup.errorFields()).containsExactly("group");
        assertThat(badOrientation.errorFields()).containsExactly("orientation");
        assertThat(badSort.errorFields()).containsExactly("sort");
        assertThat(groupsByName.items()).hasSize(1);
        assertThat(viewer.get("/api/v1/screen-groups?orientation=portrait").errorFields()).containsExactly("orientation");
    }
}
