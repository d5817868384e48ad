package dk.albertslund.signage.departures;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the static timetable says about one stop: the departures from it and its child
 * platforms, and the services they run on. Small enough to store as one row and to send to
 * every server; {@link #encode} and {@link #decode} are its stored form (tab-separated lines).
 */
public record Timetable(String stopId, String stopName, List<StopTime> stopTimes, Map<String, Service> services) {

    /** A departure on a given service day, before any realtime news. */
    public record Planned(StopTime stopTime, LocalDate serviceDay, Instant at) {
    }

    public boolean isEmpty() {
        return stopTimes.isEmpty();
    }

    /** Departures planned in [from, to), in time order, on the service days that may reach them. */
    public List<Planned> planned(Instant from, Instant to, ZoneId zone) {
        List<Planned> out = new ArrayList<>();
        // a service day's times may run past 24:00 (and, rarely, 48:00); look two days back
        LocalDate first = from.atZone(zone).toLocalDate().minusDays(2);
        LocalDate last = to.atZone(zone).toLocalDate().plusDays(1);
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            for (StopTime st : stopTimes) {
                Service service = services.get(st.serviceId());
                if (service == null || !service.runsOn(day)) {
                    continue;
                }
                Instant at = GtfsTime.instant(day, st.departureSeconds(), zone);
                if (!at.isBefore(from) && at.isBefore(to)) {
                    out.add(new Planned(st, day, at));
                }
            }
        }
        out.sort(Comparator.comparing(Planned::at).thenComparing(p -> p.stopTime().tripId()));
        return out;
    }

    public Set<String> tripIds() {
        Set<String> ids = new HashSet<>();
        stopTimes.forEach(st -> ids.add(st.tripId()));
        return ids;
    }

    public String encode() {
        StringBuilder out = new StringBuilder();
        line(out, "stop", stopId, stopName);
        for (Service s : services.values()) {
            StringBuilder days = new StringBuilder();
            for (DayOfWeek d : DayOfWeek.values()) {
                days.append(s.days().contains(d) ? '1' : '0');
            }
            line(out, "service", s.id(), days.toString(), str(s.start()), str(s.end()), dates(s.added()), dates(s.removed()));
        }
        for (StopTime st : stopTimes) {
            line(out, "time", st.tripId(), st.serviceId(), st.stopId(), Integer.toString(st.stopSequence()),
                    Integer.toString(st.departureSeconds()), st.line(), st.destination(), st.platform(), st.colour());
        }
        return out.toString();
    }

    public static Timetable decode(String text) {
        String stopId = "";
        String stopName = "";
        List<StopTime> times = new ArrayList<>();
        Map<String, Service> services = new HashMap<>();
        for (String row : text.split("\n")) {
            if (row.isEmpty()) {
                continue;
            }
            String[] f = row.split("\t", -1);
            switch (f[0]) {
                case "stop" -> {
                    stopId = f[1];
                    stopName = f[2];
                }
                case "service" -> {
                    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
                    for (DayOfWeek d : DayOfWeek.values()) {
                        if (f[2].charAt(d.ordinal()) == '1') {
                            days.add(d);
                        }
                    }
                    services.put(f[1], new Service(f[1], days, date(f[3]), date(f[4]), dates(f[5]), dates(f[6])));
                }
                case "time" -> times.add(new StopTime(f[1], f[2], f[3], Integer.parseInt(f[4]), Integer.parseInt(f[5]),
                        f[6], f[7], f[8], f[9]));
                default -> {
                    // a row kind from a newer server: skipped
                }
            }
        }
        return new Timetable(stopId, stopName, List.copyOf(times), Map.copyOf(services));
    }

    private static void line(StringBuilder out, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            out.append(fields[i] == null ? "" : fields[i].replace('\t', ' ').replace('\n', ' '));
        }
        out.append('\n');
    }

    private static String str(LocalDate d) {
        return d == null ? "" : d.toString();
    }

    private static LocalDate date(String s) {
        return s.isEmpty() ? null : LocalDate.parse(s);
    }

    private static String dates(Set<LocalDate> dates) {
        return String.join(",", dates.stream().map(LocalDate::toString).sorted().toList());
    }

    private static Set<LocalDate> dates(String s) {
        Set<LocalDate> out = new HashSet<>();
        if (!s.isEmpty()) {
            for (String d : s.split(",")) {
                out.add(LocalDate.parse(d));
            }
        }
        return out;
    }
}
