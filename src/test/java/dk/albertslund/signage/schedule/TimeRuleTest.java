package dk.albertslund.signage.schedule;

import dk.albertslund.signage.schedule.TimeRule.FieldError;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TimeRuleTest {

    private static TimeRule.Checked rrule(String startDate, String endDate, String rrule) {
        return TimeRule.check(startDate, endDate, null, rrule, "11:30", "13:00");
    }

    private static TimeRule.Checked days(String startDate, String endDate, List<String> days) {
        return TimeRule.check(startDate, endDate, days, null, "14:00", "17:00");
    }

    @Test
    void first_monday_of_every_month_is_accepted_and_starts_on_those_mondays_only() {
        TimeRule.Checked checked = rrule("2026-12-01", null, "FREQ=MONTHLY;BYDAY=1MO");

        assertThat(checked.errors()).isEmpty();
        TimeRule rule = checked.rule();
        assertThat(rule.rrule()).isEqualTo("FREQ=MONTHLY;BYDAY=1MO");
        assertThat(rule.startsOn(LocalDate.of(2026, 12, 7))).isTrue();
        assertThat(rule.startsOn(LocalDate.of(2026, 12, 14))).isFalse();
        assertThat(rule.startsOn(LocalDate.of(2027, 1, 4))).isTrue();
        assertThat(rule.startsOn(LocalDate.of(2026, 11, 2))).isFalse();
    }

    @Test
    void an_unknown_frequency_is_refused_with_the_frequencies_that_exist() {
        TimeRule.Checked checked = rrule("2026-12-01", null, "FREQ=SOMETIMES");

        assertThat(checked.rule()).isNull();
        assertThat(checked.errors()).containsExactly(new FieldError("rrule",
                "is not a valid RFC 5545 RRULE: FREQ=SOMETIMES is not a frequency; use DAILY, WEEKLY, MONTHLY or YEARLY"));
    }

    @Test
    void other_unreadable_rules_are_refused_with_the_part_that_is_wrong() {
        assertThat(rrule("2026-12-01", null, "FREQ=DAILY;FOO=BAR").errors()).containsExactly(new FieldError("rrule",
                "is not a valid RFC 5545 RRULE: Invalid recurrence rule part: FOO=BAR"));
        assertThat(rrule("2026-12-01", null, "FREQ=WEEKLY;BYDAY=XX").errors()).containsExactly(new FieldError("rrule",
                "is not a valid RFC 5545 RRULE: 'XX' is not a weekday; use MO, TU, WE, TH, FR, SA or SU"));
        assertThat(rrule("2026-12-01", null, "BYDAY=MO").errors()).containsExactly(new FieldError("rrule",
                "is not a valid RFC 5545 RRULE: A recurrence rule MUST contain a FREQ rule part."));
        assertThat(rrule("2026-12-01", null, "FREQ=DAILY;INTERVAL=two").errors()).containsExactly(new FieldError("rrule",
                "is not a valid RFC 5545 RRULE: expected a number, found \"TWO\""));
    }

    @Test
    void rule_names_are_read_case_insensitively_with_or_without_the_rrule_prefix() {
        TimeRule.Checked checked = rrule("2026-12-01", null, " rrule:freq=weekly;byday=mo,fr ");

        assertThat(checked.errors()).isEmpty();
        assertThat(checked.rule().rrule()).isEqualTo("FREQ=WEEKLY;BYDAY=MO,FR");
    }

    @Test
    void the_rule_counts_from_start_date_so_count_ends_it() {
        TimeRule rule = rrule("2026-12-01", null, "FREQ=WEEKLY;COUNT=2").rule();

        assertThat(rule.startsOn(LocalDate.of(2026, 12, 1))).isTrue();
        assertThat(rule.startsOn(LocalDate.of(2026, 12, 8))).isTrue();
        assertThat(rule.startsOn(LocalDate.of(2026, 12, 15))).isFalse();
    }

    @Test
    void an_rrule_needs_a_start_date_and_keeps_its_own_dtstart_and_until_out() {
        assertThat(rrule(null, null, "FREQ=MONTHLY;BYDAY=1MO").errors()).containsExactly(
                new FieldError("startDate", "is required with an rrule: the rule counts from this day"));
        assertThat(rrule("2026-12-01", null, "FREQ=DAILY;UNTIL=20261224").errors()).containsExactly(
                new FieldError("rrule", "must not hold an UNTIL; set endDate instead"));
        assertThat(rrule("2026-12-01", null, "DTSTART:20261201\nRRULE:FREQ=DAILY").errors()).containsExactly(
                new FieldError("rrule", "must not hold a DTSTART; the rule counts from startDate"));
    }

    @Test
    void an_rrule_picks_days_not_hours() {
        String message = "may only pick days (FREQ=DAILY, WEEKLY, MONTHLY or YEARLY, without BYHOUR, BYMINUTE or BYSECOND);"
                + " the hours come from startTime and endTime";

        assertThat(rrule("2026-12-01", null, "FREQ=HOURLY").errors()).containsExactly(new FieldError("rrule", message));
        assertThat(rrule("2026-12-01", null, "FREQ=DAILY;BYHOUR=9").errors()).containsExactly(new FieldError("rrule", message));
    }

    @Test
    void a_window_that_ends_at_or_before_its_start_crosses_midnight() {
        TimeRule.Checked night = TimeRule.check(null, null, List.of("FRI", "SAT"), null, "22:00", "02:00");
        TimeRule.Checked wholeDay = TimeRule.check(null, null, null, null, "06:00", "06:00");

        assertThat(night.errors()).isEmpty();
        assertThat(night.rule().crossesMidnight()).isTrue();
        assertThat(night.rule().startsOn(LocalDate.of(2026, 12, 4))).isTrue();   // a Friday
        assertThat(night.rule().startsOn(LocalDate.of(2026, 12, 6))).isFalse();  // Sunday: the window only ends then
        assertThat(wholeDay.rule().crossesMidnight()).isTrue();
        assertThat(TimeRule.check(null, null, null, null, "07:00", "10:00").rule().crossesMidnight()).isFalse();
    }

    @Test
    void days_are_read_in_any_case_and_shown_monday_first() {
        TimeRule rule = days(null, null, List.of("fri", "MON", "Wed", "MON")).rule();

        assertThat(rule.days()).isEqualTo(Set.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY));
        assertThat(rule.dayNames()).containsExactly("MON", "WED", "FRI");
        assertThat(rule.startTime()).isEqualTo(LocalTime.of(14, 0));
    }

    @Test
    void no_days_means_every_day_within_the_dates() {
        TimeRule rule = days("2026-12-01", "2026-12-31", List.of()).rule();

        assertThat(rule.startsOn(LocalDate.of(2026, 12, 1))).isTrue();
        assertThat(rule.startsOn(LocalDate.of(2026, 12, 31))).isTrue();
        assertThat(rule.startsOn(LocalDate.of(2027, 1, 1))).isFalse();
        assertThat(rule.startsOn(LocalDate.of(2026, 11, 30))).isFalse();
    }

    @Test
    void an_unknown_day_is_named() {
        assertThat(days(null, null, List.of("MON", "FUNDAY")).errors()).containsExactly(
                new FieldError("days", "'FUNDAY' is not a day; use MON, TUE, WED, THU, FRI, SAT, SUN (or MO, TU, WE, TH, FR, SA, SU)"));
    }

    @Test
    void days_may_be_written_as_in_an_rrule() {
        TimeRule rule = days(null, null, List.of("MO", "we", "SU")).rule();

        assertThat(rule.days()).isEqualTo(Set.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.SUNDAY));
        assertThat(rule.dayNames()).containsExactly("MON", "WED", "SUN");
    }

    @Test
    void the_end_of_the_day_written_as_24_00_is_told_to_be_00_00() {
        assertThat(TimeRule.check(null, null, null, null, "18:00", "24:00").errors()).containsExactly(
                new FieldError("endTime", "write the end of the day as 00:00: a window that ends at or before its start runs past midnight"));
    }

    @Test
    void days_and_rrule_together_are_refused() {
        assertThat(TimeRule.check("2026-12-01", null, List.of("MON"), "FREQ=WEEKLY", "10:00", "11:00").errors())
                .containsExactly(new FieldError("rrule", "cannot be combined with days; use one or the other"));
    }

    @Test
    void an_end_date_before_the_start_date_is_refused() {
        assertThat(days("2027-03-01", "2027-02-15", null).errors()).containsExactly(
                new FieldError("endDate", "must be on or after startDate (2027-03-01)"));
    }

    @Test
    void weekdays_that_never_fall_between_the_dates_are_refused() {
        // 15–19 February 2027 is Monday to Friday.
        assertThat(days("2027-02-15", "2027-02-19", List.of("SAT", "SUN")).errors()).containsExactly(
                new FieldError("days", "none of SAT, SUN falls between startDate 2027-02-15 and endDate 2027-02-19, so this would never play"));
        assertThat(days("2027-02-15", "2027-02-19", List.of("SUN", "FRI")).errors()).isEmpty();
    }

    @Test
    void an_rrule_without_an_occurrence_between_the_dates_is_refused() {
        assertThat(rrule("2026-12-08", "2026-12-31", "FREQ=MONTHLY;BYDAY=1MO").errors()).containsExactly(
                new FieldError("rrule", "has no occurrence between startDate 2026-12-08 and endDate 2026-12-31, so this would never play"));
        assertThat(rrule("2026-12-01", null, "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30").errors()).containsExactly(
                new FieldError("rrule", "has no occurrence in the 10 years from startDate 2026-12-01, so this would never play"));
        assertThat(rrule("2026-12-01", null, "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29").errors()).isEmpty();
    }

    @Test
    void times_and_dates_must_be_readable_and_every_bad_field_is_named_at_once() {
        TimeRule.Checked checked = TimeRule.check("1 December", "2026-13-01", null, null, "7:30", null);

        assertThat(checked.errors()).containsExactly(
                new FieldError("startDate", "must be a date like 2026-12-01"),
                new FieldError("endDate", "must be a date like 2026-12-01"),
                new FieldError("startTime", "must be a time like 07:30 (00:00–23:59)"),
                new FieldError("endTime", "is required, as HH:MM"));
        assertThat(TimeRule.check(null, null, null, null, "24:00", "23:60").errors()).extracting(FieldError::field)
                .containsExactly("startTime", "endTime");
    }
}
