package dk.albertslund.signage.core;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.List;

/** Work that cannot be done now, but can later: a 503 with Retry-After ({@link Unavailable}). */
public class UnavailableException extends ProblemException {

    private final String messageKey;

    public UnavailableException(String messageKey) {
        super(503, "Service Unavailable", Message.of(messageKey), List.of());
        this.messageKey = messageKey;
    }

    @Produces
    @Singleton
    static final class Handler implements ExceptionHandler<UnavailableException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, UnavailableException e) {
            return Unavailable.response(e.messageKey);
        }
    }
}
