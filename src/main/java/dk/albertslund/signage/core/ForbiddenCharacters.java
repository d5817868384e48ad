package dk.albertslund.signage.core;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses a NUL in the path or the query before any controller sees it. PostgreSQL text
 * cannot hold a NUL, so a slug or filter with one reached the database and came back as
 * a 500; one check here covers every endpoint instead of each controller checking.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class ForbiddenCharacters implements Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(ForbiddenCharacters.class);

    @RequestFilter
    @Nullable
    HttpResponse<Problem> check(HttpRequest<?> request) {
        String where = where(request);
        if (where == null) {
            return null;
        }
        LOG.info("Refused {} {}: a NUL in the {}", request.getMethod(), request.getUri().getRawPath(), where);
        return ProblemHandlers.respond(new Problem("about:blank", "Bad Request", 400,
                Message.of("problem.characterNotAllowed"),
                List.of(new Problem.FieldError(where, "field.characterNotAllowed"))));
    }

    /** "path", the query parameter's name, or null when nothing is wrong. */
    @Nullable
    static String where(HttpRequest<?> request) {
        String rawPath = request.getUri().getRawPath();
        if (rawPath != null && hasNul(rawPath)) {
            return "path";
        }
        String rawQuery = request.getUri().getRawQuery();
        if (rawQuery == null || !hasNul(rawQuery)) {
            return null;
        }
        for (Map.Entry<String, List<String>> parameter : request.getParameters().asMap().entrySet()) {
            if (parameter.getKey().indexOf('\0') >= 0
                    || parameter.getValue().stream().anyMatch(value -> value != null && value.indexOf('\0') >= 0)) {
                return parameter.getKey().replace('\0', '?');
            }
        }
        return "query";
    }

    private static boolean hasNul(String raw) {
        return raw.indexOf('\0') >= 0 || raw.toLowerCase(Locale.ROOT).contains("%00");
    }

    @Override
    public int getOrder() {
        // before the security filters, so even a request that would be refused for its
        // sign-in never carries the NUL further; the HTML error pages still wrap it
        return ServerFilterPhase.FIRST.order();
    }
}
