package dk.albertslund.signage.staff;

import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;

import java.security.Principal;
import java.util.List;

/**
 * A signed-in request is refused when its account has been deactivated or deleted, or
 * its session signed out, on every staff API endpoint and staff page, not only where a service asks who the caller is. Sign-in
 * tokens stay valid until they expire, so this check is what makes deactivation
 * immediate. It reads the database, so it runs on the blocking executor.
 *
 * <p>The kiosk API ({@code /api/v1/kiosk/...}) is included, because staff endpoints live
 * there too (pairing look-up, claiming, revoking devices) and a signed-out JWT must not
 * keep working on them. Kiosk device calls are anonymous to Micronaut Security (they
 * carry their own device token, checked by the kiosk module), so they have no
 * principal here and are passed on without a database query. (They still hop to the
 * blocking executor: a filter method returning a future completed with null fails in
 * Micronaut 4.10's filter chain, so the simple blocking form is kept.)
 */
@ServerFilter(patterns = "^/(api/v1/|admin(/|$)).*", patternStyle = FilterPatternStyle.REGEX)
class ActiveAccountFilter implements Ordered {

    private final SignOuts sessions;

    ActiveAccountFilter(SignOuts sessions) {
        this.sessions = sessions;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<Problem> refuseInactive(HttpRequest<?> request) {
        Principal principal = request.getUserPrincipal().orElse(null);
        if (!(principal instanceof Authentication authentication)) {
            return null;
        }
        if (sessions.valid(authentication)) {
            return null;
        }
        if (request.getPath().startsWith("/admin")) {
            // the staff UI: the browser should show the sign-in page, not a JSON problem
            return HttpResponse.<Problem>seeOther(java.net.URI.create("/admin/login"))
                    .cookie(StaffCookies.expiredSignIn());
        }
        return HttpResponse.<Problem>status(HttpStatus.UNAUTHORIZED)
                .body(new Problem("about:blank", "Unauthorized", 401, Message.of("staff.signedOut"), List.of()))
                .contentType(Problem.MEDIA_TYPE);
    }

    @Override
    public int getOrder() {
        // After the security filter has established who is calling.
        return ServerFilterPhase.SECURITY.after();
    }
}
