package dk.albertslund.signage.schedule;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WeekCalendarTest {

    private static final ZoneId CAMPUS = ZoneId.of("Europe/Copenhagen");

    private static TimeRule rule(List<String> days, String start, String end) {
        TimeRule.Checked checked = TimeRule.check(null, null, days, null, start, end);
        assertThat(checked.errors()).isEmpty();
        return checked.rule();
    }

    private static List<String> at(List<List<WeekCalendar.Cell<String>>> grid, int hour, int day) {
        return grid.get(hour).get(day - 1).entries();
    }

    @Test
    void a_friday_night_window_past_midnight_fills_friday_evening_and_saturday_night() {
        var grid = WeekCalendar.grid(LocalDate.of(2026, 11, 30),
                List.of(new WeekCalendar.Placed<>("fredagsbar", rule(List.of("FRI"), "22:00", "02:00"))), CAMPUS);

        assertThat(at(grid, 21, 5)).isEmpty();
        assertThat(at(grid, 22, 5)).containsExactly("fredagsbar");
        assertThat(at(grid, 23, 5)).containsExactly("fredagsbar");
        assertThat(at(grid, 0, 6)).containsExactly("fredagsbar");
        assertThat(at(grid, 1, 6)).containsExactly("fredagsbar");
        assertThat(at(grid, 2, 6)).isEmpty();
        assertThat(at(grid, 0, 5)).isEmpty();
    }

    @Test
    void a_window_from_half_past_overlaps_the_hour_it_starts_in() {
        var grid = WeekCalendar.grid(LocalDate.of(2026, 11, 30),
                List.of(new WeekCalendar.Placed<>("frokost", rule(List.of(), "11:30", "13:00"))), CAMPUS);

        assertThat(at(grid, 11, 1)).containsExactly("frokost");
        assertThat(at(grid, 12, 7)).containsExactly("frokost");
        assertThat(at(grid, 13, 1)).isEmpty();
    }

    @Test
    void the_hour_skipped_when_clocks_go_forward_holds_nothing() {
        // 29 March 2026: 02:00 becomes 03:00 in Copenhagen
        var grid = WeekCalendar.grid(LocalDate.of(2026, 3, 23),
                List.of(new WeekCalendar.Placed<>("nat", rule(List.of(), "01:00", "04:00"))), CAMPUS);

        assertThat(at(grid, 1, 7)).containsExactly("nat");
        assertThat(at(grid, 2, 7)).isEmpty();
        assertThat(at(grid, 3, 7)).containsExactly("nat");
        assertThat(at(grid, 2, 6)).containsExactly("nat");
    }

    @Test
    void every_preset_the_form_offers_is_a_rule_that_occurs() {
        for (RuleWords.Preset preset : RuleWords.PRESETS) {
            TimeRule.Checked checked = TimeRule.check("2026-12-07", null, List.of(), preset.rrule(), "11:30", "13:00");
            assertThat(checked.errors()).as(preset.key()).isEmpty();
        }
    }
}
