package dk.albertslund.signage.departures;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * GTFS times of day. A stop time such as {@code 25:10:00} is not a clock reading: it is
 * measured from "noon minus 12 h" of its service day (the GTFS reference, stop_times.txt),
 * so it may pass 24:00:00 (a 25:10:00 departure happens at 01:10 the next calendar day but
 * belongs to the day before), and it is counted in real elapsed time from that origin,
 * not read off the wall clock. On a daylight-saving day the origin is not midnight: noon
 * minus 12 h is 23:00 the evening before when the clocks go forward and 01:00 when they go
 * back, so times after the change match the wall clock and the odd hour falls before it.
 */
public final class GtfsTime {

    private GtfsTime() {
    }

    /** Seconds since the service day's origin; H may have one or more digits and pass 23. */
    public static int seconds(String hms) {
        String[] parts = hms.strip().split(":");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a GTFS time (H:MM:SS): '" + hms + "'");
        }
        int h = Integer.parseInt(parts[0]);
        int m = Integer.parseInt(parts[1]);
        int s = Integer.parseInt(parts[2]);
        if (h < 0 || m < 0 || m > 59 || s < 0 || s > 59) {
            throw new IllegalArgumentException("not a GTFS time (H:MM:SS): '" + hms + "'");
        }
        return h * 3600 + m * 60 + s;
    }

    /** The service day's origin: noon minus 12 h, which is midnight except on a DST day's odd hour. */
    public static Instant origin(LocalDate serviceDay, ZoneId zone) {
        return serviceDay.atTime(LocalTime.NOON).atZone(zone).toInstant().minusSeconds(12 * 3600);
    }

    /** The instant of a stop time on its service day. */
    public static Instant instant(LocalDate serviceDay, int seconds, ZoneId zone) {
        return origin(serviceDay, zone).plusSeconds(seconds);
    }
}
