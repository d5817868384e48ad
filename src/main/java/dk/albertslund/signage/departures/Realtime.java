package dk.albertslund.signage.departures;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The realtime news (GTFS-Realtime TripUpdates) about the trips that call at the stop, as of
 * {@code at} (the feed header's timestamp, else when it was fetched). Kept per trip with the
 * stop-level updates in stop order, because a stop without an update of its own takes the
 * delay of the last update before it (GTFS-Realtime reference, StopTimeUpdate).
 * {@link #encode} and {@link #decode} are its stored form.
 */
public record Realtime(Instant at, Map<String, Trip> trips) {

    /** One trip's news; {@code startDate} (its service day) is null when the feed did not say. */
    public record Trip(String tripId, LocalDate startDate, boolean cancelled, Integer delaySeconds, List<Stop> stops) {
    }

    /**
     * One stop's news: skipped, or a delay and/or an absolute departure time (epoch seconds).
     * {@code stopSequence} is -1 when only the stop id was given.
     */
    public record Stop(int stopSequence, String stopId, boolean skipped, Integer delaySeconds, Long time) {
    }

    /** What the realtime says of one planned departure. */
    public record News(boolean cancelled, Integer delaySeconds) {
        static final News NONE = new News(false, null);
    }

    public News about(Timetable.Planned planned) {
        StopTime st = planned.stopTime();
        Trip trip = trips.get(st.tripId());
        if (trip == null || trip.startDate() != null && !trip.startDate().equals(planned.serviceDay())) {
            return News.NONE;
        }
        if (trip.cancelled()) {
            return new News(true, null);
        }
        Stop before = null;
        for (Stop s : trip.stops()) {
            boolean same = s.stopSequence() >= 0 ? s.stopSequence() == st.stopSequence() : s.stopId().equals(st.stopId());
            if (same) {
                if (s.skipped()) {
                    return new News(true, null);
                }
                return new News(false, delay(s, planned));
            }
            if (s.stopSequence() >= 0 && s.stopSequence() < st.stopSequence() && !s.skipped()) {
                before = s;
            }
        }
        if (before != null && before.delaySeconds() != null) {
            return new News(false, before.delaySeconds());
        }
        return new News(false, trip.delaySeconds());
    }

    private static Integer delay(Stop s, Timetable.Planned planned) {
        if (s.delaySeconds() != null) {
            return s.delaySeconds();
        }
        if (s.time() != null) {
            return (int) (s.time() - planned.at().getEpochSecond());
        }
        return null;
    }

    public String encode() {
        StringBuilder out = new StringBuilder();
        out.append("at\t").append(at.getEpochSecond()).append('\n');
        for (Trip t : trips.values()) {
            out.append("trip\t").append(t.tripId()).append('\t').append(t.startDate() == null ? "" : t.startDate())
                    .append('\t').append(t.cancelled() ? '1' : '0').append('\t').append(num(t.delaySeconds())).append('\n');
            for (Stop s : t.stops()) {
                out.append("stop\t").append(s.stopSequence()).append('\t').append(s.stopId()).append('\t')
                        .append(s.skipped() ? '1' : '0').append('\t').append(num(s.delaySeconds())).append('\t')
                        .append(num(s.time())).append('\n');
            }
        }
        return out.toString();
    }

    public static Realtime decode(String text) {
        Instant at = Instant.EPOCH;
        Map<String, Trip> trips = new HashMap<>();
        String tripId = null;
        LocalDate start = null;
        boolean cancelled = false;
        Integer delay = null;
        List<Stop> stops = new ArrayList<>();
        for (String row : (text + "\ntrip\t\t\t0\t").split("\n")) {
            if (row.isEmpty()) {
                continue;
            }
            String[] f = row.split("\t", -1);
            switch (f[0]) {
                case "at" -> at = Instant.ofEpochSecond(Long.parseLong(f[1]));
                case "trip" -> {
                    if (tripId != null) {
                        trips.put(tripId, new Trip(tripId, start, cancelled, delay, List.copyOf(stops)));
                    }
                    tripId = f[1];
                    start = f[2].isEmpty() ? null : LocalDate.parse(f[2]);
                    cancelled = f[3].equals("1");
                    delay = f[4].isEmpty() ? null : Integer.valueOf(f[4]);
                    stops = new ArrayList<>();
                }
                case "stop" -> stops.add(new Stop(Integer.parseInt(f[1]), f[2], f[3].equals("1"),
                        f[4].isEmpty() ? null : Integer.valueOf(f[4]), f[5].isEmpty() ? null : Long.valueOf(f[5])));
                default -> {
                }
            }
        }
        return new Realtime(at, Map.copyOf(trips));
    }

    private static String num(Number n) {
        return n == null ? "" : n.toString();
    }

    static List<Stop> inOrder(List<Stop> stops) {
        List<Stop> sorted = new ArrayList<>(stops);
        sorted.sort(Comparator.comparingInt(Stop::stopSequence));
        return sorted;
    }
}
