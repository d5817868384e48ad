package dk.albertslund.signage.departures;

/**
 * One trip's departure from the configured stop, with what the board shows of it: the line
 * (route_short_name), where it goes (trip_headsign, else the name of the trip's last stop)
 * and the platform (stops.txt platform_code of the platform the trip uses).
 */
public record StopTime(String tripId, String serviceId, String stopId, int stopSequence, int departureSeconds,
                       String line, String destination, String platform, String colour) {
}
