package dk.albertslund.signage.schedule;

import net.fortuna.ical4j.model.Recur;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * When a schedule entry is on, as staff write it: wall-clock times in the campus time
 * zone on some days. Days and dates refer to the day a window starts; an end time at or
 * before the start time ends on the next day; the window is half-open.
 *
 * <p>A window is the set of instants whose local wall-clock time falls inside it. Around
 * daylight-saving changes that is not always "start instant to end instant": on the
 * spring-forward day a 02:00–03:00 window is empty, and on the fall-back day a window that
 * ends inside the repeated hour is two pieces. {@link #windows} computes that set exactly.
 *
 * @param anchor the first day an RRULE counts from (its DTSTART); the start date when there is one
 */
public record WallClockRule(LocalDate startDate, LocalDate endDate, Set<DayOfWeek> days, String rrule,
                            LocalTime startTime, LocalTime endTime, LocalDate anchor) {

    /**
     * One piece of a window, [start, end) in instants. {@code opened} is when the whole
     * window began (its first piece), which orders entries of equal priority.
     */
    public record Window(Instant start, Instant end, Instant opened) {
        public boolean contains(Instant t) {
            return !t.isBefore(start) && t.isBefore(end);
        }
    }

    public boolean crossesMidnight() {
        return !endTime.isAfter(startTime);
    }

    /** The days in [first, last] on which a window starts. */
    public List<LocalDate> startDays(LocalDate first, LocalDate last) {
        LocalDate from = startDate != null && startDate.isAfter(first) ? startDate : first;
        LocalDate to = endDate != null && endDate.isBefore(last) ? endDate : last;
        List<LocalDate> result = new ArrayList<>();
        if (to.isBefore(from)) {
            return result;
        }
        if (rrule != null) {
            Recur<LocalDate> recur = new Recur<>(rrule);
            LocalDate seed = anchor != null ? anchor : from;
            for (LocalDate date : recur.getDates(seed, from.minusDays(1), to.plusDays(1))) {
                if (!date.isBefore(from) && !date.isAfter(to) && !date.isBefore(seed)) {
                    result.add(date);
                }
            }
            return result;
        }
        for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
            if (days.isEmpty() || days.contains(date.getDayOfWeek())) {
                result.add(date);
            }
        }
        return result;
    }

    /**
     * The pieces of every window of this rule that overlap [from, to), in order and not
     * clipped, so that a window's opening does not depend on the interval asked about.
     */
    public List<Window> windows(ZoneId zone, Instant from, Instant to) {
        // A window can start the day before 'from' (crossing midnight) and a local day spans
        // at most 26 hours, so two days of margin on each side are always enough.
        LocalDate first = LocalDate.ofInstant(from, zone).minusDays(2);
        LocalDate last = LocalDate.ofInstant(to, zone).plusDays(1);
        List<Window> result = new ArrayList<>();
        for (LocalDate day : startDays(first, last)) {
            LocalDateTime localStart = day.atTime(startTime);
            LocalDateTime localEnd = (crossesMidnight() ? day.plusDays(1) : day).atTime(endTime);
            List<Window> pieces = instantsWithLocalTimeIn(zone, localStart, localEnd);
            for (Window piece : pieces) {
                if (piece.start().isBefore(to) && piece.end().isAfter(from)) {
                    result.add(new Window(piece.start(), piece.end(), pieces.get(0).start()));
                }
            }
        }
        return result;
    }

    /**
     * The instants t with localStart ≤ local(t) < localEnd. Between two offset transitions
     * local time is the instant plus a fixed offset, so each such stretch contributes at most
     * one interval; a gap contributes nothing, an overlap may contribute twice.
     */
    static List<Window> instantsWithLocalTimeIn(ZoneId zone, LocalDateTime localStart, LocalDateTime localEnd) {
        List<Window> pieces = new ArrayList<>();
        if (!localStart.isBefore(localEnd)) {
            return pieces;
        }
        ZoneRules rules = zone.getRules();
        Instant stretchStart = localStart.minusDays(1).atZone(java.time.ZoneOffset.UTC).toInstant();
        Instant horizon = localEnd.plusDays(1).atZone(java.time.ZoneOffset.UTC).toInstant();
        while (stretchStart.isBefore(horizon)) {
            ZoneOffsetTransition next = rules.nextTransition(stretchStart);
            Instant stretchEnd = next == null || next.getInstant().isAfter(horizon) ? horizon : next.getInstant();
            java.time.ZoneOffset offset = rules.getOffset(stretchStart);
            Instant start = localStart.toInstant(offset);
            Instant end = localEnd.toInstant(offset);
            Instant a = start.isAfter(stretchStart) ? start : stretchStart;
            Instant b = end.isBefore(stretchEnd) ? end : stretchEnd;
            if (a.isBefore(b)) {
                // Stretches that touch (across the fall-back transition) form one piece.
                Window last = pieces.isEmpty() ? null : pieces.get(pieces.size() - 1);
                if (last != null && last.end().equals(a)) {
                    pieces.set(pieces.size() - 1, new Window(last.start(), b, last.start()));
                } else {
                    pieces.add(new Window(a, b, a));
                }
            }
            stretchStart = stretchEnd;
        }
        return pieces;
    }
}
