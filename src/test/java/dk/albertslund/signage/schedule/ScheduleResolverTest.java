package dk.albertslund.signage.schedule;

import dk.albertslund.signage.announcement.Announcement;
import dk.albertslund.signage.schedule.ScheduleResolver.Kind;
import dk.albertslund.signage.schedule.ScheduleResolver.Loser;
import dk.albertslund.signage.schedule.ScheduleResolver.Now;
import dk.albertslund.signage.schedule.ScheduleResolver.Segment;
import dk.albertslund.signage.schedule.ScheduleResolver.Winner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static dk.albertslund.signage.schedule.SnapshotBuilder.CAMPUS;
import static dk.albertslund.signage.schedule.SnapshotBuilder.at;
import static dk.albertslund.signage.schedule.SnapshotBuilder.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The scheduling semantics of docs/ARCHITECTURE.md, case by case, as the resolver answers them. */
class ScheduleResolverTest {

    private final SnapshotBuilder campus = new SnapshotBuilder();
    private final long foyer = campus.screen("foyer");

    private static List<String> slugs(List<Announcement> announcements) {
        return announcements.stream().map(Announcement::slug).toList();
    }

    private Now now(String local) {
        return campus.resolver().now(foyer, at(local));
    }

    private List<Segment> timeline(String fromLocal, String toLocal) {
        return campus.resolver().timeline(foyer, at(fromLocal), at(toLocal));
    }

    /** How long the screen plays scheduled content in [from, to). */
    private Duration scheduled(Instant from, Instant to) {
        return campus.resolver().timeline(foyer, from, to).stream().filter(s -> s.reason().kind() == Kind.SCHEDULE)
                .map(s -> Duration.between(s.start(), s.end())).reduce(Duration.ZERO, Duration::plus);
    }

    @ParameterizedTest(name = "{0} {1} {2}–{3} rrule={4}: at {5} playing={6}")
    @CsvSource(nullValues = "-", value = {
            // start inclusive, end exclusive
            "-,          -,          'MON,TUE,WED,THU,FRI', 07:00, 10:00, -,                    2026-12-01T07:00, true",
            "-,          -,          'MON,TUE,WED,THU,FRI', 07:00, 10:00, -,                    2026-12-01T09:59, true",
            "-,          -,          'MON,TUE,WED,THU,FRI', 07:00, 10:00, -,                    2026-12-01T10:00, false",
            "-,          -,          'MON,TUE,WED,THU,FRI', 07:00, 10:00, -,                    2026-12-05T08:00, false",
            // across midnight: the window belongs to the day it starts
            "-,          -,          FRI,                   22:00, 02:00, -,                    2026-12-05T01:59, true",
            "-,          -,          FRI,                   22:00, 02:00, -,                    2026-12-05T02:00, false",
            "-,          -,          FRI,                   22:00, 02:00, -,                    2026-12-04T01:00, false",
            // end date inclusive, of the day the window starts
            "-,          2026-12-04, -,                     22:00, 02:00, -,                    2026-12-05T01:00, true",
            "-,          2026-12-04, -,                     22:00, 02:00, -,                    2026-12-05T22:30, false",
            "2026-12-04, -,          -,                     22:00, 02:00, -,                    2026-12-04T01:00, false",
            "2026-12-04, -,          -,                     22:00, 02:00, -,                    2026-12-04T22:00, true",
            // RRULE, counted from its start date
            "2026-12-01, -,          -,                     11:30, 13:00, FREQ=MONTHLY;BYDAY=1MO, 2026-12-07T12:00, true",
            "2026-12-01, -,          -,                     11:30, 13:00, FREQ=MONTHLY;BYDAY=1MO, 2026-12-14T12:00, false",
            "2026-12-01, -,          -,                     11:30, 13:00, FREQ=MONTHLY;BYDAY=1MO, 2027-01-04T11:30, true",
            "2026-12-01, -,          -,                     11:30, 13:00, FREQ=MONTHLY;BYDAY=1MO, 2026-11-02T12:00, false",
            // a window from midnight to midnight is the whole day
            "-,          -,          -,                     00:00, 00:00, -,                    2026-12-01T23:59, true",
    })
    void a_screen_plays_an_entry_exactly_while_the_local_time_is_inside_one_of_its_windows(
            String startDate, String endDate, String days, String start, String end, String rrule, String local, boolean playing) {
        campus.onScreen("entry", campus.playlist("program"), foyer, rule(startDate, endDate, days, rrule, start, end), 0);

        Now now = now(local);

        assertThat(now.reason().kind()).isEqualTo(playing ? Kind.SCHEDULE : Kind.STANDBY);
        assertThat(now.playlists()).isEqualTo(playing ? List.of("program") : List.of());
    }

    @ParameterizedTest(name = "on {0} a {1}–{2} window plays {3} minutes")
    @CsvSource({
            // spring forward: 02:00–03:00 local does not exist
            "2026-03-29, 02:00, 03:00, 0",
            "2026-03-29, 01:00, 04:00, 120",
            "2026-03-29, 00:00, 00:00, 1380",
            // fall back: 02:00–03:00 local happens twice
            "2026-10-25, 02:00, 03:00, 120",
            "2026-10-25, 00:00, 00:00, 1500",
            "2026-12-01, 00:00, 00:00, 1440",
    })
    void on_daylight_saving_days_a_window_lasts_as_long_as_its_wall_clock_hours_exist(String day, String start, String end,
                                                                                        long minutes) {
        campus.onScreen("entry", campus.playlist("program"), foyer, rule(day, day, "", null, start, end), 0);
        Instant midnight = LocalDate.parse(day).atStartOfDay(CAMPUS).toInstant();

        assertThat(scheduled(midnight.minus(Duration.ofDays(1)), midnight.plus(Duration.ofDays(2))).toMinutes()).isEqualTo(minutes);
    }

    @Test
    void on_the_fall_back_day_the_repeated_hour_is_one_segment_of_two_real_hours() {
        campus.onScreen("night", campus.playlist("program"), foyer, rule("", "02:00", "03:00"), 0);

        List<Segment> segments = timeline("2026-10-25T00:00", "2026-10-25T04:00");

        assertThat(segments).extracting(Segment::start, Segment::end, s -> s.reason().kind()).containsExactly(
                tuple(Instant.parse("2026-10-24T22:00:00Z"), Instant.parse("2026-10-25T00:00:00Z"), Kind.STANDBY),
                tuple(Instant.parse("2026-10-25T00:00:00Z"), Instant.parse("2026-10-25T02:00:00Z"), Kind.SCHEDULE),
                tuple(Instant.parse("2026-10-25T02:00:00Z"), Instant.parse("2026-10-25T03:00:00Z"), Kind.STANDBY));
    }

    @Test
    void the_higher_priority_plays_and_the_lower_one_loses_naming_both_priorities() {
        campus.onScreen("morning", campus.playlist("morning-news"), foyer, rule("MON,TUE,WED,THU,FRI", "07:00", "10:00"), 10);
        campus.onScreen("all-day", campus.playlist("campus-loop"), foyer, rule("", "06:00", "22:00"), 5);

        Now now = now("2026-12-01T08:00");

        assertThat(now.playlists()).containsExactly("morning-news");
        assertThat(now.reason().kind()).isEqualTo(Kind.SCHEDULE);
        assertThat(now.reason().winners()).containsExactly(new Winner("morning", 10, "MON–FRI 07:00–10:00"));
        assertThat(now.reason().losers()).containsExactly(new Loser("all-day", "lower priority (5 < 10)"));
        assertThat(now.nextChange()).isEqualTo(at("2026-12-01T10:00"));
    }

    @Test
    void equal_priorities_play_together_in_the_order_their_windows_opened_then_by_creation() {
        long late = campus.playlist("late");
        long early = campus.playlist("early");
        long sameTimeNewer = campus.playlist("same-time-newer");
        campus.onScreen("opened-at-nine", late, foyer, rule("", "09:00", "12:00"), 3);
        campus.onScreen("opened-at-eight-older", early, foyer, rule("", "08:00", "12:00"), 3);
        campus.onScreen("opened-at-nine-newer", sameTimeNewer, foyer, rule("", "09:00", "12:00"), 3);

        Now now = now("2026-12-01T10:00");

        assertThat(now.playlists()).containsExactly("early", "late", "same-time-newer");
        assertThat(now.reason().winners()).extracting(Winner::entry)
                .containsExactly("opened-at-eight-older", "opened-at-nine", "opened-at-nine-newer");
        assertThat(now.reason().losers()).isEmpty();
    }

    @Test
    void a_window_that_opened_the_evening_before_comes_before_one_that_opened_this_morning() {
        campus.onScreen("morning", campus.playlist("morning"), foyer, rule("", "00:00", "06:00"), 0);
        campus.onScreen("overnight", campus.playlist("overnight"), foyer, rule("", "22:00", "06:00"), 0);

        assertThat(now("2026-12-01T03:00").playlists()).containsExactly("overnight", "morning");
    }

    @Test
    void a_playlist_scheduled_by_two_winning_entries_plays_once_where_it_first_comes() {
        long loop = campus.playlist("loop", campus.approved("jazz"));
        campus.onScreen("first", loop, foyer, rule("", "08:00", "12:00"), 0);
        campus.onScreen("second", campus.playlist("other", campus.approved("teater")), foyer, rule("", "09:00", "12:00"), 0);
        campus.onScreen("third", loop, foyer, rule("", "09:00", "12:00"), 0);

        Now now = now("2026-12-01T10:00");

        assertThat(now.playlists()).containsExactly("loop", "other");
        assertThat(slugs(now.announcements())).containsExactly("jazz", "teater");
        assertThat(now.reason().winners()).extracting(Winner::entry).containsExactly("first", "second", "third");
    }

    @Test
    void an_emergency_alone_decides_even_over_a_higher_priority_and_every_other_entry_loses() {
        campus.onScreen("morning", campus.playlist("morning-news"), foyer, rule("", "07:00", "10:00"), 900);
        campus.emergency("evacuation", campus.playlist("evacuate"), rule("", "00:00", "00:00"), 1);

        Now now = now("2026-12-01T08:00");

        assertThat(now.playlists()).containsExactly("evacuate");
        assertThat(now.reason().kind()).isEqualTo(Kind.EMERGENCY);
        assertThat(now.reason().winners()).containsExactly(new Winner("evacuation", 1, "every day 00:00–00:00"));
        assertThat(now.reason().losers()).containsExactly(new Loser("morning", "an emergency entry decides"));
    }

    @ParameterizedTest(name = "emergencies of priority {0} (older) and {1} (newer): {2} decides")
    @CsvSource({
            "10, 5, older, lower priority (5 < 10)",
            "5, 10, newer, lower priority (5 < 10)",
            "7, 7, newer, a newer emergency entry of the same priority (7) decides",
    })
    void among_emergencies_the_highest_priority_decides_then_the_newest(int olderPriority, int newerPriority, String winner,
                                                                        String why) {
        campus.emergency("older", campus.playlist("older-playlist"), rule("", "00:00", "00:00"), olderPriority);
        campus.emergency("newer", campus.playlist("newer-playlist"), rule("", "00:00", "00:00"), newerPriority);

        Now now = now("2026-12-01T12:00");

        assertThat(now.playlists()).containsExactly(winner + "-playlist");
        assertThat(now.reason().losers()).containsExactly(new Loser(winner.equals("older") ? "newer" : "older", why));
    }

    @ParameterizedTest(name = "screen default: {0}, group defaults: {1} → {2}")
    @CsvSource(nullValues = "-", value = {
            "own,  'first,second', screen-default, own",
            "-,    'first,second', group-default,  first",
            "-,    '-,second',     group-default,  second",
            "-,    '-,-',          standby,        -",
    })
    void with_nothing_scheduled_the_screen_default_plays_then_its_first_group_default_then_standby(
            String screenDefault, String groupDefaults, String kind, String playing) {
        List<Long> groups = Arrays.stream(groupDefaults.split(","))
                .map(name -> campus.group("group-" + name, name.equals("-") ? null : campus.playlist(name))).toList();
        long station = campus.screen("station", List.of("da"), screenDefault == null ? null : campus.playlist(screenDefault),
                groups.toArray(Long[]::new));

        Now now = campus.resolver().now(station, at("2026-12-01T12:00"));

        assertThat(now.reason().kind().value()).isEqualTo(kind);
        assertThat(now.playlists()).isEqualTo(playing == null ? List.of() : List.of(playing));
        assertThat(now.announcements()).isEmpty();
        assertThat(now.nextChange()).isNull();
    }

    @Test
    void entries_for_the_screens_groups_and_for_all_count_and_entries_for_other_screens_and_groups_do_not() {
        long station = campus.group("station", null);
        long schools = campus.group("schools", null);
        long platform = campus.screen("platform", List.of("da"), null, station);
        long other = campus.screen("other");
        campus.entry("for-station", campus.playlist("station-news"), TargetKind.GROUP, station, rule("", "08:00", "12:00"), 0, false);
        campus.entry("for-schools", campus.playlist("school-news"), TargetKind.GROUP, schools, rule("", "08:00", "12:00"), 0, false);
        campus.entry("for-all", campus.playlist("campus-news"), TargetKind.ALL, null, rule("", "08:00", "12:00"), 0, false);
        campus.onScreen("for-other", campus.playlist("other-news"), other, rule("", "08:00", "12:00"), 0);

        Now now = campus.resolver().now(platform, at("2026-12-01T09:00"));

        assertThat(now.playlists()).containsExactly("station-news", "campus-news");
        assertThat(campus.resolver().screensAffectedBy(campus.entries().get(0))).containsExactly(platform);
    }

    @Test
    void an_announcement_shows_from_its_publish_from_up_to_but_not_at_its_publish_until() {
        Announcement concert = campus.announcement("koncert", "da", "approved", at("2026-12-01T08:30"), at("2026-12-01T09:15"));
        campus.onScreen("morning", campus.playlist("culture", concert, campus.approved("always")), foyer,
                rule("", "08:00", "10:00"), 0);

        List<Segment> segments = timeline("2026-12-01T08:00", "2026-12-01T10:00");

        assertThat(segments).extracting(Segment::start).containsExactly(at("2026-12-01T08:00"), at("2026-12-01T08:30"), at("2026-12-01T09:15"));
        assertThat(segments).extracting(s -> slugs(s.announcements()))
                .containsExactly(List.of("always"), List.of("koncert", "always"), List.of("always"));
        assertThat(now("2026-12-01T09:15").announcements()).extracting(Announcement::slug).containsExactly("always");
        assertThat(now("2026-12-01T08:29").nextChange()).isEqualTo(at("2026-12-01T08:30"));
    }

    @ParameterizedTest(name = "a {0} announcement is never shown")
    @ValueSource(strings = {"draft", "submitted", "rejected", "archived"})
    void only_approved_announcements_are_shown(String status) {
        Announcement unapproved = campus.announcement("not-yet", "da", status, null, null);
        campus.onScreen("always", campus.playlist("loop", unapproved, campus.approved("ok")), foyer, rule("", "00:00", "00:00"), 0);

        assertThat(slugs(now("2026-12-01T12:00").announcements())).containsExactly("ok");
    }

    @Test
    void a_feed_playlist_shows_its_approved_matches_inside_their_publish_windows_oldest_first() {
        campus.approved("first");
        campus.announcement("draft-match", "da", "draft", null, null);
        campus.announcement("later-match", "da", "approved", at("2026-12-02T00:00"), null);
        campus.onScreen("feed", campus.feed("culture-feed", "culture"), foyer, rule("", "00:00", "00:00"), 0);

        assertThat(slugs(now("2026-12-01T12:00").announcements())).containsExactly("first");
        assertThat(slugs(now("2026-12-02T12:00").announcements())).containsExactly("first", "later-match");
    }

    @ParameterizedTest(name = "a screen in {0} shows {1}")
    @CsvSource({
            "'da,en', 'velkommen,dansk-kun,english-only'",
            "'en,da', 'velkommen,dansk-kun,english-only'",
            "da,      'velkommen,dansk-kun'",
            // a message in Danish and English is one slide, on a Danish screen as on an English one
            "en,      'velkommen,english-only'",
    })
    void a_message_shows_once_on_a_screen_that_plays_any_of_its_languages(String languages, String shown) {
        Announcement welcome = campus.bilingual("velkommen");
        Announcement danishOnly = campus.approved("dansk-kun");
        Announcement englishOnly = campus.announcement("english-only", "en", "approved", null, null);
        long screen = campus.screen("bibliotek", List.of(languages.split(",")), campus.playlist("loop", welcome, danishOnly, englishOnly));

        Now now = campus.resolver().now(screen, at("2026-12-01T12:00"));

        assertThat(slugs(now.announcements())).containsExactly(shown.split(","));
    }

    @ParameterizedTest(name = "at {0} the answer next changes at {1}")
    @CsvSource(nullValues = "-", value = {
            "2026-12-01T09:00, 2026-12-01T10:00",
            "2026-12-01T10:00, 2026-12-02T07:00",
            "2026-12-04T10:00, 2026-12-07T07:00",
            "2026-12-01T06:59, 2026-12-01T07:00",
    })
    void the_next_change_is_the_first_instant_at_which_the_answer_differs(String local, String next) {
        campus.onScreen("weekday-mornings", campus.playlist("morning"), foyer, rule("MON,TUE,WED,THU,FRI", "07:00", "10:00"), 0);

        assertThat(now(local).nextChange()).isEqualTo(at(next));
    }

    @Test
    void an_answer_that_holds_beyond_the_horizon_has_no_next_change() {
        campus.onScreen("christmas", campus.playlist("jul"), foyer, rule("2026-12-24", "2026-12-24", "", null, "10:00", "12:00"), 0);

        assertThat(now("2026-12-24T12:00").nextChange()).isNull();
        assertThat(now("2026-11-01T12:00").nextChange()).isEqualTo(at("2026-12-24T10:00"));
        assertThat(now("2026-10-20T11:00").nextChange()).isNull();
    }

    @Test
    void touching_windows_of_the_same_answer_are_one_segment_and_the_timeline_covers_the_interval() {
        campus.onScreen("always", campus.playlist("loop"), foyer, rule("", "00:00", "00:00"), 0);

        List<Segment> segments = timeline("2026-12-01T12:00", "2026-12-04T12:00");

        assertThat(segments).extracting(Segment::start, Segment::end).containsExactly(
                tuple(at("2026-12-01T12:00"), at("2026-12-04T12:00")));
    }

    @Test
    void a_loser_appearing_is_a_change_of_the_answer_because_the_reason_changes() {
        campus.onScreen("high", campus.playlist("high"), foyer, rule("", "08:00", "12:00"), 10);
        campus.onScreen("low", campus.playlist("low"), foyer, rule("", "09:00", "10:00"), 1);

        List<Segment> segments = timeline("2026-12-01T08:00", "2026-12-01T12:00");

        assertThat(segments).extracting(Segment::start).containsExactly(at("2026-12-01T08:00"), at("2026-12-01T09:00"), at("2026-12-01T10:00"));
        assertThat(segments).allSatisfy(s -> assertThat(s.playlists()).containsExactly("high"));
        assertThat(segments.get(1).reason().losers()).containsExactly(new Loser("low", "lower priority (1 < 10)"));
    }

    @Test
    void after_an_entry_changes_a_period_reusing_the_earlier_windows_expands_only_the_changed_rule_again() {
        long loop = campus.playlist("loop");
        ScheduleSnapshot.Entry morning = campus.onScreen("morning", loop, foyer, rule("", "07:00", "10:00"), 0);
        campus.onScreen("evening", campus.playlist("evening"), foyer, rule("", "18:00", "20:00"), 0);
        Instant from = at("2026-12-01T00:00");
        Instant to = at("2026-12-02T00:00");
        ScheduleResolver.Period before = campus.resolver().between(from, to);
        before.timeline(foyer);
        campus.replace(new ScheduleSnapshot.Entry(morning.id(), morning.slug(), rule("", "08:00", "11:00"), morning.target(),
                morning.targetId(), morning.priority(), false, morning.createdAt(), loop));

        ScheduleResolver changed = campus.resolver();
        List<Segment> reused = changed.between(from, to, before).timeline(foyer);

        assertThat(reused).isEqualTo(changed.timeline(foyer, from, to));
        assertThat(reused).extracting(Segment::start).containsExactly(at("2026-12-01T00:00"), at("2026-12-01T08:00"),
                at("2026-12-01T11:00"), at("2026-12-01T18:00"), at("2026-12-01T20:00"));
    }

    @ParameterizedTest(name = "{0} → \"{1}\"")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "-|-|MON,TUE,WED,THU,FRI|-|07:00|10:00|MON–FRI 07:00–10:00",
            "-|-|MON,WED,FRI|-|07:00|10:00|MON, WED, FRI 07:00–10:00",
            "-|-|MON,TUE,WED,SAT,SUN|-|07:00|10:00|MON–WED, SAT, SUN 07:00–10:00",
            "-|-|SAT,SUN|-|22:00|02:00|SAT, SUN 22:00–02:00",
            "-|-|-|-|00:00|00:00|every day 00:00–00:00",
            "2026-12-01|-|-|FREQ=MONTHLY;BYDAY=1MO|11:30|13:00|FREQ=MONTHLY;BYDAY=1MO 11:30–13:00 from 2026-12-01",
            "2026-12-01|2026-12-24|-|-|16:00|18:00|every day 16:00–18:00 from 2026-12-01 to 2026-12-24",
            "-|2026-12-24|FRI|-|16:00|18:00|FRI 16:00–18:00 until 2026-12-24",
    })
    void a_rule_is_described_as_staff_write_it(String startDate, String endDate, String days, String rrule, String start,
                                              String end, String described) {
        assertThat(ScheduleResolver.describe(rule(startDate, endDate, days, rrule, start, end))).isEqualTo(described);
    }
}
