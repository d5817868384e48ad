package dk.albertslund.signage.departures;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads a GTFS static zip row by row and keeps only what serves one stop and its child
 * platforms (stops.txt parent_station): a national feed has millions of stop times, the
 * board needs a few hundred. Files are read in the order the filter needs them, one pass
 * over the zip each; the stop_times pass keeps, for every trip, only its last stop (for a
 * destination when the trip has no headsign) and its calls at the stop.
 */
public final class GtfsReader {

    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private GtfsReader() {
    }

    /** Why a zip is not a timetable we can use. */
    public static final class NotGtfs extends Exception {
        public NotGtfs(String message) {
            super(message, null, false, false);
        }
    }

    public static Timetable read(byte[] zip, String stopId) throws NotGtfs {
        try {
            // stops: the stop, its platforms, and every stop's name (for destinations)
            Map<String, String> names = new HashMap<>();
            Map<String, String> platformCodes = new HashMap<>();
            Set<String> ours = new HashSet<>();
            String[] stopName = {null};
            require(zip, "stops.txt", row -> {
                String id = row.get("stop_id");
                names.put(id, row.getOrDefault("stop_name", id));
                if (id.equals(stopId)) {
                    ours.add(id);
                    stopName[0] = row.getOrDefault("stop_name", id);
                    platformCodes.put(id, row.getOrDefault("platform_code", ""));
                } else if (stopId.equals(row.get("parent_station"))) {
                    ours.add(id);
                    platformCodes.put(id, row.getOrDefault("platform_code", ""));
                }
            });
            if (stopName[0] == null) {
                throw new NotGtfs("the stop '" + stopId + "' is not in stops.txt");
            }
            // stop_times: the calls at our platforms, and every trip's last stop
            record Call(String tripId, String stopId, int seq, int seconds) {
            }
            List<Call> calls = new ArrayList<>();
            Map<String, Integer> lastSeq = new HashMap<>();
            Map<String, String> lastStop = new HashMap<>();
            require(zip, "stop_times.txt", row -> {
                String trip = row.get("trip_id");
                int seq = Integer.parseInt(row.get("stop_sequence").strip());
                String stop = row.get("stop_id");
                Integer known = lastSeq.get(trip);
                if (known == null || seq > known) {
                    lastSeq.put(trip, seq);
                    lastStop.put(trip, stop);
                }
                if (ours.contains(stop)) {
                    String time = row.getOrDefault("departure_time", "");
                    if (time.isBlank()) {
                        time = row.getOrDefault("arrival_time", "");
                    }
                    if (!time.isBlank()) {
                        calls.add(new Call(trip, stop, seq, GtfsTime.seconds(time)));
                    }
                }
            });
            Set<String> tripsHere = new HashSet<>();
            calls.forEach(c -> tripsHere.add(c.tripId()));
            // trips: route, service, headsign
            Map<String, String[]> trips = new HashMap<>();
            require(zip, "trips.txt", row -> {
                if (tripsHere.contains(row.get("trip_id"))) {
                    trips.put(row.get("trip_id"), new String[]{row.get("route_id"), row.get("service_id"),
                            row.getOrDefault("trip_headsign", "")});
                }
            });
            Set<String> routesHere = new HashSet<>();
            Set<String> servicesHere = new HashSet<>();
            trips.values().forEach(t -> {
                routesHere.add(t[0]);
                servicesHere.add(t[1]);
            });
            Map<String, String[]> routes = new HashMap<>();
            require(zip, "routes.txt", row -> {
                if (routesHere.contains(row.get("route_id"))) {
                    String name = row.getOrDefault("route_short_name", "");
                    routes.put(row.get("route_id"), new String[]{name.isBlank() ? row.getOrDefault("route_long_name", "") : name,
                            row.getOrDefault("route_color", "")});
                }
            });
            Map<String, Service> services = new HashMap<>();
            Map<String, Set<LocalDate>> added = new HashMap<>();
            Map<String, Set<LocalDate>> removed = new HashMap<>();
            boolean calendar = each(zip, "calendar.txt", row -> {
                String id = row.get("service_id");
                if (servicesHere.contains(id)) {
                    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
                    for (DayOfWeek d : DayOfWeek.values()) {
                        if ("1".equals(row.getOrDefault(d.name().toLowerCase(java.util.Locale.ROOT), "0").strip())) {
                            days.add(d);
                        }
                    }
                    services.put(id, new Service(id, days, LocalDate.parse(row.get("start_date").strip(), DATE),
                            LocalDate.parse(row.get("end_date").strip(), DATE), Set.of(), Set.of()));
                }
            });
            boolean calendarDates = each(zip, "calendar_dates.txt", row -> {
                String id = row.get("service_id");
                if (servicesHere.contains(id)) {
                    LocalDate date = LocalDate.parse(row.get("date").strip(), DATE);
                    (row.get("exception_type").strip().equals("2") ? removed : added)
                            .computeIfAbsent(id, k -> new HashSet<>()).add(date);
                }
            });
            if (!calendar && !calendarDates) {
                throw new NotGtfs("neither calendar.txt nor calendar_dates.txt is in the zip");
            }
            for (String id : servicesHere) {
                Service base = services.get(id);
                services.put(id, new Service(id, base == null ? Set.of() : base.days(), base == null ? null : base.start(),
                        base == null ? null : base.end(), Set.copyOf(added.getOrDefault(id, Set.of())),
                        Set.copyOf(removed.getOrDefault(id, Set.of()))));
            }
            List<StopTime> times = new ArrayList<>();
            for (Call c : calls) {
                String[] trip = trips.get(c.tripId());
                if (trip == null || c.stopId().equals(lastStop.get(c.tripId()))) {
                    continue; // a trip that ends here does not depart from here
                }
                String[] route = routes.getOrDefault(trip[0], new String[]{"", ""});
                String destination = trip[2].isBlank() ? names.getOrDefault(lastStop.get(c.tripId()), "") : trip[2];
                times.add(new StopTime(c.tripId(), trip[1], c.stopId(), c.seq(), c.seconds(), route[0], destination,
                        platformCodes.getOrDefault(c.stopId(), ""), route[1]));
            }
            return new Timetable(stopId, stopName[0], List.copyOf(times), Map.copyOf(services));
        } catch (IOException | RuntimeException e) {
            throw new NotGtfs("the zip could not be read as GTFS: " + e);
        }
    }

    private static void require(byte[] zip, String name, Consumer<Map<String, String>> rows) throws IOException, NotGtfs {
        if (!each(zip, name, rows)) {
            throw new NotGtfs(name + " is not in the zip");
        }
    }

    /** Calls {@code rows} for each row of one file in the zip; false when the file is not there. */
    private static boolean each(byte[] zip, String name, Consumer<Map<String, String>> rows) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                String entryName = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                if (entryName.equals(name)) {
                    csv(in, rows);
                    return true;
                }
            }
        }
        return false;
    }

    private static void csv(InputStream in, Consumer<Map<String, String>> rows) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String header = reader.readLine();
        if (header == null) {
            return;
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        List<String> columns = fields(header);
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            List<String> values = fields(line);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < columns.size() && i < values.size(); i++) {
                row.put(columns.get(i).strip(), values.get(i));
            }
            rows.accept(row);
        }
    }

    /** One CSV line (RFC 4180 quoting, as GTFS uses). */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out;
    }
}
