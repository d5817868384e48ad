package dk.albertslund.signage.departures;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/**
 * When a GTFS service runs (calendar.txt and calendar_dates.txt): on its weekdays between
 * its start and end dates, plus the dates added, minus the dates removed. A service that is
 * only in calendar_dates.txt has no weekdays and no range.
 */
public record Service(String id, Set<DayOfWeek> days, LocalDate start, LocalDate end,
                      Set<LocalDate> added, Set<LocalDate> removed) {

    public boolean runsOn(LocalDate day) {
        if (removed.contains(day)) {
            return false;
        }
        if (added.contains(day)) {
            return true;
        }
        return start != null && end != null && !day.isBefore(start) && !day.isAfter(end)
                && days.contains(day.getDayOfWeek());
    }
}
