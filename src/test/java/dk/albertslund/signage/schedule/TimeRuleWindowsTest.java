package dk.albertslund.signage.schedule;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TimeRuleWindowsTest {

    private static final ZoneId CAMPUS = ZoneId.of("Europe/Copenhagen");

    private static TimeRule on(String date, String start, String end) {
        LocalDate day = LocalDate.parse(date);
        return new TimeRule(day, day, Set.of(), null, LocalTime.parse(start), LocalTime.parse(end));
    }

    private static List<TimeRule.Window> windowsAround(TimeRule rule, String date) {
        Instant day = LocalDate.parse(date).atStartOfDay(CAMPUS).toInstant();
        return rule.windows(CAMPUS, day.minus(Duration.ofDays(2)), day.plus(Duration.ofDays(3)));
    }

    private static Duration total(List<TimeRule.Window> windows) {
        return windows.stream().map(w -> Duration.between(w.start(), w.end())).reduce(Duration.ZERO, Duration::plus);
    }

    @ParameterizedTest(name = "{0} {1}–{2} lasts {3} minutes")
    @CsvSource({
            // spring forward 2026-03-29: 02:00 local does not exist
            "2026-03-29, 02:00, 03:00, 0",
            "2026-03-29, 01:00, 04:00, 120",
            "2026-03-29, 00:00, 00:00, 1380",
            "2026-03-29, 02:30, 02:45, 0",
            // fall back 2026-10-25: 02:00–03:00 local happens twice
            "2026-10-25, 02:00, 03:00, 120",
            "2026-10-25, 00:00, 00:00, 1500",
            "2026-10-25, 01:00, 02:30, 120",
            // an ordinary day
            "2026-12-01, 07:00, 10:00, 180",
            "2026-12-01, 00:00, 00:00, 1440",
            "2026-12-01, 22:00, 02:00, 240",
    })
    void a_window_is_the_instants_whose_local_time_falls_inside_it(String date, String start, String end, long minutes) {
        assertThat(total(windowsAround(on(date, start, end), date)).toMinutes()).isEqualTo(minutes);
    }

    @Test
    void a_window_ending_inside_the_repeated_hour_is_two_pieces() {
        List<TimeRule.Window> pieces = windowsAround(on("2026-10-25", "01:00", "02:30"), "2026-10-25");

        assertThat(pieces).containsExactly(
                new TimeRule.Window(Instant.parse("2026-10-24T23:00:00Z"), Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-24T23:00:00Z")),
                new TimeRule.Window(Instant.parse("2026-10-25T01:00:00Z"), Instant.parse("2026-10-25T01:30:00Z"), Instant.parse("2026-10-24T23:00:00Z")));
    }

    @Test
    void a_window_over_the_repeated_hour_is_one_piece_of_two_hours() {
        assertThat(windowsAround(on("2026-10-25", "02:00", "03:00"), "2026-10-25")).containsExactly(
                new TimeRule.Window(Instant.parse("2026-10-25T00:00:00Z"), Instant.parse("2026-10-25T02:00:00Z"), Instant.parse("2026-10-25T00:00:00Z")));
    }

    @Test
    void a_window_crossing_midnight_belongs_to_the_day_it_starts_and_the_end_date_is_inclusive() {
        TimeRule fridayNights = new TimeRule(LocalDate.parse("2026-12-04"), LocalDate.parse("2026-12-11"),
                Set.of(DayOfWeek.FRIDAY), null, LocalTime.of(22, 0), LocalTime.of(2, 0));

        List<TimeRule.Window> windows = fridayNights.windows(CAMPUS,
                Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-20T00:00:00Z"));

        assertThat(windows).extracting(TimeRule.Window::start).containsExactly(
                Instant.parse("2026-12-04T21:00:00Z"), Instant.parse("2026-12-11T21:00:00Z"));
        assertThat(windows).extracting(TimeRule.Window::end).containsExactly(
                Instant.parse("2026-12-05T01:00:00Z"), Instant.parse("2026-12-12T01:00:00Z"));
    }

    @Test
    void an_rrule_is_expanded_by_ical4j_from_its_anchor() {
        TimeRule firstMonday = new TimeRule(LocalDate.parse("2026-12-01"), null, Set.of(), "FREQ=MONTHLY;BYDAY=1MO",
                LocalTime.of(11, 30), LocalTime.of(13, 0));

        assertThat(firstMonday.startDays(LocalDate.parse("2026-11-01"), LocalDate.parse("2027-03-31")))
                .containsExactly(LocalDate.parse("2026-12-07"), LocalDate.parse("2027-01-04"),
                        LocalDate.parse("2027-02-01"), LocalDate.parse("2027-03-01"));
    }

    @Test
    void windows_do_not_depend_on_the_interval_asked_about() {
        TimeRule evenings = new TimeRule(null, null, Set.of(), null, LocalTime.of(17, 0), LocalTime.of(23, 0));

        List<TimeRule.Window> narrow = evenings.windows(CAMPUS, Instant.parse("2026-12-01T18:00:00Z"), Instant.parse("2026-12-01T18:01:00Z"));

        assertThat(narrow).containsExactly(new TimeRule.Window(Instant.parse("2026-12-01T16:00:00Z"),
                Instant.parse("2026-12-01T22:00:00Z"), Instant.parse("2026-12-01T16:00:00Z")));
    }
}
