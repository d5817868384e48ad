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
        List<Announcement> announcements,
        OldTranslations oldTranslations) {

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
                         String defaultPlaylist, boolean infoBand, String departures, boolean touch) {
    }

    public record Playlist(Source source, String slug, String name, String institution, List<String> items,
                           List<String> ruleCategories, List<String> ruleInstitutions, List<String> ruleTags) {
    }

    /** {@code targetKind} is screen, group or all; {@code target} the slug, or null for all. */
    public record Schedule(Source source, String slug, String playlist, String targetKind, String target,
                           LocalDate startDate, LocalDate endDate, List<String> days, String rrule,
                           LocalTime startTime, LocalTime endTime, int priority, String kind) {
    }

    /**
     * A message (docs/MESSAGES.md): its main text and its further language versions, with
     * the facts they share. Publish window in the campus's local time, as staff write it.
     */
    public record Announcement(Source source, String slug, String institution, String title, String body,
                               String language, List<Translation> translations, String category, List<String> tags,
                               String media, LocalDateTime publishFrom, LocalDateTime publishUntil,
                               int durationSeconds, String status, String link) {

        /** A message without a link. */
        public Announcement(Source source, String slug, String institution, String title, String body,
                            String language, List<Translation> translations, String category, List<String> tags,
                            String media, LocalDateTime publishFrom, LocalDateTime publishUntil,
                            int durationSeconds, String status) {
            this(source, slug, institution, title, body, language, translations, category, tags, media, publishFrom,
                    publishUntil, durationSeconds, status, null);
        }

        /** The languages it is written in, the main one first. */
        public List<String> languages() {
            return java.util.stream.Stream.concat(java.util.stream.Stream.of(language),
                    translations.stream().map(Translation::language)).toList();
        }
    }

    /**
     * A further language version. {@code source} is where its words stand: the message's own
     * file (fields "title" and "body" under translations.LANG) or, for an old-style file
     * joined into the message, that file.
     */
    public record Translation(Source source, String language, String title, String body) {
    }

    /**
     * What became of files in the old form ({@code translation_of:}, content/README.md):
     * {@code joined} maps each joined file's slug to the message it now belongs to;
     * {@code keptApart} lists those that did not agree with their original and stay messages
     * of their own.
     */
    public record OldTranslations(java.util.Map<String, String> joined, List<String> keptApart) {

        public static final OldTranslations NONE = new OldTranslations(java.util.Map.of(), List.of());
    }
}
