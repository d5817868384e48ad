package dk.albertslund.signage.schedule;

import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScreenScheduleApiTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    ContentFixtures content;
    @Inject
    ScheduleSnapshots snapshots;

    /** A library screen in a group with a default playlist, a morning entry for the group and an all-day one for the screen. */
    private record Library(String screen, String groupDefault, String morning, String allDay, String morningEntry,
                           String allDayEntry, String morningSlide) {
    }

    private Library library() {
        ContentFixtures.Institution bibliotek = content.institution("Albertslund Bibliotek");
        String morningSlide = content.approved(bibliotek.id(), "culture");
        String allDaySlide = content.approved(bibliotek.id(), "practical");
        String groupSlide = content.approved(bibliotek.id(), "education");
        String morning = playlistOf(morningSlide);
        String allDay = playlistOf(allDaySlide);
        String groupDefault = playlistOf(groupSlide);
        String group = fixtures.unique("bibliotekerne");
        assertThat(content.admin().post("/api/v1/screen-groups",
                Map.of("slug", group, "name", "Bibliotekerne", "defaultPlaylist", groupDefault)).status()).isEqualTo(201);
        String screen = fixtures.unique("bibliotek-indgang");
        assertThat(content.admin().post("/api/v1/screens", Map.of("slug", screen, "name", "Indgangen", "languages", List.of("da", "en"),
                "groups", List.of(group))).status()).isEqualTo(201);
        String morningEntry = entry(morning, Map.of("targetKind", "group", "target", group,
                "days", List.of("MON", "TUE", "WED", "THU", "FRI"), "startTime", "07:00", "endTime", "10:00", "priority", 10));
        String allDayEntry = entry(allDay, Map.of("targetKind", "screen", "target", screen,
                "startTime", "06:00", "endTime", "22:00", "priority", 5));
        return new Library(screen, groupDefault, morning, allDay, morningEntry, allDayEntry, morningSlide);
    }

    private String playlistOf(String announcement) {
        String slug = fixtures.unique("playlist");
        return content.playlist(Map.of("slug", slug, "name", "Playlist " + slug, "items", List.of(announcement)));
    }

    private String entry(String playlist, Map<String, Object> fields) {
        String slug = fixtures.unique("entry");
        Map<String, Object> body = new java.util.HashMap<>(fields);
        body.put("slug", slug);
        body.put("playlist", playlist);
        Api.Response created = content.admin().post("/api/v1/schedule-entries", body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return slug;
    }

    @Test
    @SuppressWarnings("unchecked")
    void now_says_what_plays_why_and_when_it_changes() {
        Library library = library();

        Api.Response now = fixtures.signedIn(Role.VIEWER).get("/api/v1/screens/" + library.screen() + "/now?at=2026-12-01T08:00:00%2B01:00");

        assertThat(now.status()).isEqualTo(200);
        assertThat(now.body()).containsEntry("screen", library.screen())
                .containsEntry("at", "2026-12-01T08:00:00+01:00")
                .containsEntry("playlists", List.of(library.morning()))
                .containsEntry("announcements", List.of(Map.of("slug", library.morningSlide(), "title", "Title of " + library.morningSlide(),
                        "language", "da")))
                .containsEntry("nextChange", "2026-12-01T10:00:00+01:00");
        assertThat((Map<String, Object>) now.body().get("reason")).isEqualTo(Map.of(
                "kind", "schedule",
                "winners", List.of(Map.of("entry", library.morningEntry(), "priority", 10, "rule", "MON–FRI 07:00–10:00")),
                "losers", List.of(Map.of("entry", library.allDayEntry(), "why", "lower priority (5 < 10)"))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_timeline_of_a_day_covers_it_with_the_group_default_outside_the_entries() {
        Library library = library();

        Api.Response timeline = fixtures.signedIn(Role.VIEWER).get("/api/v1/screens/" + library.screen()
                + "/timeline?from=2026-12-01T00:00:00%2B01:00&to=2026-12-02T00:00:00%2B01:00");

        assertThat(timeline.status()).isEqualTo(200);
        assertThat(timeline.body()).containsEntry("from", "2026-12-01T00:00:00+01:00").containsEntry("to", "2026-12-02T00:00:00+01:00");
        List<Map<String, Object>> segments = (List<Map<String, Object>>) timeline.body().get("segments");
        assertThat(segments).extracting(s -> s.get("start"), s -> s.get("end"), s -> s.get("playlists"),
                s -> ((Map<String, Object>) s.get("reason")).get("kind")).containsExactly(
                tuple("2026-12-01T00:00:00+01:00", "2026-12-01T06:00:00+01:00", List.of(library.groupDefault()), "group-default"),
                tuple("2026-12-01T06:00:00+01:00", "2026-12-01T07:00:00+01:00", List.of(library.allDay()), "schedule"),
                tuple("2026-12-01T07:00:00+01:00", "2026-12-01T10:00:00+01:00", List.of(library.morning()), "schedule"),
                tuple("2026-12-01T10:00:00+01:00", "2026-12-01T22:00:00+01:00", List.of(library.allDay()), "schedule"),
                tuple("2026-12-01T22:00:00+01:00", "2026-12-02T00:00:00+01:00", List.of(library.groupDefault()), "group-default"));
        assertThat(segments.get(0)).containsEntry("reason", Map.of("kind", "group-default", "winners", List.of(), "losers", List.of()));
    }

    @Test
    void a_plus_sign_left_unencoded_in_the_query_and_campus_wall_clock_time_are_understood() {
        Library library = library();
        Api viewer = fixtures.signedIn(Role.VIEWER);

        Api.Response rawPlus = viewer.get("/api/v1/screens/" + library.screen() + "/now?at=2026-12-01T08:00:00+01:00");
        Api.Response utc = viewer.get("/api/v1/screens/" + library.screen() + "/now?at=2026-12-01T07:00:00Z");
        Api.Response local = viewer.get("/api/v1/screens/" + library.screen() + "/now?at=2026-12-01T08:00");

        assertThat(List.of(rawPlus, utc, local)).extracting(r -> r.body().get("at"))
                .containsOnly("2026-12-01T08:00:00+01:00");
    }

    @Test
    void without_at_now_is_the_servers_current_time_in_the_campus_offset() {
        Library library = library();

        Api.Response now = fixtures.signedIn(Role.VIEWER).get("/api/v1/screens/" + library.screen() + "/now");

        Instant at = OffsetDateTime.parse((String) now.body().get("at")).toInstant();
        assertThat(now.status()).isEqualTo(200);
        assertThat(Duration.between(at, Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
    }

    @ParameterizedTest(name = "{0} → 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
            "timeline|from,to|is required: an ISO-8601 instant like 2026-12-01T07:00:00+01:00",
            "timeline?from=2026-12-01T00:00:00Z|to|is required: an ISO-8601 instant like 2026-12-01T07:00:00+01:00",
            "timeline?from=yesterday&to=2026-12-02T00:00:00Z|from|must be an ISO-8601 instant like 2026-12-01T07:00:00+01:00, not 'yesterday'",
            "timeline?from=2026-12-02T00:00:00Z&to=2026-12-02T00:00:00Z|to|must be after from (2026-12-02T01:00:00+01:00)",
            "timeline?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z|to|must be after from (2026-12-02T01:00:00+01:00)",
            "timeline?from=2026-12-01T00:00:00Z&to=2027-01-01T00:00:01Z|to|must be at most 31 days after from (2026-12-01T01:00:00+01:00)",
            "now?at=2026-13-01T00:00:00Z|at|must be an ISO-8601 instant like 2026-12-01T07:00:00+01:00, not '2026-13-01T00:00:00Z'",
    })
    @SuppressWarnings("unchecked")
    void bad_instants_and_intervals_are_refused_naming_the_field(String request, String fields, String message) {
        Library library = library();

        Api.Response response = fixtures.signedIn(Role.VIEWER).get("/api/v1/screens/" + library.screen() + "/" + request);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly(fields.split(","));
        assertThat((List<Map<String, Object>>) response.body().get("errors")).extracting(e -> e.get("message")).containsOnly(message);
    }

    @Test
    void exactly_31_days_is_served() {
        Library library = library();

        Api.Response response = fixtures.signedIn(Role.VIEWER).get("/api/v1/screens/" + library.screen()
                + "/timeline?from=2026-12-01T00:00:00Z&to=2027-01-01T00:00:00Z");

        assertThat(response.status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0} of an unknown screen is 404")
    @CsvSource({"now", "timeline?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z"})
    void an_unknown_screen_is_404(String request) {
        Api.Response response = fixtures.signedIn(Role.VIEWER).get("/api/v1/screens/no-such-screen/" + request);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).containsEntry("detail", "No screen 'no-such-screen'.");
    }

    @Test
    void without_signing_in_the_schedule_is_not_shown() {
        Library library = library();

        assertThat(fixtures.anonymous().get("/api/v1/screens/" + library.screen() + "/now").status()).isEqualTo(401);
        assertThat(fixtures.anonymous().get("/api/v1/screens/" + library.screen()
                + "/timeline?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z").status()).isEqualTo(401);
    }

    @Test
    void the_campus_snapshot_holds_every_screen_with_its_groups_oldest_first_and_playlists_with_their_items_in_order() {
        ContentFixtures.Institution skole = content.institution("Albertslund Gymnasium");
        String first = content.approved(skole.id(), "education");
        String second = content.approved(skole.id(), "education");
        String draft = content.announcement(skole.id(), "education", "draft", List.of(), null, null);
        String playlist = fixtures.unique("playlist");
        content.playlist(Map.of("slug", playlist, "name", "Skolen", "items", List.of(second, first, draft),
                "rule", Map.of("institutions", List.of(skole.slug()))));
        String older = fixtures.unique("skoler");
        String newer = fixtures.unique("station");
        content.admin().post("/api/v1/screen-groups", Map.of("slug", older, "name", "Skoler"));
        content.admin().post("/api/v1/screen-groups", Map.of("slug", newer, "name", "Station"));
        String screen = fixtures.unique("gymnasium-kantine");
        content.admin().post("/api/v1/screens", Map.of("slug", screen, "name", "Kantinen", "groups", List.of(newer, older)));

        ScheduleSnapshot snapshot = snapshots.all();

        ScheduleSnapshot.Screen loaded = snapshot.screens().stream().filter(s -> s.slug().equals(screen)).findFirst().orElseThrow();
        assertThat(loaded.groupIds()).extracting(id -> snapshot.groups().stream().filter(g -> g.id() == id).findFirst().orElseThrow().slug())
                .containsExactly(older, newer);
        ScheduleSnapshot.Playlist loadedPlaylist = snapshot.playlists().stream().filter(p -> p.slug().equals(playlist)).findFirst().orElseThrow();
        assertThat(loadedPlaylist.itemIds()).extracting(id -> snapshot.announcements().stream().filter(a -> a.id().equals(id))
                .map(a -> a.slug()).findFirst().orElse("not loaded: " + id)).containsExactly(second, first, "not loaded: "
                + fixtures.rows("SELECT id FROM announcement WHERE slug = ?", draft).get(0).get("id"));
        assertThat(loadedPlaylist.rule().institutionIds()).containsExactly(skole.id());
    }
}
