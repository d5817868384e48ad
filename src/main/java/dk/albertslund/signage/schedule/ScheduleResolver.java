package dk.albertslund.signage.schedule;

import dk.albertslund.signage.announcement.Announcement;
import dk.albertslund.signage.announcement.OnShow;
import dk.albertslund.signage.playlist.PlaylistSelection;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a screen shows, when, and why, following the scheduling semantics in docs/ARCHITECTURE.md:
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
 *       each once; those written in none of the screen's languages are dropped. A message
 *       is one slide whatever its languages: the manifest shows the versions the screen
 *       plays, in the screen's order (docs/MESSAGES.md), so an English screen plays the
 *       English version of a Danish message where the Danish one would have been.</li>
 * </ol>
 *
 * <p>The answer changes only where a window piece starts or ends or where a relevant
 * announcement's publish window starts or ends, so a timeline evaluates the rules once
 * between consecutive such instants and merges neighbours that answer the same.
 *
 * <p>Plain Java without a clock: the caller brings the snapshot, the time zone and the instants.
 * Entries are indexed by target once; a {@link Period} expands each entry's windows at most
 * once however many screens are asked about. A resolver may be shared by threads (its
 * caches are concurrent maps); a {@link Period} may not: each thread asks through its own.
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

    /**
     * The standing of the entries that are on: emergencies first, then by priority, highest
     * first; among emergencies of one priority the newest first, among normal entries of one
     * priority in merge order (window opened, then created, then id). What plays is a prefix
     * of this order (the first emergency alone, or every normal entry of the top priority)
     * and the losers are the rest, closest contender first.
     */
    private static final Comparator<Candidate> STANDING = (a, b) -> {
        if (a.entry.emergency() != b.entry.emergency()) {
            return a.entry.emergency() ? -1 : 1;
        }
        int order = Integer.compare(b.entry.priority(), a.entry.priority());
        if (order != 0) {
            return order;
        }
        if (a.entry.emergency()) {
            order = b.entry.createdAt().compareTo(a.entry.createdAt());
            return order != 0 ? order : Long.compare(b.entry.id(), a.entry.id());
        }
        order = a.window.opened().compareTo(b.window.opened());
        if (order == 0) {
            order = a.entry.createdAt().compareTo(b.entry.createdAt());
        }
        return order != 0 ? order : Long.compare(a.entry.id(), b.entry.id());
    };

    private final ZoneId zone;
    private final Map<Long, ScheduleSnapshot.Screen> screens = new HashMap<>();
    private final Map<Long, ScheduleSnapshot.Group> groups = new HashMap<>();
    private final Map<Long, Prepared> playlists = new HashMap<>();
    private final Map<Long, List<ScheduleSnapshot.Entry>> entriesByScreen = new HashMap<>();
    private final Map<Long, List<ScheduleSnapshot.Entry>> entriesByGroup = new HashMap<>();
    private final List<ScheduleSnapshot.Entry> entriesForAll = new ArrayList<>();
    private final Map<Long, String> ruleDescriptions = new HashMap<>();
    // Concurrent: the kiosk's batch refresh asks one resolver from several threads at once.
    private final Map<ShownKey, List<Announcement>> shownCache = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Priorities, String> reasons = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A playlist with its announcements looked up, and the instants at which its selection
     * can change (its announcements' publish windows opening or closing). Compared by identity: one per playlist.
     */
    private static final class Prepared {
        final ScheduleSnapshot.Playlist playlist;
        final List<Announcement> items;
        final List<Announcement> candidates;
        final List<Instant> changes;

        Prepared(ScheduleSnapshot.Playlist playlist, List<Announcement> items, List<Announcement> candidates, List<Instant> changes) {
            this.playlist = playlist;
            this.items = items;
            this.candidates = candidates;
            this.changes = changes;
        }

        /** How many of its changes have happened at {@code at}: between two changes its selection is the same. */
        int stage(Instant at) {
            int index = java.util.Collections.binarySearch(changes, at);
            return index >= 0 ? index + 1 : -index - 1;
        }
    }

    /** An entry's windows in a period, and the rule they were expanded from. */
    private record Expanded(TimeRule rule, List<TimeRule.Window> windows) {
    }

    /** A loser's priority and the winner's. */
    private record Priorities(int lower, int higher) {
    }

    /** The announcements of these playlists on a screen with these languages, at one stage of each playlist. */
    private record ShownKey(List<Prepared> playing, List<String> languages, List<Integer> stages) {
    }

    /** An entry whose window piece is on. */
    private record Candidate(ScheduleSnapshot.Entry entry, TimeRule.Window window) {
    }

    /** What plays by the entries alone, before announcements are chosen. */
    private record Decision(List<Prepared> playlists, List<String> slugs, Reason reason) {
        Decision(List<Prepared> playlists, Reason reason) {
            this(playlists, slugsOf(playlists), reason);
        }

        private static List<String> slugsOf(List<Prepared> playlists) {
            String[] slugs = new String[playlists.size()];
            for (int i = 0; i < slugs.length; i++) {
                slugs[i] = playlists.get(i).playlist.slug();
            }
            return List.of(slugs);
        }
    }

    public ScheduleResolver(ScheduleSnapshot snapshot, ZoneId zone) {
        this.zone = zone;
        snapshot.screens().forEach(s -> screens.put(s.id(), s));
        snapshot.groups().forEach(g -> groups.put(g.id(), g));
        Map<Long, Announcement> announcements = new HashMap<>();
        for (Announcement a : snapshot.announcements()) {
            announcements.put(a.id(), a);
        }
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
        return now(screenId, at, ahead -> between(at, at.plus(ahead)));
    }

    /**
     * What each of these screens shows at {@code at}, as {@link #now(long, Instant)} answers
     * for one, with each entry's windows expanded once for all of them rather than once per
     * screen: what rebuilding thousands of manifests after one change needs. One thread per call.
     */
    public Map<Long, Now> now(Collection<Long> screenIds, Instant at) {
        Map<Duration, Period> periods = new HashMap<>();
        Map<Long, Now> answers = new HashMap<>();
        for (long screenId : screenIds) {
            answers.put(screenId, now(screenId, at, ahead -> periods.computeIfAbsent(ahead, a -> between(at, at.plus(a)))));
        }
        return answers;
    }

    private Now now(long screenId, Instant at, java.util.function.Function<Duration, Period> periodAhead) {
        // Look a day ahead first: most answers change within one, and a short period expands few windows.
        for (Duration ahead : List.of(Duration.ofDays(1), Duration.ofDays(7), HORIZON)) {
            Instant until = at.plus(ahead);
            Segment first = periodAhead.apply(ahead).timeline(screenId).get(0);
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
        return between(from, to, null);
    }

    /**
     * As {@link #between(Instant, Instant)}, taking the windows of every entry whose rule is
     * unchanged from {@code earlier} (a period over the same interval, of an earlier resolver):
     * after one entry changes, only its windows are expanded again.
     */
    public Period between(Instant from, Instant to, Period earlier) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("a period must end after it starts: " + from + " – " + to);
        }
        boolean reusable = earlier != null && earlier.from.equals(from) && earlier.to.equals(to) && earlier.zone.equals(zone);
        return new Period(from, to, reusable ? earlier.windows : Map.of());
    }

    /**
     * The screens whose answer an entry can change (with its target as given): its screen,
     * every screen of its group, or all screens. After an entry changes, the screens of its
     * old and of its new version are the ones to compute again.
     */
    public Set<Long> screensAffectedBy(ScheduleSnapshot.Entry entry) {
        Set<Long> affected = new HashSet<>();
        for (ScheduleSnapshot.Screen screen : screens.values()) {
            if (entry.aimsAt(screen.id(), screen.groupIds())) {
                affected.add(screen.id());
            }
        }
        return affected;
    }

    /** [from, to) with every entry's windows in it expanded at most once. */
    public final class Period {
        private final ZoneId zone = ScheduleResolver.this.zone;
        private final Instant from;
        private final Instant to;
        private final Map<Long, Expanded> windows = new HashMap<>();
        private final Map<Long, Expanded> earlier;

        private Period(Instant from, Instant to, Map<Long, Expanded> earlier) {
            this.from = from;
            this.to = to;
            this.earlier = earlier;
        }

        private List<TimeRule.Window> windowsOf(ScheduleSnapshot.Entry entry) {
            return windows.computeIfAbsent(entry.id(), id -> {
                Expanded before = earlier.get(id);
                return before != null && before.rule().equals(entry.rule()) ? before
                        : new Expanded(entry.rule(), entry.rule().windows(zone, from, to));
            }).windows();
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
                List<TimeRule.Window> on = windowsOf(entry);
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
            Decision decision = null;
            int next = 0;
            for (int i = 0; i + 1 < boundaries.size(); i++) {
                Instant at = boundaries.get(i);
                boolean changed = active.removeIf(c -> !c.window.end().isAfter(at));
                while (next < pieces.size() && !pieces.get(next).window.start().isAfter(at)) {
                    Candidate piece = pieces.get(next++);
                    if (piece.window.end().isAfter(at)) {
                        // Kept in standing order, so deciding needs no sorting.
                        active.add(-Collections.binarySearch(active, piece, STANDING) - 1, piece);
                        changed = true;
                    }
                }
                if (changed || decision == null) {
                    decision = active.isEmpty() ? fallback : decide(active);
                }
                List<Announcement> shown = announcements(screen, decision.playlists(), at);
                Instant end = boundaries.get(i + 1);
                Segment last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
                if (last != null && last.playlists().equals(decision.slugs()) && last.reason().equals(decision.reason())
                        && sameAnnouncements(last.announcements(), shown)) {
                    segments.set(segments.size() - 1, new Segment(last.start(), end, last.playlists(), last.announcements(), last.reason()));
                } else {
                    segments.add(new Segment(at, end, decision.slugs(), shown, decision.reason()));
                }
            }
            return segments;
        }

        /** from, to, and every instant in between where a window piece or a publish window starts or ends. */
        private List<Instant> boundaries(List<Candidate> pieces, Collection<Prepared> mayPlay) {
            // As nanoseconds since the epoch (good until 2262): sorting primitives is several times faster.
            long[] all = new long[2 + 2 * pieces.size() + mayPlay.stream().mapToInt(p -> p.changes.size()).sum()];
            int n = 0;
            all[n++] = nanos(from);
            all[n++] = nanos(to);
            for (Candidate piece : pieces) {
                n = addInside(all, n, piece.window.start());
                n = addInside(all, n, piece.window.end());
            }
            for (Prepared playlist : mayPlay) {
                for (Instant change : playlist.changes) {
                    n = addInside(all, n, change);
                }
            }
            Arrays.sort(all, 0, n);
            List<Instant> result = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                if (i == 0 || all[i] != all[i - 1]) {
                    result.add(Instant.ofEpochSecond(0, all[i]));
                }
            }
            return result;
        }

        private int addInside(long[] all, int n, Instant instant) {
            if (instant.isAfter(from) && instant.isBefore(to)) {
                all[n++] = nanos(instant);
            }
            return n;
        }
    }

    private static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
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

    /** The rules of docs/ARCHITECTURE.md over the entries whose windows are on: at least one, in {@link #STANDING} order. */
    private Decision decide(List<Candidate> active) {
        Candidate first = active.get(0);
        int winnerCount = 1;
        if (!first.entry.emergency()) {
            while (winnerCount < active.size() && active.get(winnerCount).entry.priority() == first.entry.priority()
                    && !active.get(winnerCount).entry.emergency()) {
                winnerCount++;
            }
        }
        Set<Prepared> playing = new LinkedHashSet<>();
        List<Winner> winners = new ArrayList<>(winnerCount);
        for (Candidate winner : active.subList(0, winnerCount)) {
            Prepared playlist = playlists.get(winner.entry.playlistId());
            if (playlist != null) {
                playing.add(playlist);
            }
            winners.add(new Winner(winner.entry.slug(), winner.entry.priority(), ruleDescriptions.get(winner.entry.id())));
        }
        List<Loser> losers = new ArrayList<>(active.size() - winnerCount);
        for (Candidate loser : active.subList(winnerCount, active.size())) {
            losers.add(new Loser(loser.entry.slug(), whyLost(loser, first)));
        }
        Kind kind = first.entry.emergency() ? Kind.EMERGENCY : Kind.SCHEDULE;
        return new Decision(List.copyOf(playing), new Reason(kind, List.copyOf(winners), List.copyOf(losers)));
    }

    private String whyLost(Candidate loser, Candidate winner) {
        if (winner.entry.emergency() && !loser.entry.emergency()) {
            return "an emergency entry decides";
        }
        int lower = loser.entry.priority();
        int higher = winner.entry.priority();
        // The same few sentences over and over: made once.
        return reasons.computeIfAbsent(new Priorities(lower, higher), key -> lower < higher
                ? "lower priority (" + lower + " < " + higher + ")"
                : "a newer emergency entry of the same priority (" + higher + ") decides");
    }

    /**
     * Between two of its playlists' changes the answer is the same, so it is worked out once
     * per stage and shared by every screen with the same playlists and languages.
     */
    private List<Announcement> announcements(ScheduleSnapshot.Screen screen, List<Prepared> playing, Instant at) {
        if (playing.isEmpty()) {
            return List.of();
        }
        List<Integer> stages = new ArrayList<>(playing.size());
        for (Prepared playlist : playing) {
            stages.add(playlist.stage(at));
        }
        return shownCache.computeIfAbsent(new ShownKey(playing, screen.languages(), stages),
                key -> select(screen.languages(), playing, at));
    }

    private List<Announcement> select(List<String> languages, List<Prepared> playing, Instant at) {
        List<Announcement> selected = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (Prepared playlist : playing) {
            for (Announcement a : PlaylistSelection.select(playlist.items, playlist.playlist.rule(), playlist.candidates, at)) {
                if (seen.add(a.id())) {
                    selected.add(a);
                }
            }
        }
        return selected.stream().filter(a -> !a.shownIn(languages).isEmpty()).toList();
    }

    private static boolean sameAnnouncements(List<Announcement> a, List<Announcement> b) {
        if (a == b) {
            return true;
        }
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
        return rule.dayRuns(TimeRule::name);
    }
}
