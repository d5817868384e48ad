package dk.albertslund.signage.benchmark;

import dk.albertslund.signage.announcement.Announcement;
import dk.albertslund.signage.schedule.ScheduleResolver;
import dk.albertslund.signage.schedule.ScheduleSnapshot;
import dk.albertslund.signage.schedule.SnapshotBuilder;
import dk.albertslund.signage.schedule.TimeRule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import dk.albertslund.signage.schedule.TargetKind;

/**
 * Not a test: how long every screen's timeline over one week takes on a large campus
 * (1,000 screens, 5,000 entries, 20 groups by default), and what recomputing costs after
 * one entry changes, when only the screens that entry can reach are computed again.
 *
 * <p>Run with {@code bench/timeline.sh [screens entries groups runs]}. Prints medians of
 * the runs after one warm-up run. The campus is random but the same on every run (seed 42).
 */
public final class TimelineBenchmark {

    private static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
    private static final LocalDate WEEK = LocalDate.of(2026, 11, 30);

    private final int screenCount;
    private final int entryCount;
    private final int groupCount;
    private final Random random = new Random(42);
    private final SnapshotBuilder campus = new SnapshotBuilder();
    private final List<Long> screens = new ArrayList<>();
    private final List<Long> groups = new ArrayList<>();
    private final List<Long> playlists = new ArrayList<>();

    private TimelineBenchmark(int screenCount, int entryCount, int groupCount) {
        this.screenCount = screenCount;
        this.entryCount = entryCount;
        this.groupCount = groupCount;
    }

    public static void main(String[] args) {
        int[] sizes = Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        int screens = sizes.length > 0 ? sizes[0] : 1000;
        int entries = sizes.length > 1 ? sizes[1] : 5000;
        int groups = sizes.length > 2 ? sizes[2] : 20;
        int runs = sizes.length > 3 ? sizes[3] : 5;
        new TimelineBenchmark(screens, entries, groups).run(runs);
    }

    private void run(int runs) {
        build();
        ScheduleSnapshot snapshot = campus.snapshot();
        Instant from = WEEK.atStartOfDay(SnapshotBuilder.CAMPUS).toInstant();
        Instant to = WEEK.plusDays(7).atStartOfDay(SnapshotBuilder.CAMPUS).toInstant();
        System.out.printf(Locale.ROOT, "campus: %d screens, %d groups, %d entries, %d playlists, %d announcements; week %s – %s; %s, %d cores%n",
                screenCount, groupCount, snapshot.entries().size(), snapshot.playlists().size(), snapshot.announcements().size(),
                WEEK, WEEK.plusDays(7), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());

        List<Long> wall = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        List<Long> indexing = new ArrayList<>();
        List<Long> segments = new ArrayList<>();
        ScheduleResolver.Period lastWeek = null;
        for (int run = 0; run <= runs; run++) {
            Clocks clocks = new Clocks();
            ScheduleResolver resolver = new ScheduleResolver(snapshot, SnapshotBuilder.CAMPUS);
            long indexed = clocks.wall();
            ScheduleResolver.Period week = resolver.between(from, to);
            long count = 0;
            for (long screen : screens) {
                count += week.timeline(screen).size();
            }
            if (run > 0) {
                wall.add(clocks.wall());
                cpu.add(clocks.cpu());
                indexing.add(indexed);
                segments.add(count);
            }
            lastWeek = week;
        }
        System.out.printf(Locale.ROOT, "every screen's week: %.0f ms in all (%.0f ms CPU), %.2f ms per screen, %d segments; "
                        + "of which indexing the snapshot %.0f ms (medians of %d runs)%n",
                median(wall) / 1e6, median(cpu) / 1e6, median(wall) / 1e6 / screenCount, median(segments), median(indexing) / 1e6, runs);

        for (TargetKind target : TargetKind.values()) {
            ScheduleSnapshot.Entry before = snapshot.entries().stream().filter(e -> e.target() == target).findFirst().orElseThrow();
            ScheduleSnapshot.Entry after = new ScheduleSnapshot.Entry(before.id(), before.slug(), shifted(before.rule()),
                    before.target(), before.targetId(), before.priority() + 1, before.emergency(), before.createdAt(), before.playlistId());
            ScheduleResolver old = new ScheduleResolver(snapshot, SnapshotBuilder.CAMPUS);
            List<Long> recompute = new ArrayList<>();
            List<Long> recomputeCpu = new ArrayList<>();
            List<Long> rebuild = new ArrayList<>();
            int affectedCount = 0;
            for (int run = 0; run <= runs; run++) {
                campus.replace(after);
                Clocks clocks = new Clocks();
                ScheduleResolver changed = new ScheduleResolver(campus.snapshot(), SnapshotBuilder.CAMPUS);
                long rebuilt = clocks.wall();
                // Only the screens the old or the new version of the entry reaches can answer differently.
                Set<Long> affected = new HashSet<>(old.screensAffectedBy(before));
                affected.addAll(changed.screensAffectedBy(after));
                ScheduleResolver.Period week = changed.between(from, to, lastWeek);
                for (long screen : affected) {
                    week.timeline(screen);
                }
                if (run > 0) {
                    recompute.add(clocks.wall());
                    recomputeCpu.add(clocks.cpu());
                    rebuild.add(rebuilt);
                }
                affectedCount = affected.size();
                campus.replace(before);
            }
            System.out.printf(Locale.ROOT, "after an entry for %-6s changes: %4d affected screens recomputed in %6.1f ms "
                            + "(%.1f ms CPU; of which rebuilding snapshot and index %.1f ms; medians of %d runs)%n",
                    target.name().toLowerCase(Locale.ROOT), affectedCount, median(recompute) / 1e6, median(recomputeCpu) / 1e6,
                    median(rebuild) / 1e6, runs);
        }
    }

    /** Wall-clock and this thread's CPU time since creation; CPU time is less disturbed by other work on the machine. */
    private static final class Clocks {
        private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
        private final long wall = System.nanoTime();
        private final long cpu = THREADS.getCurrentThreadCpuTime();

        long wall() {
            return System.nanoTime() - wall;
        }

        long cpu() {
            return THREADS.getCurrentThreadCpuTime() - cpu;
        }
    }

    /** The same rule an hour later, as an editor moving a slot would change it. */
    private static TimeRule shifted(TimeRule rule) {
        return new TimeRule(rule.startDate(), rule.endDate(), rule.days(), rule.rrule(), rule.startTime().plusHours(1),
                rule.endTime().plusHours(1));
    }

    private void build() {
        List<Announcement> slides = new ArrayList<>();
        Instant weekStart = WEEK.atStartOfDay(SnapshotBuilder.CAMPUS).toInstant();
        for (int i = 0; i < 2000; i++) {
            // A quarter have a publish window that starts or ends during the week.
            Instant publishFrom = random.nextInt(4) == 0 ? weekStart.plus(Duration.ofHours(random.nextInt(24 * 7))) : null;
            Instant publishUntil = random.nextInt(4) == 0 ? weekStart.plus(Duration.ofHours(24 * 7 + random.nextInt(24 * 7) - 72)) : null;
            if (publishFrom != null && publishUntil != null && !publishUntil.isAfter(publishFrom)) {
                publishUntil = null;
            }
            String status = random.nextInt(10) == 0 ? "draft" : "approved";
            // a fifth are written in English too
            String[] english = random.nextInt(5) == 0 ? new String[] {"en"} : new String[0];
            Announcement slide = campus.announcement("slide-" + i, "da", status, publishFrom, publishUntil, english);
            slides.add(slide);
        }
        for (int i = 0; i < 300; i++) {
            if (i % 10 == 0) {
                playlists.add(campus.feed("feed-" + i, List.of("education", "culture", "youth", "practical").get(i / 10 % 4)));
            } else {
                Announcement[] items = new Announcement[5 + random.nextInt(10)];
                for (int k = 0; k < items.length; k++) {
                    items[k] = slides.get(random.nextInt(slides.size()));
                }
                playlists.add(campus.playlist("playlist-" + i, items));
            }
        }
        for (int g = 0; g < groupCount; g++) {
            groups.add(campus.group("group-" + g, random.nextBoolean() ? playlist() : null));
        }
        for (int s = 0; s < screenCount; s++) {
            Long[] memberOf = random.ints(1 + random.nextInt(3), 0, groupCount).distinct().mapToObj(groups::get).toArray(Long[]::new);
            screens.add(campus.screen("screen-" + s, random.nextInt(3) == 0 ? List.of("da", "en") : List.of("da"),
                    random.nextInt(4) == 0 ? playlist() : null, memberOf));
        }
        // Targets: 70 % one screen, 25 % a group, 5 % every screen; 1 % emergencies.
        for (int e = 0; e < entryCount; e++) {
            int pick = random.nextInt(100);
            TargetKind target = pick < 70 ? TargetKind.SCREEN
                    : pick < 95 ? TargetKind.GROUP : TargetKind.ALL;
            Long targetId = switch (target) {
                case SCREEN -> screens.get(random.nextInt(screens.size()));
                case GROUP -> groups.get(random.nextInt(groups.size()));
                case ALL -> null;
            };
            boolean emergency = random.nextInt(100) == 0;
            campus.entry("entry-" + e, playlist(), target, targetId, rule(emergency), random.nextInt(21), emergency);
        }
    }

    /**
     * Mixed rules: weekday slots, weekend evenings, overnight windows, monthly RRULEs, and
     * (six in ten) a date range somewhere in the year around the week.
     */
    private TimeRule rule(boolean emergency) {
        String startDate = null;
        String endDate = null;
        if (random.nextInt(10) < 6) {
            LocalDate first = WEEK.minusDays(180).plusDays(random.nextInt(360));
            startDate = first.toString();
            endDate = first.plusDays(7 + random.nextInt(60)).toString();
        }
        int kind = random.nextInt(10);
        LocalTime start = LocalTime.of(random.nextInt(24), random.nextInt(4) * 15);
        LocalTime end = emergency ? start.plusHours(1) : start.plusMinutes(30 + 30L * random.nextInt(8));
        String days = "";
        String rrule = null;
        if (kind < 5) {
            days = "MON,TUE,WED,THU,FRI";
        } else if (kind < 7) {
            days = String.join(",", new HashSet<>(List.of(DAYS.get(random.nextInt(7)), DAYS.get(random.nextInt(7)))));
        } else if (kind < 8) {
            rrule = "FREQ=MONTHLY;BYDAY=" + (1 + random.nextInt(4)) + DAYS.get(random.nextInt(7)).substring(0, 2);
            startDate = startDate == null ? WEEK.minusDays(random.nextInt(365)).toString() : startDate;
        }
        try {
            return SnapshotBuilder.rule(startDate, endDate, days, rrule, TimeRule.format(start), TimeRule.format(end));
        } catch (IllegalArgumentException neverOccurs) {
            return SnapshotBuilder.rule(null, null, "", null, TimeRule.format(start), TimeRule.format(end));
        }
    }

    private long playlist() {
        return playlists.get(random.nextInt(playlists.size()));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
