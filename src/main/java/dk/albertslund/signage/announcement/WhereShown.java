package dk.albertslund.signage.announcement;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where and from when a message will show in the coming days, as the scheduling engine
 * answers it. Scheduling sits above announcements in the stack (docs/ARCHITECTURE.md), so
 * the announcement pages ask through this and the schedule feature answers.
 */
public interface WhereShown {

    /** A screen and the first instant in the interval at which one of the versions is on it. */
    record Place(String screen, String screenName, Instant from) {
    }

    /**
     * For each of {@code messages} (by id), the screens on which it shows during [from, to),
     * each with the first instant, earliest first. The messages are taken as approved, so a
     * writer and an approver see where a message will go once it is; one answer for a whole
     * approval queue costs one read of the schedule.
     */
    Map<Long, List<Place>> during(Collection<Announcement> messages, Instant from, Instant to);
}
