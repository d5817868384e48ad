package dk.albertslund.signage.schedule;

import dk.albertslund.signage.announcement.Announcement;
import dk.albertslund.signage.playlist.PlaylistSelection;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a screen shows, when, and why, following DESIGN.md's scheduling semantics:
 *
 * <ol>
 *   <li>The entries that count at instant t target the screen, one of its groups or all
 *       screens, and have a window containing t.</li>
 *   <li>If any of them is an emergency, the emergency with the highest priority (then the
 *       newest, then the highest id) alone decides.</li>
 *   <li>Otherwise the entries of the highest priority present play together, in the order
 *       their windows opened, then by creation (then id); a playlist two of them schedule
 *       plays once, where it first comes.</li>
 *   <li>With none, the screen's default playlist plays; without one, the default of the
 *       first of its groups that has one, in the order of {@link ScheduleSnapshot.Screen#groupIds()}
 *       (the loader gives the oldest group first); without any, the standby slide (nothing
 *       to play).</li>
 *   <li>The announcements are each playlist's {@link PlaylistSelection} at t, concatenated,
 *       each once; those not in the screen's languages are dropped. After each one come its
 *       translations that are showing at t and in the screen's languages, in the order of the
 *       screen's languages; so an English screen plays the English translation of a Danish
 *       announcement where the Danish one would have been.</li>
 * </ol>
 *
 * <p>The answer changes only where a window piece starts or ends or where a relevant
 * announcement's publish window starts or ends, so a timeline evaluates the rules once
 * between consecutive such instants and merges neighbours that answer the same.
 *
 * <p>Plain Java without a clock: the caller brings the snapshot, the time zone and the instants.
 * Entries are indexed by target once; a {@link Period} expands each entry's windows at most
 * once however many screens are asked about. Not thread-safe; build one per use.
 */
public final class ScheduleResolver {

    /**
     * How far {@link #now} looks for the next change. Two months covers any monthly rule and
     * the longest timeline the API serves (31 days) twice; an answer that holds beyond it has
     * no next change ({@code null}).
     */
    public static final Duration HORIZON = Duration.ofDays(62);

    /** Why a screen shows what it shows, as staff would ask it. */
    public enum Kind {
        EMERGENCY("emergency"), SCHEDULE("schedule"), SCREEN_DEFAULT("screen-default"),
        GROUP_DEFAULT("group-default"), STANDBY("standby");

        private final String value;

        Kind(String value) {
            this.value = value;
        }

        /** As the API shows it. */
        public String value() {
            return value;
        }
    }

    /** An entry that decides what plays, its priority and its rule in words ("MON–FRI 07:00–10:00"). */
    public record Winner(String entry, int priority, String rule) {
    }

    /** An entry whose window was on but that lost, and why ("lower priority (5 < 10)"). */
    public record Loser(String entry, String why) {
    }

    public record Reason(Kind kind, List<Winner> winners, List<Loser> losers) {
    }

    /** What plays during [start, end): playlists by slug, then announcements, and why. */
    public record Segment(Instant start, Instant end, List<String> playlists, List<Announcement> announcements, Reason reason) {
    }

    /** What plays at {@code at}, why, and when that next changes ({@code null}: not within {@link #HORIZON}). */
    public record Now(Instant at, List<String> playlists, List<Announcement> announcements, Reason reason, Instant nextChange) {
    }

    private static final Comparator<Candidate> MERGE_ORDER = Comparator.comparing((Candidate c) -> c.window.opened())
            .thenComparing(c -> c.entry.createdAt()).thenComparingLong(c -> c.entry.id());
    private static final Comparator<Candidate> EMERGENCY_ORDER = Comparator.comparingInt((Candidate c) -> c.entry.priority())
            .thenComparing(c -> c.entry.createdAt()).thenComparingLong(c -> c.entry.id()).reversed();
    private static final Comparator<Candidate> LOSER_ORDER = Comparator.comparing((Candidate c) -> !c.entry.emergency())
            .thenComparing(Comparator.comparingInt((Candidate c) -> c.entry.priority()).reversed())
            .thenComparing(MERGE_ORDER);

    private final ZoneId zone;
    private final Map<Long, ScheduleSnapshot.Screen> screens = new HashMap<>();
    private final Map<Long, ScheduleSnapshot.Group> groups = new HashMap<>();
    private final Map<Long, Prepared> playlists = new HashMap<>();
    private final Map<Long, List<Announcement>> translations = new HashMap<>();
    private final Map<Long, List<ScheduleSnapshot.Entry>> entriesByScreen = new HashMap<>();
    private final Map<Long, List<ScheduleSnapshot.Entry>> entriesByGroup = new HashMap<>();
    private final List<ScheduleSnapshot.Entry> entriesForAll = new ArrayList<>();
    private final Map<Long, String> ruleDescriptions = new HashMap<>();

    /** A playlist with its announcements looked up, and the instants at which its selection can change. */
    private record Prepared(ScheduleSnapshot.Playlist playlist, List<Announcement> items, List<Announcement> candidates,
                            List<Instant> changes) {
    }

    /** An entry whose window piece is on. */
    private record Candidate(ScheduleSnapshot.Entry entry, TimeRule.Window window) {
    }

    /** What plays by the entries alone, before announcements are chosen. */
    private record Decision(List<Prepared> playlists, Reason reason) {
    }

    public ScheduleResolver(ScheduleSnapshot snapshot, ZoneId zone) {
        this.zone = zone;
        snapshot.screens().forEach(s -> screens.put(s.id(), s));
        snapshot.groups().forEach(g -> groups.put(g.id(), g));
        Map<Long, Announcement> announcements = new HashMap<>();
        for (Announcement a : snapshot.announcements()) {
            announcements.put(a.id(), a);
            if (a.translationOfId() != null) {
                translations.computeIfAbsent(a.translationOfId(), id -> new ArrayList<>()).add(a);
            }
        }
        translations.values().forEach(list -> list.sort(Comparator.comparing(Announcement::id)));
        for (ScheduleSnapshot.Playlist playlist : snapshot.playlists()) {
            playlists.put(playlist.id(), prepare(playlist, announcements, snapshot.announcements()));
        }
        for (ScheduleSnapshot.Entry entry : snapshot.entries()) {
            switch (entry.target()) {
                case SCREEN -> entriesByScreen.computeIfAbsent(entry.targetId(), id -> new ArrayList<>()).add(entry);
                case GROUP -> entriesByGroup.computeIfAbsent(entry.targetId(), id -> new ArrayList<>()).add(entry);
                case ALL -> entriesForAll.add(entry);
            }
            ruleDescriptions.put(entry.id(), describe(entry.rule()));
        }
    }

    /** What the screen shows at {@code at}, why, and the next instant at which that changes. */
    public Now now(long screenId, Instant at) {
        // Look a day ahead first: most answers change within one, and a short period expands few windows.
        for (Duration ahead : List.of(Duration.ofDays(1), Duration.ofDays(7), HORIZON)) {
            Instant until = at.plus(ahead);
            Segment first = between(at, until).timeline(screenId).get(0);
            if (first.end().isBefore(until) || ahead.equals(HORIZON)) {
                return new Now(at, first.playlists(), first.announcements(), first.reason(),
                        first.end().isBefore(until) ? first.end() : null);
            }
        }
        throw new AssertionError("the horizon is always reached");
    }

    /** The screen's timeline over [from, to). */
    public List<Segment> timeline(long screenId, Instant from, Instant to) {
        return between(from, to).timeline(screenId);
    }

    /** A period to ask about several screens; each entry's windows are expanded once for all of them. */
    public Period between(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("a period must end after it starts: " + from + " – " + to);
        }
        return new Period(from, to);
    }

    /**
     * The screens whose answer an entry can change (with its target as given): its screen,
     * every screen of its group, or all screens. After an entry changes, the screens of its
     * old and of its new version are the ones to compute again.
     */
    public Set<Long> screensAffectedBy(ScheduleSnapshot.Entry entry) {
        Set<Long> affected = new HashSet<>();
        for (ScheduleSnapshot.Screen screen : screens.values()) {
            boolean hit = switch (entry.target()) {
                case SCREEN -> screen.id() == entry.targetId();
                case GROUP -> screen.groupIds().contains(entry.targetId());
                case ALL -> true;
            };
            if (hit) {
                affected.add(screen.id());
            }
        }
        return affected;
    }

    /** [from, to) with every entry's windows in it expanded at most once. */
    public final class Period {
        private final Instant from;
        private final Instant to;
        private final Map<Long, List<TimeRule.Window>> windows = new HashMap<>();

        private Period(Instant from, Instant to) {
            this.from = from;
            this.to = to;
        }

        /** Segments covering [from, to) without gaps or overlaps; neighbours always differ. */
        public List<Segment> timeline(long screenId) {
            ScheduleSnapshot.Screen screen = screens.get(screenId);
            if (screen == null) {
                throw new IllegalArgumentException("no screen " + screenId + " in the snapshot");
            }
            List<Candidate> pieces = new ArrayList<>();
            Set<Prepared> mayPlay = new LinkedHashSet<>();
            for (ScheduleSnapshot.Entry entry : entriesOf(screen)) {
                List<TimeRule.Window> on = windows.computeIfAbsent(entry.id(), id -> entry.rule().windows(zone, from, to));
                if (!on.isEmpty() && playlists.containsKey(entry.playlistId())) {
                    mayPlay.add(playlists.get(entry.playlistId()));
                }
                on.forEach(window -> pieces.add(new Candidate(entry, window)));
            }
            Decision fallback = fallback(screen);
            mayPlay.addAll(fallback.playlists());
            List<Instant> boundaries = boundaries(pieces, mayPlay);
            pieces.sort(Comparator.comparing(c -> c.window.start()));

            List<Segment> segments = new ArrayList<>();
            List<Candidate> active = new ArrayList<>();
            int next = 0;
            for (int i = 0; i + 1 < boundaries.size(); i++) {
                Instant at = boundaries.get(i);
                active.removeIf(c -> !c.window.end().isAfter(at));
                while (next < pieces.size() && !pieces.get(next).window.start().isAfter(at)) {
                    Candidate piece = pieces.get(next++);
                    if (piece.window.end().isAfter(at)) {
                        active.add(piece);
                    }
                }
                Decision decision = active.isEmpty() ? fallback : decide(active);
                List<String> slugs = decision.playlists().stream().map(p -> p.playlist().slug()).toList();
                List<Announcement> shown = announcements(screen, decision.playlists(), at);
                Instant end = boundaries.get(i + 1);
                Segment last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
                if (last != null && last.playlists().equals(slugs) && last.reason().equals(decision.reason())
                        && sameAnnouncements(last.announcements(), shown)) {
                    segments.set(segments.size() - 1, new Segment(last.start(), end, slugs, last.announcements(), last.reason()));
                } else {
                    segments.add(new Segment(at, end, slugs, shown, decision.reason()));
                }
            }
            return segments;
        }

        /** from, to, and every instant in between where a window piece or a publish window starts or ends. */
        private List<Instant> boundaries(List<Candidate> pieces, Collection<Prepared> mayPlay) {
            TreeSet<Instant> result = new TreeSet<>();
            result.add(from);
            result.add(to);
            for (Candidate piece : pieces) {
                addInside(result, piece.window.start());
                addInside(result, piece.window.end());
            }
            for (Prepared playlist : mayPlay) {
                for (Instant change : playlist.changes()) {
                    addInside(result, change);
                }
            }
            return new ArrayList<>(result);
        }

        private void addInside(TreeSet<Instant> result, Instant instant) {
            if (instant.isAfter(from) && instant.isBefore(to)) {
                result.add(instant);
            }
        }
    }

    private List<ScheduleSnapshot.Entry> entriesOf(ScheduleSnapshot.Screen screen) {
        List<ScheduleSnapshot.Entry> result = new ArrayList<>(entriesByScreen.getOrDefault(screen.id(), List.of()));
        for (Long groupId : screen.groupIds()) {
            result.addAll(entriesByGroup.getOrDefault(groupId, List.of()));
        }
        result.addAll(entriesForAll);
        return result;
    }

    private Decision fallback(ScheduleSnapshot.Screen screen) {
        Prepared own = screen.defaultPlaylistId() == null ? null : playlists.get(screen.defaultPlaylistId());
        if (own != null) {
            return new Decision(List.of(own), new Reason(Kind.SCREEN_DEFAULT, List.of(), List.of()));
        }
        for (Long groupId : screen.groupIds()) {
            ScheduleSnapshot.Group group = groups.get(groupId);
            Prepared groupDefault = group == null || group.defaultPlaylistId() == null ? null : playlists.get(group.defaultPlaylistId());
            if (groupDefault != null) {
                return new Decision(List.of(groupDefault), new Reason(Kind.GROUP_DEFAULT, List.of(), List.of()));
            }
        }
        return new Decision(List.of(), new Reason(Kind.STANDBY, List.of(), List.of()));
    }

    /** The rules of DESIGN.md over the entries whose windows are on (at least one). */
    private Decision decide(List<Candidate> active) {
        List<Candidate> emergencies = active.stream().filter(c -> c.entry.emergency()).sorted(EMERGENCY_ORDER).toList();
        List<Candidate> winners;
        if (!emergencies.isEmpty()) {
            winners = List.of(emergencies.get(0));
        } else {
            int top = active.stream().mapToInt(c -> c.entry.priority()).max().orElseThrow();
            winners = active.stream().filter(c -> c.entry.priority() == top).sorted(MERGE_ORDER).toList();
        }
        Candidate first = winners.get(0);
        List<Loser> losers = active.stream().filter(c -> !winners.contains(c)).sorted(LOSER_ORDER)
                .map(c -> new Loser(c.entry.slug(), whyLost(c, first))).toList();
        Set<Prepared> playing = new LinkedHashSet<>();
        List<Winner> winnerViews = new ArrayList<>();
        for (Candidate winner : winners) {
            Prepared playlist = playlists.get(winner.entry.playlistId());
            if (playlist != null) {
                playing.add(playlist);
            }
            winnerViews.add(new Winner(winner.entry.slug(), winner.entry.priority(), ruleDescriptions.get(winner.entry.id())));
        }
        Kind kind = first.entry.emergency() ? Kind.EMERGENCY : Kind.SCHEDULE;
        return new Decision(List.copyOf(playing), new Reason(kind, List.copyOf(winnerViews), losers));
    }

    private static String whyLost(Candidate loser, Candidate winner) {
        if (winner.entry.emergency() && !loser.entry.emergency()) {
            return "an emergency entry decides";
        }
        if (loser.entry.priority() < winner.entry.priority()) {
            return "lower priority (" + loser.entry.priority() + " < " + winner.entry.priority() + ")";
        }
        return "a newer emergency entry of the same priority (" + winner.entry.priority() + ") decides";
    }

    private List<Announcement> announcements(ScheduleSnapshot.Screen screen, List<Prepared> playing, Instant at) {
        List<Announcement> selected = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (Prepared playlist : playing) {
            for (Announcement a : PlaylistSelection.select(playlist.items(), playlist.playlist().rule(), playlist.candidates(), at)) {
                if (seen.add(a.id())) {
                    selected.add(a);
                }
            }
        }
        List<String> languages = screen.languages();
        List<Announcement> shown = new ArrayList<>();
        Set<Long> placed = new HashSet<>();
        for (Announcement a : selected) {
            if (languages.contains(a.language()) && placed.add(a.id())) {
                shown.add(a);
            }
            // After the original, or in its place when it is not in one of the screen's languages.
            translations.getOrDefault(a.id(), List.of()).stream()
                    .filter(t -> languages.contains(t.language()) && PlaylistSelection.isShowing(t, at))
                    .sorted(Comparator.comparingInt((Announcement t) -> languages.indexOf(t.language())))
                    .filter(t -> placed.add(t.id()))
                    .forEach(shown::add);
        }
        return shown;
    }

    private static boolean sameAnnouncements(List<Announcement> a, List<Announcement> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).id().equals(b.get(i).id())) {
                return false;
            }
        }
        return true;
    }

    private Prepared prepare(ScheduleSnapshot.Playlist playlist, Map<Long, Announcement> byId, List<Announcement> all) {
        List<Announcement> items = new ArrayList<>();
        for (Long id : playlist.itemIds()) {
            Announcement a = byId.get(id);
            if (a != null) {
                items.add(a);
            }
        }
        List<Announcement> candidates = playlist.rule().isEmpty() ? List.of()
                : all.stream().filter(playlist.rule()::matches).sorted(Comparator.comparing(Announcement::id)).toList();
        TreeSet<Instant> changes = new TreeSet<>();
        for (List<Announcement> list : List.of(items, candidates)) {
            for (Announcement a : list) {
                addPublishWindow(changes, a);
                translations.getOrDefault(a.id(), List.of()).forEach(t -> addPublishWindow(changes, t));
            }
        }
        return new Prepared(playlist, List.copyOf(items), candidates, List.copyOf(changes));
    }

    private static void addPublishWindow(Set<Instant> changes, Announcement a) {
        if (a.publishFrom() != null) {
            changes.add(a.publishFrom());
        }
        if (a.publishUntil() != null) {
            changes.add(a.publishUntil());
        }
    }

    /**
     * A rule as staff read it: "MON–FRI 07:00–10:00", "every day 22:00–02:00 until 2026-12-24",
     * "FREQ=MONTHLY;BYDAY=1MO 11:30–13:00 from 2026-12-01".
     */
    public static String describe(TimeRule rule) {
        StringBuilder text = new StringBuilder(rule.rrule() != null ? rule.rrule() : days(rule));
        text.append(' ').append(TimeRule.format(rule.startTime())).append('–').append(TimeRule.format(rule.endTime()));
        if (rule.startDate() != null) {
            text.append(" from ").append(rule.startDate());
            if (rule.endDate() != null) {
                text.append(" to ").append(rule.endDate());
            }
        } else if (rule.endDate() != null) {
            text.append(" until ").append(rule.endDate());
        }
        return text.toString();
    }

    /** Weekdays with runs of three or more shortened: "MON–FRI", "MON, WED, FRI", "MON–WED, SAT, SUN". */
    private static String days(TimeRule rule) {
        if (rule.days().isEmpty() || rule.days().size() == 7) {
            return "every day";
        }
        List<DayOfWeek> days = rule.days().stream().sorted().toList();
        List<String> names = rule.dayNames();
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < days.size()) {
            int j = i;
            while (j + 1 < days.size() && days.get(j + 1).getValue() == days.get(j).getValue() + 1) {
                j++;
            }
            if (j - i >= 2) {
                parts.add(names.get(i) + "–" + names.get(j));
            } else {
                parts.addAll(names.subList(i, j + 1));
            }
            i = j + 1;
        }
        return String.join(", ", parts);
    }
}
