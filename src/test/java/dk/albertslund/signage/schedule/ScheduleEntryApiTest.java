package dk.albertslund.signage.schedule;

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

import java.sql.Date;
import java.sql.Time;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScheduleEntryApiTest implements PostgresTest {

    private static final Staff CONTENT_PACK = new Staff(0, "content-pack", EnumSet.of(Role.ADMIN), Set.of());

    @Inject
    Fixtures fixtures;
    @Inject
    ContentFixtures content;
    @Inject
    ScheduleEntryService entries;

    private String group() {
        String slug = fixtures.unique("station");
        assertThat(content.admin().post("/api/v1/screen-groups", Map.of("slug", slug, "name", "Station")).status()).isEqualTo(201);
        return slug;
    }

    private String screen() {
        String slug = fixtures.unique("foyer");
        assertThat(content.admin().post("/api/v1/screens", Map.of("slug", slug, "name", "Foyer")).status()).isEqualTo(201);
        return slug;
    }

    /** A valid entry for every screen, weekday afternoons; tests change what they are about. */
    private Map<String, Object> entry(String playlist) {
        Map<String, Object> body = new HashMap<>();
        body.put("slug", fixtures.unique("entry"));
        body.put("playlist", playlist);
        body.put("targetKind", "all");
        body.put("days", List.of("MON", "TUE", "WED", "THU", "FRI"));
        body.put("startTime", "14:00");
        body.put("endTime", "17:00");
        return body;
    }

    private Map<String, Object> entry(String playlist, Map<String, Object> changes) {
        Map<String, Object> body = entry(playlist);
        body.putAll(changes);
        return body;
    }

    @Test
    void an_editor_schedules_their_playlist_on_a_group_overnight_and_every_staff_member_reads_it() {
        ContentFixtures.Institution club = content.institution("Ungdomsklubberne");
        String playlist = content.playlistOf(club);
        String station = group();
        String slug = fixtures.unique("weekend-nat");

        Api.Response created = fixtures.signedIn(Role.EDITOR, club.id()).post("/api/v1/schedule-entries", Map.of(
                "slug", slug, "playlist", playlist, "targetKind", "group", "target", station,
                "days", List.of("SAT", "fri"), "startTime", "22:00", "endTime", "02:00", "priority", 15));
        Api.Response read = fixtures.signedIn(Role.VIEWER).get("/api/v1/schedule-entries/" + slug);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().get("Location")).isEqualTo("/api/v1/schedule-entries/" + slug);
        Map<String, Object> expected = new HashMap<>(Map.of("slug", slug, "playlist", playlist, "targetKind", "group",
                "target", station, "days", List.of("FRI", "SAT"), "startTime", "22:00", "endTime", "02:00", "priority", 15,
                "kind", "normal"));
        expected.put("startDate", null);
        expected.put("endDate", null);
        expected.put("rrule", null);
        expected.put("id", created.body().get("id"));
        // made without a name, as scripts from before names were: named after what it shows, and where
        expected.put("name", "Playlist " + playlist + " – Station");
        assertThat(read.body()).isEqualTo(expected);
        assertThat(fixtures.rows("SELECT days_of_week::text AS days, start_time, end_time FROM schedule_entry WHERE slug = ?", slug))
                .containsExactly(Map.of("days", "{FRI,SAT}", "start_time", Time.valueOf("22:00:00"), "end_time", Time.valueOf("02:00:00")));
    }

    @Test
    void a_monthly_rrule_anchored_on_its_start_date_is_stored_as_written() {
        String playlist = content.playlist();
        String slug = fixtures.unique("musikskole-foerste-mandag");
        String schools = group();

        Api.Response created = content.admin().post("/api/v1/schedule-entries", Map.of("slug", slug, "playlist", playlist,
                "targetKind", "group", "target", schools, "startDate", "2026-12-01", "rrule", "FREQ=MONTHLY;BYDAY=1MO",
                "startTime", "11:30", "endTime", "13:00", "priority", 10));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).containsEntry("rrule", "FREQ=MONTHLY;BYDAY=1MO").containsEntry("startDate", "2026-12-01")
                .containsEntry("days", List.of());
        assertThat(fixtures.rows("SELECT rrule, start_date FROM schedule_entry WHERE slug = ?", slug))
                .containsExactly(Map.of("rrule", "FREQ=MONTHLY;BYDAY=1MO", "start_date", Date.valueOf("2026-12-01")));
    }

    @Test
    void bad_input_names_every_field_that_is_wrong() {
        Map<String, Object> body = new HashMap<>();
        body.put("slug", "Bad Slug");
        body.put("playlist", "no-such-playlist");
        body.put("targetKind", "everywhere");
        body.put("days", List.of("MON", "FUNDAY"));
        body.put("startTime", "25:00");
        body.put("priority", 2000);
        body.put("kind", "urgent");

        Api.Response response = content.admin().post("/api/v1/schedule-entries", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("slug", "playlist", "targetKind", "days", "startTime", "endTime",
                "priority", "kind");
        assertThat(response.text()).contains("no playlist 'no-such-playlist'", "'FUNDAY' is not a day",
                "must be between -1000 and 1000");
    }

    @Test
    void fields_the_api_does_not_know_are_refused_by_name_with_the_name_meant() {
        String playlist = content.playlistOf(content.institution("Biblioteket"));

        Api.Response snakeCase = content.admin().post("/api/v1/schedule-entries", entry(playlist, Map.of("start_date", "2026-12-01")));
        Api.Response misspelt = content.admin().post("/api/v1/schedule-entries", entry(playlist, Map.of("prio", 5)));
        Api.Response nothingClose = content.admin().post("/api/v1/schedule-entries", entry(playlist, Map.of("colour", "red")));
        Api.Response mondays = content.admin().post("/api/v1/schedule-entries", entry(playlist, Map.of("days", List.of("MO", "WE"))));

        assertThat(snakeCase.status()).isEqualTo(400);
        assertThat(snakeCase.errorFields()).containsExactly("start_date");
        assertThat(snakeCase.errorMessage("start_date")).isEqualTo("is not a field here; did you mean 'startDate'?");
        assertThat(misspelt.status()).isEqualTo(400);
        assertThat(misspelt.errorMessage("prio")).isEqualTo("is not a field here; did you mean 'priority'?");
        assertThat(nothingClose.status()).isEqualTo(400);
        assertThat(nothingClose.errorMessage("colour")).startsWith("is not a field here; the fields are ");
        assertThat(mondays.status()).isEqualTo(201);
        assertThat(mondays.body().get("days")).isEqualTo(List.of("MON", "WED"));
        assertThat(content.admin().get("/api/v1/schedule-entries?playlist=" + playlist).items())
                .as("nothing was stored by the refused ones").hasSize(1);
    }

    @Test
    void an_unreadable_rrule_is_refused_with_a_clear_message() {
        String playlist = content.playlist();

        Api.Response response = content.admin().post("/api/v1/schedule-entries", entry(playlist,
                Map.of("days", List.of(), "startDate", "2026-12-01", "rrule", "FREQ=SOMETIMES")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("errors")).isEqualTo(List.of(Map.of("field", "rrule", "message",
                "is not a valid RFC 5545 RRULE: FREQ=SOMETIMES is not a frequency; use DAILY, WEEKLY, MONTHLY or YEARLY")));
    }

    @Test
    void time_rules_that_contradict_themselves_or_never_occur_are_refused() {
        String playlist = content.playlist();
        Api admin = content.admin();

        Api.Response both = admin.post("/api/v1/schedule-entries", entry(playlist,
                Map.of("startDate", "2026-12-01", "rrule", "FREQ=WEEKLY")));
        Api.Response reversed = admin.post("/api/v1/schedule-entries", entry(playlist,
                Map.of("startDate", "2027-03-01", "endDate", "2027-02-15")));
        Api.Response weekendInAWorkingWeek = admin.post("/api/v1/schedule-entries", entry(playlist,
                Map.of("startDate", "2027-02-15", "endDate", "2027-02-19", "days", List.of("SAT", "SUN"))));
        Api.Response noFirstMonday = admin.post("/api/v1/schedule-entries", entry(playlist,
                Map.of("days", List.of(), "startDate", "2026-12-08", "endDate", "2026-12-31", "rrule", "FREQ=MONTHLY;BYDAY=1MO")));

        assertThat(both.errorFields()).containsExactly("rrule");
        assertThat(reversed.errorFields()).containsExactly("endDate");
        assertThat(weekendInAWorkingWeek.errorFields()).containsExactly("days");
        assertThat(noFirstMonday.errorFields()).containsExactly("rrule");
        assertThat(noFirstMonday.text()).contains("has no occurrence between startDate 2026-12-08 and endDate 2026-12-31");
        assertThat(fixtures.rows("SELECT count(*) AS n FROM schedule_entry e JOIN playlist p ON p.id = e.playlist_id WHERE p.slug = ?",
                playlist)).containsExactly(Map.of("n", 0L));
    }

    @Test
    void the_target_must_match_its_kind() {
        String playlist = content.playlist();
        Api admin = content.admin();

        Api.Response screenWithout = admin.post("/api/v1/schedule-entries", entry(playlist, Map.of("targetKind", "screen")));
        Api.Response unknownGroup = admin.post("/api/v1/schedule-entries",
                entry(playlist, Map.of("targetKind", "group", "target", "nowhere")));
        Api.Response allWithTarget = admin.post("/api/v1/schedule-entries", entry(playlist, Map.of("target", screen())));
        Api.Response onScreen = admin.post("/api/v1/schedule-entries",
                entry(playlist, Map.of("targetKind", "screen", "target", screen())));

        assertThat(screenWithout.body().get("errors")).isEqualTo(List.of(
                Map.of("field", "target", "message", "is required: the slug of the screen")));
        assertThat(unknownGroup.body().get("errors")).isEqualTo(List.of(
                Map.of("field", "target", "message", "no screen group 'nowhere'")));
        assertThat(allWithTarget.errorFields()).containsExactly("target");
        assertThat(onScreen.status()).isEqualTo(201);
    }

    @Test
    void an_editor_may_schedule_their_own_playlist_but_not_as_an_emergency() {
        ContentFixtures.Institution library = content.institution("Bibliotek");
        String playlist = content.playlistOf(library);
        Api editor = fixtures.signedIn(Role.EDITOR, library.id());

        Api.Response normal = editor.post("/api/v1/schedule-entries", entry(playlist));
        Api.Response emergency = editor.post("/api/v1/schedule-entries", entry(playlist, Map.of("kind", "emergency")));

        assertThat(normal.status()).isEqualTo(201);
        assertThat(emergency.status()).isEqualTo(403);
        assertThat(emergency.body()).containsEntry("detail", "Only approvers and administrators may schedule emergency entries.");
    }

    @Test
    void an_approver_schedules_an_emergency_and_editors_may_then_not_touch_it() {
        ContentFixtures.Institution kommune = content.institution("Albertslund Kommune");
        String playlist = content.playlistOf(kommune);
        Map<String, Object> body = entry(playlist, Map.of("kind", "emergency", "priority", 1000,
                "days", List.of(), "startTime", "00:00", "endTime", "00:00"));

        Api.Response created = fixtures.signedIn(Role.APPROVER).post("/api/v1/schedule-entries", body);
        Api.Response editorDowngrades = fixtures.signedIn(Role.EDITOR, kommune.id())
                .put("/api/v1/schedule-entries/" + body.get("slug"), entry(playlist, Map.of("slug", body.get("slug"))));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).containsEntry("kind", "emergency").containsEntry("priority", 1000);
        assertThat(editorDowngrades.status()).isEqualTo(403);
        assertThat(fixtures.rows("SELECT kind FROM schedule_entry WHERE slug = ?", body.get("slug")))
                .containsExactly(Map.of("kind", "emergency"));
    }

    @Test
    void an_editor_may_not_schedule_another_institutions_playlist_and_a_viewer_nothing() {
        ContentFixtures.Institution a = content.institution("Gymnasiet");
        ContentFixtures.Institution b = content.institution("Musikteatret");
        String bPlaylist = content.playlistOf(b);

        Api.Response editorOfA = fixtures.signedIn(Role.EDITOR, a.id()).post("/api/v1/schedule-entries", entry(bPlaylist));
        Api.Response campusWide = fixtures.signedIn(Role.EDITOR, a.id()).post("/api/v1/schedule-entries", entry(content.playlist()));
        Api.Response viewer = fixtures.signedIn(Role.VIEWER).post("/api/v1/schedule-entries", entry(bPlaylist));

        assertThat(editorOfA.status()).isEqualTo(403);
        assertThat(editorOfA.body()).containsEntry("detail", "Only editors of " + b.name() + " may schedule its playlists.");
        assertThat(campusWide.body()).containsEntry("detail",
                "Only administrators may schedule playlists that belong to no institution.");
        assertThat(viewer.status()).isEqualTo(403);
        assertThat(viewer.body()).containsEntry("detail", "Only editors, approvers and administrators may schedule playlists.");
    }

    @Test
    void duplicate_slugs_are_conflicts_and_unknown_slugs_404() {
        String playlist = content.playlist();
        Map<String, Object> body = entry(playlist);
        content.admin().post("/api/v1/schedule-entries", body);

        Api.Response again = content.admin().post("/api/v1/schedule-entries", body);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).containsEntry("detail", "A schedule entry with the slug '" + body.get("slug") + "' already exists.");
        assertThat(content.admin().get("/api/v1/schedule-entries/nothing").body())
                .containsEntry("status", 404).containsEntry("detail", "No schedule entry 'nothing'.");
        assertThat(content.admin().put("/api/v1/schedule-entries/nothing", body).status()).isEqualTo(404);
        assertThat(content.admin().delete("/api/v1/schedule-entries/nothing").status()).isEqualTo(404);
    }

    @Test
    void put_replaces_the_entry_and_deleting_it_is_audited() {
        String playlist = content.playlist();
        Map<String, Object> body = entry(playlist);
        String slug = (String) body.get("slug");
        content.admin().post("/api/v1/schedule-entries", body);

        Api.Response updated = content.admin().put("/api/v1/schedule-entries/" + slug, Map.of("playlist", playlist,
                "targetKind", "all", "startDate", "2026-12-01", "endDate", "2026-12-31", "startTime", "10:00", "endTime", "18:00",
                "priority", 3));
        Api.Response deleted = content.admin().delete("/api/v1/schedule-entries/" + slug);

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body()).containsEntry("days", List.of()).containsEntry("startDate", "2026-12-01")
                .containsEntry("endDate", "2026-12-31").containsEntry("startTime", "10:00").containsEntry("priority", 3);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(fixtures.rows("""
                SELECT action, coalesce(after_json, before_json)->>'startTime' AS start FROM audit_log
                WHERE entity_type = 'schedule_entry' AND coalesce(after_json, before_json)->>'slug' = ? ORDER BY id""", slug))
                .containsExactly(Map.of("action", "create", "start", "14:00"), Map.of("action", "update", "start", "10:00"),
                        Map.of("action", "delete", "start", "10:00"));
    }

    @Test
    void the_content_pack_importer_saving_an_unchanged_entry_writes_nothing() {
        String playlist = content.playlist();
        String slug = fixtures.unique("jul-2026");
        ScheduleEntryService.Command command = new ScheduleEntryService.Command(slug, playlist, "all", null, "2026-12-01",
                "2026-12-31", null, null, "10:00", "18:00", 3, null);
        ScheduleEntryService.View created = entries.create(CONTENT_PACK, command);

        ScheduleEntryService.View again = entries.update(CONTENT_PACK, slug, command);
        ScheduleEntryService.View withDays = entries.update(CONTENT_PACK, slug, new ScheduleEntryService.Command(slug, playlist,
                "all", null, "2026-12-01", "2026-12-31", List.of("sat", "SUN"), null, "10:00", "18:00", 3, null));
        ScheduleEntryService.View withDaysAgain = entries.update(CONTENT_PACK, slug, new ScheduleEntryService.Command(slug, playlist,
                "all", null, "2026-12-01", "2026-12-31", List.of("SUN", "SAT"), null, "10:00", "18:00", 3, "normal"));

        assertThat(again).isEqualTo(created);
        assertThat(withDaysAgain).isEqualTo(withDays);
        assertThat(entries.find(slug)).contains(withDays);
        assertThat(entries.find("nothing")).isEmpty();
        assertThat(fixtures.rows("SELECT actor, action FROM audit_log WHERE entity_type = 'schedule_entry' AND entity_id = ? ORDER BY id",
                created.id())).containsExactly(Map.of("actor", "content-pack", "action", "create"),
                Map.of("actor", "content-pack", "action", "update"));
    }

    @Test
    void deleting_a_playlist_screen_or_group_that_entries_use_is_refused_naming_the_entries() {
        String playlist = content.playlist();
        String screen = screen();
        String group = group();
        Map<String, Object> onScreen = entry(playlist, Map.of("slug", fixtures.unique("a-on-screen"), "targetKind", "screen", "target", screen));
        Map<String, Object> onGroup = entry(playlist, Map.of("slug", fixtures.unique("b-on-group"), "targetKind", "group", "target", group));
        content.admin().post("/api/v1/schedule-entries", onScreen);
        content.admin().post("/api/v1/schedule-entries", onGroup);

        Api.Response playlistDeleted = content.admin().delete("/api/v1/playlists/" + playlist);
        Api.Response screenDeleted = content.admin().delete("/api/v1/screens/" + screen);
        Api.Response groupDeleted = content.admin().delete("/api/v1/screen-groups/" + group);

        assertThat(playlistDeleted.status()).isEqualTo(409);
        assertThat(playlistDeleted.body()).containsEntry("detail", "The playlist '" + playlist + "' is still in use: schedule entries '"
                + onScreen.get("slug") + "', '" + onGroup.get("slug") + "'. Change or delete those first.");
        assertThat(screenDeleted.status()).isEqualTo(409);
        assertThat(screenDeleted.body()).containsEntry("detail", "The screen '" + screen + "' is still in use: schedule entry '"
                + onScreen.get("slug") + "'. Change or delete those first.");
        assertThat(groupDeleted.status()).isEqualTo(409);
        assertThat(groupDeleted.body()).containsEntry("detail", "The screen group '" + group + "' is still in use: schedule entry '"
                + onGroup.get("slug") + "'. Change or delete those first.");
        assertThat(fixtures.rows("SELECT count(*) AS n FROM schedule_entry WHERE slug IN (?, ?)", onScreen.get("slug"), onGroup.get("slug")))
                .containsExactly(Map.of("n", 2L));
    }

    @Test
    void lists_filter_by_playlist_and_kind_and_refuse_unknown_parameters() {
        String playlist = content.playlist();
        String other = content.playlist();
        Map<String, Object> low = entry(playlist, Map.of("priority", 1));
        Map<String, Object> high = entry(playlist, Map.of("priority", 9));
        content.admin().post("/api/v1/schedule-entries", low);
        content.admin().post("/api/v1/schedule-entries", high);
        content.admin().post("/api/v1/schedule-entries", entry(other, Map.of("kind", "emergency")));
        Api viewer = fixtures.signedIn(Role.VIEWER);

        Api.Response byPlaylist = viewer.get("/api/v1/schedule-entries?playlist=" + playlist + "&sort=priority,desc");
        Api.Response emergencies = viewer.get("/api/v1/schedule-entries?kind=emergency&playlist=" + other);
        Api.Response unknownFilter = viewer.get("/api/v1/schedule-entries?screen=foyer");
        Api.Response badKind = viewer.get("/api/v1/schedule-entries?kind=urgent");
        Api.Response unknownPlaylist = viewer.get("/api/v1/schedule-entries?playlist=nothing");

        assertThat(byPlaylist.items()).extracting(i -> i.get("slug")).containsExactly(high.get("slug"), low.get("slug"));
        assertThat(emergencies.items()).extracting(i -> i.get("kind")).containsExactly("emergency");
        assertThat(unknownFilter.status()).isEqualTo(400);
        assertThat(unknownFilter.errorFields()).containsExactly("screen");
        assertThat(badKind.errorFields()).containsExactly("kind");
        assertThat(unknownPlaylist.errorFields()).containsExactly("playlist");
    }

    @Test
    void an_entry_sent_without_name_or_slug_is_named_after_its_playlist_and_addressed_by_that_name() {
        String playlist = content.playlist();
        Map<String, Object> body = entry(playlist);
        body.remove("slug");

        Api.Response first = content.admin().post("/api/v1/schedule-entries", body);
        Api.Response second = content.admin().post("/api/v1/schedule-entries", body);

        String name = "Playlist " + playlist + " – Alle skærme";
        String slug = Slugs.fromName(name, "entry");
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(first.body()).containsEntry("name", name).containsEntry("slug", slug);
        assertThat(first.headers().get("Location")).isEqualTo("/api/v1/schedule-entries/" + slug);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body()).containsEntry("name", name).containsEntry("slug", slug + "-2");
    }

    @Test
    void a_name_without_a_slug_gives_the_address_and_a_put_without_a_name_keeps_it() {
        String playlist = content.playlist();
        String screen = screen();
        String name = "Åbent hus på EUD " + fixtures.unique("nr");
        Map<String, Object> body = entry(playlist, Map.of("name", "  " + name + " ", "targetKind", "screen", "target", screen));
        body.remove("slug");

        Api.Response created = content.admin().post("/api/v1/schedule-entries", body);
        String slug = (String) created.body().get("slug");
        Map<String, Object> changed = entry(playlist, Map.of("slug", slug, "targetKind", "screen", "target", screen, "priority", 7));
        Api.Response put = content.admin().put("/api/v1/schedule-entries/" + slug, changed);

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.body()).containsEntry("name", name);
        assertThat(slug).startsWith("aabent-hus-paa-eud-nr-");
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        assertThat(put.body()).containsEntry("name", name).containsEntry("priority", 7);
    }

    @Test
    void a_name_that_is_blank_or_too_long_is_refused() {
        String playlist = content.playlist();

        Api.Response blank = content.admin().post("/api/v1/schedule-entries", entry(playlist, Map.of("name", " ")));
        Api.Response tooLong = content.admin().post("/api/v1/schedule-entries", entry(playlist, Map.of("name", "x".repeat(121))));
        Api.Response longest = content.admin().post("/api/v1/schedule-entries", entry(playlist, Map.of("name", "x".repeat(120))));

        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.errorFields()).containsExactly("name");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.errorFields()).containsExactly("name");
        assertThat(longest.status()).isEqualTo(201);
    }

    @Test
    void the_slug_is_made_from_a_name_as_danes_write_addresses() {
        assertThat(Slugs.fromName("Uddannelse om morgenen på stationen", "entry")).isEqualTo("uddannelse-om-morgenen-paa-stationen");
        assertThat(Slugs.fromName("Æbler & Ørreder – Café Ålen", "entry")).isEqualTo("aebler-oerreder-cafe-aalen");
        assertThat(Slugs.fromName(" – ", "entry")).isEqualTo("entry");
        assertThat(Slugs.fromName("a ".repeat(50), "entry")).hasSizeLessThanOrEqualTo(60).doesNotEndWith("-");
    }
}
