package dk.albertslund.signage.departures;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The next departures from the stop at an instant: the timetable's plan, with the realtime
 * news merged in while it is fresh. Realtime older than the stale limit is left out
 * altogether, so the board never shows old delays as if they were live: every departure is
 * then marked planned. No timetable means no board ({@link Board#available} false), and the
 * kiosk shows its usual side column instead (README "Departures at the station").
 */
public final class DepartureBoard {

    /** How far ahead the board looks; a stop with no departure in that time shows none. */
    static final Duration HORIZON = Duration.ofHours(3);

    private DepartureBoard() {
    }

    /**
     * One line of the board. {@code planned} is the timetable's time, {@code expected} the
     * time with the delay (equal when none is known), {@code live} whether realtime spoke
     * of it (false means "planned").
     */
    public record Departure(String line, String destination, String platform, Instant planned, Instant expected,
                            Integer delayMinutes, boolean cancelled, boolean live, String colour) {
    }

    /**
     * {@code realtimeAt} is when the realtime used was true (null when none is used), so a
     * kiosk can tell by its own clock when it turns stale.
     */
    public record Board(boolean available, String stopName, Instant realtimeAt, List<Departure> departures) {
    }

    public static Board at(Timetable timetable, Realtime realtime, Instant now, Duration staleLimit, int count, ZoneId zone) {
        if (timetable == null || timetable.isEmpty()) {
            return new Board(false, timetable == null ? "" : timetable.stopName(), null, List.of());
        }
        Realtime fresh = isFresh(realtime, now, staleLimit) ? realtime : null;
        // look back a little: a late train planned a few minutes ago may still be to come
        Instant from = now.minus(fresh == null ? Duration.ZERO : Duration.ofMinutes(30));
        List<Departure> out = new ArrayList<>();
        for (Timetable.Planned p : timetable.planned(from, now.plus(HORIZON), zone)) {
            Realtime.News news = fresh == null ? null : fresh.about(p);
            boolean cancelled = news != null && news.cancelled();
            Integer delaySeconds = news == null || cancelled ? null : news.delaySeconds();
            Instant expected = delaySeconds == null ? p.at() : p.at().plusSeconds(delaySeconds);
            if (expected.isBefore(now) || cancelled && p.at().isBefore(now)) {
                continue;
            }
            StopTime st = p.stopTime();
            out.add(new Departure(st.line(), st.destination(), st.platform(), p.at(), expected,
                    delaySeconds == null ? null : minutes(delaySeconds), cancelled, fresh != null, st.colour()));
        }
        out.sort(Comparator.comparing(Departure::expected).thenComparing(Departure::planned));
        return new Board(true, timetable.stopName(), fresh == null ? null : fresh.at(),
                List.copyOf(out.subList(0, Math.min(count, out.size()))));
    }

    /** Realtime is fresh while it is younger than the limit (a feed stamped ahead of us counts as fresh). */
    public static boolean isFresh(Realtime realtime, Instant now, Duration staleLimit) {
        return realtime != null && !realtime.at().plus(staleLimit).isBefore(now);
    }

    /** Whole minutes as passengers count them: under 30 s late is on time, 90 s is "+2 min". */
    static int minutes(int seconds) {
        return Math.round(seconds / 60f);
    }
}
