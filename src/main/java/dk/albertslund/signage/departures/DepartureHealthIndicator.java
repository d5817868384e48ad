package dk.albertslund.signage.departures;

import dk.albertslund.signage.core.DatabaseStatus;
import dk.albertslund.signage.health.StoredProblemsIndicator;
import io.micronaut.health.HealthStatus;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * /health lists what is wrong with the departures (a failing fetch, realtime gone stale),
 * like the event feeds; the server stays UP, the screens show planned times or their usual
 * content meanwhile.
 */
@Singleton
class DepartureHealthIndicator extends StoredProblemsIndicator {

    private final Departures departures;
    private final Clock clock;

    DepartureHealthIndicator(Departures departures, DatabaseStatus database, Clock clock) {
        super(database);
        this.departures = departures;
        this.clock = clock;
    }

    @Override
    protected Map<String, Object> problems() {
        Map<String, Object> details = new LinkedHashMap<>();
        Departures.Status status = departures.status(clock.instant());
        if (!status.enabled()) {
            return details;
        }
        if (status.timetableProblem() != null || status.timetableFetchedAt() == null) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("status", HealthStatus.DOWN.getName());
            problem.put("error", status.timetableProblem() == null ? "not fetched yet" : status.timetableProblem().english());
            problem.put("failedAt", status.timetableProblemAt() == null ? null : status.timetableProblemAt().toString());
            problem.put("fetchedAt", status.timetableFetchedAt() == null ? null : status.timetableFetchedAt().toString());
            details.put("timetable", problem);
        }
        if (status.realtimeConfigured() && (status.realtimeProblem() != null || !status.realtimeFresh())) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("status", HealthStatus.DOWN.getName());
            problem.put("error", status.realtimeProblem() == null ? "older than the stale limit: shown as planned"
                    : status.realtimeProblem().english());
            problem.put("failedAt", status.realtimeProblemAt() == null ? null : status.realtimeProblemAt().toString());
            problem.put("realtimeAt", status.realtimeAt() == null ? null : status.realtimeAt().toString());
            details.put("realtime", problem);
        }
        return details;
    }

    @Override
    protected String getName() {
        return "departures";
    }
}
