package dk.albertslund.signage.contentpack;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

/**
 * The content pack as read from its files and checked for structure and references.
 * Each record keeps where it came from, so a refusal later can still name file and line.
 */
public record ContentPack(
        Path directory,
        List<Institution> institutions,
        List<Group> groups,
        List<Screen> screens,
        List<Playlist> playlists,
        List<Schedule> schedules,
        List<Announcement> announcements) {

    /** Where a record stands in the pack: its file, its first line, and the line of each field. */
    public record Source(String file, int line, java.util.Map<String, Integer> fieldLines) {

        public int lineOf(String field) {
            return fieldLines.getOrDefault(field, line);
        }
    }

    public record Institution(Source source, String slug, String name, String colour, String logo) {
    }

    public record Group(Source source, String slug, String name, String defaultPlaylist) {
    }

    public record Screen(Source source, String slug, String name, String location, String orientation,
                         int width, int height, String layout, List<String> languages, List<String> groups,
                         String defaultPlaylist) {
    }

    public record Playlist(Source source, String slug, String name, String institution, List<String> items,
                           List<String> ruleCategories, List<String> ruleInstitutions, List<String> ruleTags) {
    }

    /** {@code targetKind} is screen, group or all; {@code target} the slug, or null for all. */
    public record Schedule(Source source, String slug, String playlist, String targetKind, String target,
                           LocalDate startDate, LocalDate endDate, List<String> days, String rrule,
                           LocalTime startTime, LocalTime endTime, int priority, String kind) {
    }

    /** Publish window in the campus's local time, as staff write it. */
    public record Announcement(Source source, String slug, String institution, String title, String body,
                               String language, String translationOf, String category, List<String> tags,
                               String media, LocalDateTime publishFrom, LocalDateTime publishUntil,
                               int durationSeconds, String status) {
    }
}
