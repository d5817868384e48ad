package dk.albertslund.signage.core;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

import java.util.List;

/** The one 503 this server gives while it cannot do the work: a sentence and when to try again. */
public final class Unavailable {

    /** Seconds a client is asked to wait; kiosks and proxies retry after it. */
    public static final int RETRY_AFTER_SECONDS = 10;

    private Unavailable() {
    }

    public static MutableHttpResponse<Problem> response(String messageKey) {
        return HttpResponse.<Problem>status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS))
                .body(new Problem("about:blank", "Service Unavailable", 503, Message.of(messageKey), List.of()))
                .contentType(Problem.MEDIA_TYPE);
    }
}
