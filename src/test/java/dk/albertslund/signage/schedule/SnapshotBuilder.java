package dk.albertslund.signage.schedule;

import dk.albertslund.signage.announcement.Announcement;
import dk.albertslund.signage.playlist.PlaylistSelection;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import dk.albertslund.signage.announcement.AnnouncementStatus;
import dk.albertslund.signage.announcement.LanguageVersion;

/**
 * Builds a {@link ScheduleSnapshot} in memory for the resolver's tests and the benchmark:
 * screens, groups, playlists, announcements and entries with ids counted from 1 and
 * entries created one minute apart, in the order they are added.
 */
public final class SnapshotBuilder {

    public static final ZoneId CAMPUS = ZoneId.of("Europe/Copenhagen");

    private final List<ScheduleSnapshot.Entry> entries = new ArrayList<>();
    private final List<ScheduleSnapshot.Screen> screens = new ArrayList<>();
    private final List<ScheduleSnapshot.Group> groups = new ArrayList<>();
    private final List<ScheduleSnapshot.Playlist> playlists = new ArrayList<>();
    private final List<Announcement> announcements = new ArrayList<>();
    private long ids;
    private Instant created = Instant.parse("2026-01-01T00:00:00Z");

    /** An instant from campus wall-clock time, e.g. "2026-12-01T07:00". */
    public static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(CAMPUS).toInstant();
    }

    /** A checked rule: days like "MON,FRI" (empty: every day), times like "07:00". */
    public static TimeRule rule(String days, String start, String end) {
        return rule(null, null, days, null, start, end);
    }

    public static TimeRule rule(String startDate, String endDate, String days, String rrule, String start, String end) {
        List<String> dayList = days == null || days.isBlank() ? List.of() : Arrays.asList(days.split(","));
        TimeRule.Checked checked = TimeRule.check(startDate, endDate, dayList, rrule, start, end);
        if (!checked.ok()) {
            throw new IllegalArgumentException(checked.errors().toString());
        }
        return checked.rule();
    }

    public Announcement announcement(String slug, String language, String status, Instant publishFrom, Instant publishUntil,
                                     String... otherLanguages) {
        List<LanguageVersion> translations = Arrays.stream(otherLanguages)
                .map(l -> new LanguageVersion(l, "Title of " + slug + " (" + l + ")", "", "")).toList();
        Announcement a = new Announcement(++ids, slug, 1L, "Title of " + slug, "", "", language, translations, "culture",
                List.of(), null, publishFrom, publishUntil, 10, AnnouncementStatus.parse(status).orElseThrow(), null, "test", created, created, null);
        announcements.add(a);
        return a;
    }

    /** Approved, Danish, with no publish window. */
    public Announcement approved(String slug) {
        return announcement(slug, "da", "approved", null, null);
    }

    /** Approved, in Danish and English, with no publish window. */
    public Announcement bilingual(String slug) {
        return announcement(slug, "da", "approved", null, null, "en");
    }

    public long playlist(String slug, Announcement... items) {
        long id = ++ids;
        playlists.add(new ScheduleSnapshot.Playlist(id, slug, Arrays.stream(items).map(Announcement::id).toList(),
                PlaylistSelection.Rule.NONE));
        return id;
    }

    /** A playlist of everything in these categories. */
    public long feed(String slug, String... categories) {
        long id = ++ids;
        playlists.add(new ScheduleSnapshot.Playlist(id, slug, List.of(),
                new PlaylistSelection.Rule(Set.of(categories), Set.of(), Set.of())));
        return id;
    }

    public long group(String slug, Long defaultPlaylist) {
        long id = ++ids;
        groups.add(new ScheduleSnapshot.Group(id, slug, defaultPlaylist));
        return id;
    }

    public long screen(String slug, List<String> languages, Long defaultPlaylist, Long... groupIds) {
        long id = ++ids;
        screens.add(new ScheduleSnapshot.Screen(id, slug, List.of(groupIds), defaultPlaylist, languages));
        return id;
    }

    /** A Danish screen in no group and without a default playlist. */
    public long screen(String slug) {
        return screen(slug, List.of("da"), null);
    }

    public ScheduleSnapshot.Entry entry(String slug, long playlist, TargetKind target, Long targetId,
                                       TimeRule rule, int priority, boolean emergency) {
        created = created.plus(Duration.ofMinutes(1));
        ScheduleSnapshot.Entry entry = new ScheduleSnapshot.Entry(++ids, slug, rule, target, targetId, priority, emergency,
                created, playlist);
        entries.add(entry);
        return entry;
    }

    /** A normal entry for one screen. */
    public ScheduleSnapshot.Entry onScreen(String slug, long playlist, long screen, TimeRule rule, int priority) {
        return entry(slug, playlist, TargetKind.SCREEN, screen, rule, priority, false);
    }

    /** An emergency for every screen. */
    public ScheduleSnapshot.Entry emergency(String slug, long playlist, TimeRule rule, int priority) {
        return entry(slug, playlist, TargetKind.ALL, null, rule, priority, true);
    }

    /** Replaces the entry with this id (a changed entry keeps its id and creation). */
    public void replace(ScheduleSnapshot.Entry changed) {
        entries.replaceAll(e -> e.id() == changed.id() ? changed : e);
    }

    public List<ScheduleSnapshot.Entry> entries() {
        return entries;
    }

    public ScheduleSnapshot snapshot() {
        return new ScheduleSnapshot(entries, screens, groups, playlists, announcements);
    }

    public ScheduleResolver resolver() {
        return new ScheduleResolver(snapshot(), CAMPUS);
    }
}
