package dk.albertslund.signage.staff;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Accepts personal API tokens ({@code sgn_...}) as bearer tokens next to JWTs. The
 * lookup is a database query, so it runs on the blocking executor, never on the event
 * loop. Anything that is not one of ours is left to the JWT validator.
 */
@Singleton
class ApiTokenValidator implements TokenValidator<HttpRequest<?>> {

    private final ApiTokens tokens;
    private final ExecutorService blocking;

    ApiTokenValidator(ApiTokens tokens, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.tokens = tokens;
        this.blocking = blocking;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        if (!ApiTokens.looksLikeOurs(token)) {
            return Publishers.empty();
        }
        // A null result completes the publisher empty: not authenticated by this validator.
        return Publishers.fromCompletableFuture(() -> CompletableFuture.supplyAsync(() -> tokens.authenticate(token).orElse(null), blocking));
    }
}
