package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.Problem;
import dk.albertslund.signage.core.ProblemException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.List;

/** A 429 that says, in the sentence and in {@code Retry-After}, how long to wait. */
class TooManyRequests extends ProblemException {

    private final long retryAfterSeconds;

    TooManyRequests(Message detail, long retryAfterSeconds) {
        super(429, "Too Many Requests", detail, List.of());
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Produces
    @Singleton
    static final class Handler implements ExceptionHandler<TooManyRequests, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, TooManyRequests e) {
            return HttpResponse.<Problem>status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", Long.toString(e.retryAfterSeconds()))
                    .body(new Problem("about:blank", e.title(), e.status(), e.detail(), e.errors()))
                    .contentType(Problem.MEDIA_TYPE);
        }
    }
}
