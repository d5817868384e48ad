package dk.albertslund.signage.schedule;

import dk.albertslund.signage.announcement.Announcement;
import dk.albertslund.signage.schedule.ScheduleResolver.Now;
import dk.albertslund.signage.schedule.ScheduleResolver.Segment;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dk.albertslund.signage.schedule.SnapshotBuilder.CAMPUS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over random schedules (any days, windows crossing midnight or inside the daylight-saving
 * hours, priorities, emergencies, targets, announcements with publish windows) and random
 * intervals: timelines cover their interval exactly, neighbours differ, and {@code now}
 * at any instant agrees with the segment that contains it.
 */
class TimelinePropertyTest {

    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 1);
    private static final List<LocalDate> DAYLIGHT_SAVING_DAYS = List.of(LocalDate.of(2026, 3, 29), LocalDate.of(2026, 10, 25));
    private static final List<String> DAY_NAMES = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

    /** An entry as drawn: its rule's parts, priority, kind, and whom it targets (0 = the screen, 1 = its group, 2 = another group, 3 = all, 4 = another screen). */
    record EntrySpec(Set<String> days, LocalTime start, LocalTime end, int priority, boolean emergency, int target,
                     int startOffsetDays, int lengthDays) {
    }

    /** An announcement as drawn, in one of two playlists: its publish window in hours from the first day (negative: none). */
    record AnnouncementSpec(int playlist, boolean approved, int fromHours, int untilHours, boolean english) {
    }

    record Schedule(List<EntrySpec> entries, List<AnnouncementSpec> announcements, boolean screenDefault, boolean groupDefault) {
    }

    /** The screen under test and the resolver over its schedule. */
    record Built(ScheduleResolver resolver, long screen) {
    }

    @Property(tries = 300)
    void a_timeline_covers_its_interval_without_gaps_or_overlaps_and_neighbouring_segments_differ(
            @ForAll("schedules") Schedule schedule, @ForAll("starts") Instant from, @ForAll("lengths") Duration length) {
        Built built = build(schedule);
        Instant to = from.plus(length);

        List<Segment> segments = built.resolver().timeline(built.screen(), from, to);

        assertThat(segments.get(0).start()).isEqualTo(from);
        assertThat(segments.get(segments.size() - 1).end()).isEqualTo(to);
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            assertThat(segment.start()).isBefore(segment.end());
            if (i > 0) {
                Segment previous = segments.get(i - 1);
                assertThat(segment.start()).isEqualTo(previous.end());
                assertThat(answer(segment)).isNotEqualTo(answer(previous));
            }
        }
    }

    @Property(tries = 300)
    void now_at_any_instant_agrees_with_the_segment_containing_it_and_changes_where_that_segment_ends(
            @ForAll("schedules") Schedule schedule, @ForAll("starts") Instant from, @ForAll("lengths") Duration length,
            @ForAll @Size(min = 1, max = 5) List<@DoubleRange(min = 0, max = 1, maxIncluded = false) Double> places) {
        Built built = build(schedule);
        Instant to = from.plus(length);
        List<Segment> segments = built.resolver().timeline(built.screen(), from, to);

        for (double place : places) {
            Instant at = from.plus(Duration.ofSeconds((long) (place * length.toSeconds())));
            Segment containing = segments.stream().filter(s -> !at.isBefore(s.start()) && at.isBefore(s.end())).findFirst().orElseThrow();

            Now now = built.resolver().now(built.screen(), at);

            assertThat(answer(now.playlists(), now.announcements(), now.reason())).isEqualTo(answer(containing));
            if (containing.end().isBefore(to)) {
                assertThat(now.nextChange()).isEqualTo(containing.end());
            } else if (now.nextChange() != null) {
                assertThat(now.nextChange()).isAfterOrEqualTo(to);
            }
        }
    }

    private static List<Object> answer(Segment segment) {
        return answer(segment.playlists(), segment.announcements(), segment.reason());
    }

    private static List<Object> answer(List<String> playlists, List<Announcement> announcements, ScheduleResolver.Reason reason) {
        return List.of(playlists, announcements.stream().map(Announcement::slug).toList(), reason);
    }

    private static Built build(Schedule schedule) {
        SnapshotBuilder campus = new SnapshotBuilder();
        List<List<Announcement>> items = List.of(new ArrayList<>(), new ArrayList<>());
        int n = 0;
        for (AnnouncementSpec spec : schedule.announcements()) {
            Instant from = spec.fromHours() < 0 ? null : FIRST_DAY.atStartOfDay(CAMPUS).toInstant().plus(Duration.ofHours(spec.fromHours()));
            Instant until = spec.untilHours() < 0 ? null
                    : FIRST_DAY.atStartOfDay(CAMPUS).toInstant().plus(Duration.ofHours(Math.max(spec.fromHours(), 0) + 1 + spec.untilHours()));
            String[] english = spec.english() ? new String[] {"en"} : new String[0];
            items.get(spec.playlist()).add(campus.announcement("a" + n++, "da", spec.approved() ? "approved" : "draft", from, until, english));
        }
        long first = campus.playlist("first", items.get(0).toArray(Announcement[]::new));
        long second = campus.playlist("second", items.get(1).toArray(Announcement[]::new));
        long group = campus.group("station", schedule.groupDefault() ? second : null);
        long otherGroup = campus.group("schools", null);
        long screen = campus.screen("platform", List.of("da", "en"), schedule.screenDefault() ? first : null, otherGroup, group);
        long otherScreen = campus.screen("library");
        int i = 0;
        for (EntrySpec spec : schedule.entries()) {
            LocalDate startDate = spec.startOffsetDays() < 0 ? null : FIRST_DAY.plusDays(spec.startOffsetDays());
            LocalDate endDate = startDate == null || spec.lengthDays() < 0 ? null : startDate.plusDays(spec.lengthDays());
            TimeRule.Checked rule = TimeRule.check(startDate == null ? null : startDate.toString(),
                    endDate == null ? null : endDate.toString(), List.copyOf(spec.days()), null,
                    TimeRule.format(spec.start()), TimeRule.format(spec.end()));
            if (!rule.ok()) {
                continue;
            }
            TargetKind target = switch (spec.target()) {
                case 0, 4 -> TargetKind.SCREEN;
                case 1, 2 -> TargetKind.GROUP;
                default -> TargetKind.ALL;
            };
            Long targetId = switch (spec.target()) {
                case 0 -> screen;
                case 1 -> group;
                case 2 -> otherGroup;
                case 4 -> otherScreen;
                default -> null;
            };
            campus.entry("entry-" + i++, i % 2 == 0 ? first : second, target, targetId, rule.rule(), spec.priority(), spec.emergency());
        }
        return new Built(campus.resolver(), screen);
    }

    @Provide
    Arbitrary<Schedule> schedules() {
        Arbitrary<LocalTime> times = Arbitraries.integers().between(0, 47).map(half -> LocalTime.of(half / 2, half % 2 * 30));
        Arbitrary<EntrySpec> entry = Combinators.combine(
                Arbitraries.of(DAY_NAMES).set().ofMaxSize(7),
                times, times,
                Arbitraries.integers().between(-2, 3),
                Arbitraries.of(true, false, false, false, false, false),
                Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(-1, 360),
                Arbitraries.integers().between(-1, 20)
        ).as(EntrySpec::new);
        Arbitrary<AnnouncementSpec> announcement = Combinators.combine(
                Arbitraries.integers().between(0, 1),
                Arbitraries.of(true, true, true, false),
                Arbitraries.integers().between(-1, 365 * 24),
                Arbitraries.integers().between(-1, 24 * 14),
                Arbitraries.of(true, false)
        ).as(AnnouncementSpec::new);
        return Combinators.combine(entry.list().ofMaxSize(12), announcement.list().ofMaxSize(6),
                Arbitraries.of(true, false), Arbitraries.of(true, false)).as(Schedule::new);
    }

    /** Any minute of 2026, one time in three on or next to a daylight-saving day. */
    @Provide
    Arbitrary<Instant> starts() {
        Arbitrary<Instant> anyMinute = Arbitraries.integers().between(0, 364 * 24 * 60)
                .map(m -> FIRST_DAY.atStartOfDay(CAMPUS).toInstant().plus(Duration.ofMinutes(m)));
        Arbitrary<Instant> nearDaylightSaving = Combinators.combine(Arbitraries.of(DAYLIGHT_SAVING_DAYS),
                        Arbitraries.integers().between(-2 * 24 * 60, 24 * 60))
                .as((day, m) -> day.atStartOfDay(CAMPUS).toInstant().plus(Duration.ofMinutes(m)));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, anyMinute),
                net.jqwik.api.Tuple.of(1, nearDaylightSaving));
    }

    /** From a minute to two weeks. */
    @Provide
    Arbitrary<Duration> lengths() {
        return Arbitraries.integers().between(1, 14 * 24 * 60).map(Duration::ofMinutes);
    }
}
