package dk.albertslund.signage.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A week as a grid of days × hours: for each local hour of each day, the schedule entries
 * whose windows overlap it, in the campus time zone. An hour that does not exist (the
 * spring-forward night) overlaps nothing. Plain Java: the caller brings entries and zone.
 */
public final class WeekCalendar {

    private WeekCalendar() {
    }

    /** An entry to place, with the rule its windows come from. */
    public record Placed<T>(T entry, TimeRule rule) {
    }

    /** One hour of one day and the entries on during some of it. */
    public record Cell<T>(LocalDate day, int hour, List<T> entries) {
    }

    /** Rows of hours 0–23, each with the seven days from {@code monday}. */
    public static <T> List<List<Cell<T>>> grid(LocalDate monday, List<Placed<T>> entries, ZoneId zone) {
        Instant weekStart = monday.atStartOfDay(zone).toInstant();
        Instant weekEnd = monday.plusDays(7).atStartOfDay(zone).toInstant();
        List<List<TimeRule.Window>> windows = new ArrayList<>();
        for (Placed<T> placed : entries) {
            windows.add(placed.rule().windows(zone, weekStart, weekEnd));
        }
        List<List<Cell<T>>> rows = new ArrayList<>();
        for (int hour = 0; hour < 24; hour++) {
            List<Cell<T>> row = new ArrayList<>();
            for (int d = 0; d < 7; d++) {
                LocalDate day = monday.plusDays(d);
                Instant from = day.atTime(LocalTime.of(hour, 0)).atZone(zone).toInstant();
                Instant to = (hour == 23 ? day.plusDays(1).atStartOfDay() : day.atTime(LocalTime.of(hour + 1, 0))).atZone(zone).toInstant();
                List<T> on = new ArrayList<>();
                for (int e = 0; e < entries.size(); e++) {
                    if (from.isBefore(to) && overlaps(windows.get(e), from, to)) {
                        on.add(entries.get(e).entry());
                    }
                }
                row.add(new Cell<>(day, hour, List.copyOf(on)));
            }
            rows.add(row);
        }
        return rows;
    }

    private static boolean overlaps(List<TimeRule.Window> windows, Instant from, Instant to) {
        for (TimeRule.Window window : windows) {
            if (window.start().isBefore(to) && window.end().isAfter(from)) {
                return true;
            }
        }
        return false;
    }
}
