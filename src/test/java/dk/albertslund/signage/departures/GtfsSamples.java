package dk.albertslund.signage.departures;

import com.google.transit.realtime.GtfsRealtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A small GTFS timetable of Albertslund Station and realtime news about it, written here
 * rather than taken from Rejseplanen so each test knows every trip: line B both ways, a Bx
 * towards Farum, a train that ends here, a night train at 24:40 and 25:10, and services by
 * calendar and by calendar_dates alone.
 */
public final class GtfsSamples {

    public static final String STOP = "8600617";

    private GtfsSamples() {
    }

    /** The timetable's files; tests change one before zipping. */
    public static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("stops.txt", """
                stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station,platform_code
                8600617,Albertslund St.,55.6575,12.3535,1,,
                8600617-1,Albertslund St.,55.6575,12.3535,0,8600617,1
                8600617-2,Albertslund St.,55.6575,12.3535,0,8600617,2
                8600646,Høje Taastrup St.,55.6489,12.2693,1,,
                8600626,København H,55.6728,12.5646,1,,
                8600630,"Glostrup St., spor 1",55.6625,12.3930,0,,
                """);
        files.put("routes.txt", """
                route_id,agency_id,route_short_name,route_long_name,route_type,route_color
                B,DSB,B,Høje Taastrup - Farum,109,4C9A2A
                BX,DSB,Bx,Høje Taastrup - Farum (Bx),109,8DC63F
                """);
        files.put("trips.txt", """
                route_id,service_id,trip_id,trip_headsign
                B,DAILY,T-KH-0802,
                B,DAILY,T-HTA-0808,Høje Taastrup
                BX,WEEKDAY,T-BX-0812,Farum
                B,DAILY,T-HTA-0820,Høje Taastrup
                B,DAILY,T-ENDS-0830,
                B,DAILY,T-NIGHT-2440,København H
                B,DAILY,T-NIGHT-2510,Høje Taastrup
                B,EXTRA,T-EXTRA-0900,Frederikssund
                """);
        files.put("stop_times.txt", """
                trip_id,arrival_time,departure_time,stop_id,stop_sequence
                T-KH-0802,07:58:00,07:58:00,8600646,1
                T-KH-0802,08:02:00,08:02:00,8600617-1,2
                T-KH-0802,08:08:00,08:08:00,8600630,3
                T-KH-0802,08:20:00,08:20:00,8600626,4
                T-HTA-0808,07:50:00,07:50:00,8600626,1
                T-HTA-0808,08:08:00,08:08:00,8600617-2,2
                T-HTA-0808,08:12:00,08:12:00,8600646,3
                T-BX-0812,08:12:00,08:12:00,8600617-1,1
                T-BX-0812,08:30:00,08:30:00,8600626,2
                T-HTA-0820,08:00:00,08:00:00,8600626,1
                T-HTA-0820,08:20:00,08:20:00,8600617-2,2
                T-HTA-0820,08:24:00,08:24:00,8600646,3
                T-ENDS-0830,08:20:00,08:20:00,8600626,1
                T-ENDS-0830,08:30:00,08:30:00,8600617-1,2
                T-NIGHT-2440,24:40:00,24:40:00,8600617-1,1
                T-NIGHT-2440,24:58:00,24:58:00,8600626,2
                T-NIGHT-2510,24:50:00,24:50:00,8600626,1
                T-NIGHT-2510,25:10:00,25:10:00,8600617-2,2
                T-NIGHT-2510,25:14:00,25:14:00,8600646,3
                T-EXTRA-0900,09:00:00,09:00:00,8600617-1,1
                T-EXTRA-0900,09:30:00,09:30:00,8600626,2
                """);
        files.put("calendar.txt", """
                service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date
                DAILY,1,1,1,1,1,1,1,20260101,20271231
                WEEKDAY,1,1,1,1,1,0,0,20260101,20271231
                """);
        files.put("calendar_dates.txt", """
                service_id,date,exception_type
                EXTRA,20261205,1
                EXTRA,20270328,1
                DAILY,20261224,2
                """);
        return files;
    }

    /** The trips of {@link #live}: id, line, headsign (empty: the last stop names it), platform, minutes from now. */
    public static final List<String[]> LIVE_TRIPS = List.of(
            new String[]{"L-KH-04", "B", "", "1", "4"},
            new String[]{"L-HTA-07", "B", "Høje Taastrup", "2", "7"},
            new String[]{"L-BX-11", "BX", "Farum", "1", "11"},
            new String[]{"L-HTA-15", "B", "Høje Taastrup", "2", "15"},
            new String[]{"L-FS-20", "B", "Frederikssund", "1", "20"});

    /**
     * A timetable whose trains leave a few minutes after {@code now} (for tests that run on
     * the real clock, as the kiosk in Chromium does), every day; times are counted from
     * today's service day, so near midnight they pass 24:00 as GTFS has them.
     */
    public static byte[] live(Instant now, ZoneId zone) {
        Map<String, String> files = files();
        LocalDate day = now.atZone(zone).toLocalDate();
        StringBuilder trips = new StringBuilder("route_id,service_id,trip_id,trip_headsign\n");
        StringBuilder times = new StringBuilder("trip_id,arrival_time,departure_time,stop_id,stop_sequence\n");
        for (String[] t : LIVE_TRIPS) {
            trips.append(t[1]).append(",ALL,").append(t[0]).append(',').append(t[2]).append('\n');
            long here = java.time.Duration.between(GtfsTime.origin(day, zone), now.plusSeconds(60L * Integer.parseInt(t[4])))
                    .toSeconds() / 60 * 60;
            String away = t[3].equals("1") ? "8600626" : "8600646";
            times.append(t[0]).append(',').append(hms(here)).append(',').append(hms(here)).append(",8600617-").append(t[3]).append(",1\n");
            times.append(t[0]).append(',').append(hms(here + 900)).append(',').append(hms(here + 900)).append(',').append(away).append(",2\n");
        }
        files.put("trips.txt", trips.toString());
        files.put("stop_times.txt", times.toString());
        files.put("calendar.txt", "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
                + "ALL,1,1,1,1,1,1,1,20200101,20991231\n");
        files.put("calendar_dates.txt", "service_id,date,exception_type\n");
        return zip(files);
    }

    /** The service day of {@link #live}'s trips, as GTFS-Realtime writes it. */
    public static String liveDay(Instant now, ZoneId zone) {
        return now.atZone(zone).toLocalDate().format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
    }

    private static String hms(long seconds) {
        return String.format("%02d:%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60);
    }

    public static byte[] zip() {
        return zip(files());
    }

    public static byte[] zip(Map<String, String> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A realtime feed stamped {@code at}, with trip updates added by the caller. */
    public static GtfsRealtime.FeedMessage.Builder feed(Instant at) {
        return GtfsRealtime.FeedMessage.newBuilder().setHeader(GtfsRealtime.FeedHeader.newBuilder()
                .setGtfsRealtimeVersion("2.0").setTimestamp(at.getEpochSecond()));
    }

    /** The trip is {@code delaySeconds} late from the stop with this sequence on. */
    public static GtfsRealtime.FeedEntity delayed(String tripId, String startDate, int stopSequence, int delaySeconds) {
        return stopUpdate(tripId, startDate, GtfsRealtime.TripUpdate.StopTimeUpdate.newBuilder().setStopSequence(stopSequence)
                .setDeparture(GtfsRealtime.TripUpdate.StopTimeEvent.newBuilder().setDelay(delaySeconds)));
    }

    /** The trip departs the stop with this sequence at an absolute time. */
    public static GtfsRealtime.FeedEntity departsAt(String tripId, String startDate, int stopSequence, Instant at) {
        return stopUpdate(tripId, startDate, GtfsRealtime.TripUpdate.StopTimeUpdate.newBuilder().setStopSequence(stopSequence)
                .setDeparture(GtfsRealtime.TripUpdate.StopTimeEvent.newBuilder().setTime(at.getEpochSecond())));
    }

    public static GtfsRealtime.FeedEntity skipped(String tripId, String startDate, int stopSequence) {
        return stopUpdate(tripId, startDate, GtfsRealtime.TripUpdate.StopTimeUpdate.newBuilder().setStopSequence(stopSequence)
                .setScheduleRelationship(GtfsRealtime.TripUpdate.StopTimeUpdate.ScheduleRelationship.SKIPPED));
    }

    private static GtfsRealtime.FeedEntity stopUpdate(String tripId, String startDate,
                                                      GtfsRealtime.TripUpdate.StopTimeUpdate.Builder update) {
        return GtfsRealtime.FeedEntity.newBuilder().setId(tripId).setTripUpdate(GtfsRealtime.TripUpdate.newBuilder()
                .setTrip(GtfsRealtime.TripDescriptor.newBuilder().setTripId(tripId).setStartDate(startDate))
                .addStopTimeUpdate(update)).build();
    }

    public static GtfsRealtime.FeedEntity cancelled(String tripId, String startDate) {
        return GtfsRealtime.FeedEntity.newBuilder().setId(tripId).setTripUpdate(GtfsRealtime.TripUpdate.newBuilder()
                .setTrip(GtfsRealtime.TripDescriptor.newBuilder().setTripId(tripId).setStartDate(startDate)
                        .setScheduleRelationship(GtfsRealtime.TripDescriptor.ScheduleRelationship.CANCELED))).build();
    }
}
