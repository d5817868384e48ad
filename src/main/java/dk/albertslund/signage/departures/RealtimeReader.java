package dk.albertslund.signage.departures;

import com.google.transit.realtime.GtfsRealtime;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a GTFS-Realtime feed and keeps the TripUpdates of the trips that call at the stop. */
public final class RealtimeReader {

    private RealtimeReader() {
    }

    public static final class NotRealtime extends Exception {
        public NotRealtime(String message) {
            super(message, null, false, false);
        }
    }

    /** {@code fetchedAt} stands in for the feed's own timestamp when the header has none. */
    public static Realtime read(byte[] protobuf, Set<String> tripIds, Instant fetchedAt) throws NotRealtime {
        GtfsRealtime.FeedMessage feed;
        try {
            feed = GtfsRealtime.FeedMessage.parseFrom(protobuf);
        } catch (IOException | RuntimeException e) {
            throw new NotRealtime("not a GTFS-Realtime feed: " + e.getMessage());
        }
        Instant at = feed.getHeader().hasTimestamp() && feed.getHeader().getTimestamp() > 0
                ? Instant.ofEpochSecond(feed.getHeader().getTimestamp()) : fetchedAt;
        Map<String, Realtime.Trip> trips = new HashMap<>();
        for (GtfsRealtime.FeedEntity entity : feed.getEntityList()) {
            if (!entity.hasTripUpdate() || entity.getIsDeleted()) {
                continue;
            }
            GtfsRealtime.TripUpdate update = entity.getTripUpdate();
            String tripId = update.getTrip().getTripId();
            if (!tripIds.contains(tripId)) {
                continue;
            }
            LocalDate start = update.getTrip().hasStartDate()
                    ? LocalDate.parse(update.getTrip().getStartDate(), DateTimeFormatter.BASIC_ISO_DATE) : null;
            boolean cancelled = update.getTrip().getScheduleRelationship()
                    == GtfsRealtime.TripDescriptor.ScheduleRelationship.CANCELED;
            List<Realtime.Stop> stops = new ArrayList<>();
            for (GtfsRealtime.TripUpdate.StopTimeUpdate s : update.getStopTimeUpdateList()) {
                boolean skipped = s.getScheduleRelationship() == GtfsRealtime.TripUpdate.StopTimeUpdate.ScheduleRelationship.SKIPPED;
                // departure first; a stop's arrival news stands in when it has no departure of its own
                GtfsRealtime.TripUpdate.StopTimeEvent event = s.hasDeparture() ? s.getDeparture() : s.hasArrival() ? s.getArrival() : null;
                Integer delay = event != null && event.hasDelay() ? event.getDelay() : null;
                Long time = event != null && event.hasTime() ? event.getTime() : null;
                stops.add(new Realtime.Stop(s.hasStopSequence() ? s.getStopSequence() : -1, s.getStopId(), skipped, delay, time));
            }
            trips.put(tripId, new Realtime.Trip(tripId, start, cancelled, update.hasDelay() ? update.getDelay() : null,
                    Realtime.inOrder(stops)));
        }
        return new Realtime(at, Map.copyOf(trips));
    }
}
