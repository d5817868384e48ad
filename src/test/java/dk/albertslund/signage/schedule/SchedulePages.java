package dk.albertslund.signage.schedule;

import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A library screen for the schedule page tests: in a group whose default playlist fills the
 * gaps, a weekday-morning entry for the group (priority 10) and an all-day entry for the
 * screen (priority 5), each playlist with one approved announcement of the library. The
 * morning entry is named by its maker; the all-day one was made without a name, as scripts
 * from before names did, and carries the name the service derives.
 */
@Singleton
@Requires(env = "test")
class SchedulePages {

    record Library(ContentFixtures.Institution institution, String screen, String screenName, String group, String groupName,
                   String morning, String allDay, String morningEntry, String allDayEntry, String morningName,
                   String allDayName, String morningSlide, String allDaySlide) {
    }

    private final Fixtures fixtures;
    private final ContentFixtures content;

    SchedulePages(Fixtures fixtures, ContentFixtures content) {
        this.fixtures = fixtures;
        this.content = content;
    }

    Library library() {
        ContentFixtures.Institution bibliotek = content.institution("Albertslund Bibliotek");
        String morningSlide = content.approved(bibliotek.id(), "culture");
        String allDaySlide = content.approved(bibliotek.id(), "practical");
        String morning = playlist(bibliotek, "Morgen", morningSlide);
        String allDay = playlist(bibliotek, "Hele dagen", allDaySlide);
        String groupDefault = playlist(bibliotek, "Standard", content.approved(bibliotek.id(), "education"));
        String group = fixtures.unique("bibliotekerne");
        String groupName = "Bibliotekerne " + group;
        assertThat(content.admin().post("/api/v1/screen-groups",
                Map.of("slug", group, "name", groupName, "defaultPlaylist", groupDefault)).status()).isEqualTo(201);
        String screen = fixtures.unique("bibliotek-indgang");
        String screenName = "Indgangen " + screen;
        assertThat(content.admin().post("/api/v1/screens", Map.of("slug", screen, "name", screenName, "languages", List.of("da", "en"),
                "groups", List.of(group))).status()).isEqualTo(201);
        String morningName = "Morgen på bibliotekerne";
        String morningEntry = entry(morning, Map.of("name", morningName, "targetKind", "group", "target", group,
                "days", List.of("MON", "TUE", "WED", "THU", "FRI"), "startTime", "07:00", "endTime", "10:00", "priority", 10));
        String allDayEntry = entry(allDay, Map.of("targetKind", "screen", "target", screen,
                "startTime", "06:00", "endTime", "22:00", "priority", 5));
        return new Library(bibliotek, screen, screenName, group, groupName, morning, allDay, morningEntry, allDayEntry,
                morningName, "Hele dagen – " + screenName, morningSlide, allDaySlide);
    }

    String playlist(ContentFixtures.Institution institution, String name, String... announcements) {
        String slug = fixtures.unique("playlist");
        return content.playlist(Map.of("slug", slug, "name", name, "institution", institution.slug(), "items", List.of(announcements)));
    }

    String entry(String playlist, Map<String, Object> fields) {
        String slug = fixtures.unique("entry");
        Map<String, Object> body = new HashMap<>(fields);
        body.put("slug", slug);
        body.put("playlist", playlist);
        Api.Response created = content.admin().post("/api/v1/schedule-entries", body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return slug;
    }
}
