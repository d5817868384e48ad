package dk.albertslund.signage.health;

import dk.albertslund.signage.core.DatabaseStatus;
import dk.albertslund.signage.core.Problem;
import dk.albertslund.signage.core.Unavailable;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

import java.util.List;

/**
 * Answers at once with a 503 and Retry-After what cannot be done now, instead of letting
 * a request wait for a database connection that will not come (docs/OPERATIONS.md):
 * everything before start-up has finished, and everything that needs the database while
 * it is away. Kiosks' manifests and event streams are served from memory through an
 * outage and pass; so do the probes and files that never touch the database.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class AvailabilityFilter implements Ordered {

    /** Served without the database, or must answer anyway (the probes say DOWN themselves). */
    private static final List<String> ALWAYS = List.of("/health", "/kiosk/", "/admin/assets/", "/swagger", "/favicon");
    private static final List<String> FROM_MEMORY = List.of("/api/v1/kiosk/manifest", "/api/v1/kiosk/events", "/media/");

    private final StartupReadiness startup;
    private final DatabaseStatus database;

    AvailabilityFilter(StartupReadiness startup, DatabaseStatus database) {
        this.startup = startup;
        this.database = database;
    }

    @RequestFilter
    @Nullable
    HttpResponse<Problem> refuseWhatCannotBeDone(HttpRequest<?> request) {
        String path = request.getPath();
        if (startsWithAny(path, ALWAYS)) {
            return null;
        }
        if (!startup.started()) {
            return Unavailable.response("problem.starting");
        }
        if (!startsWithAny(path, FROM_MEMORY) && !database.available()) {
            return Unavailable.response("problem.databaseAway");
        }
        return null;
    }

    private static boolean startsWithAny(String path, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        // before the security filters: checking a session needs the database too
        return ServerFilterPhase.FIRST.after();
    }
}
