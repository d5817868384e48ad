package dk.albertslund.signage.staff;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Micronaut Security's own claim validators accept a JWT without {@code exp} (the
 * expiration validator only checks a present claim), and check {@code iss} and
 * {@code nbf} only when configured. Every token this server signs has an expiry and our
 * issuer (the generator sets {@code iss} from {@code micronaut.application.name}), so
 * anything else was not made by the sign-in and is refused: no expiry, another issuer,
 * or a not-before still in the future.
 *
 * <p>One exception: at {@code /oauth/callback/NAME} the ID token of provider NAME is being
 * checked (Micronaut's OpenID client then also checks its issuer, audience and nonce), so
 * that provider's issuer passes there, and only there. Elsewhere a provider's token is
 * refused like any other stranger's, although Micronaut knows the provider's keys: it is
 * no sign-in of ours, and its audience is our client, not our API.
 */
@Singleton
class StrictJwtClaimsValidator<T> implements GenericJwtClaimsValidator<T> {

    /** Tolerance for clocks of several server processes that sign tokens for each other. */
    private static final Duration SKEW = Duration.ofSeconds(30);

    private static final String CALLBACK = "/oauth/callback/";

    private final String issuer;
    private final Clock clock;
    private final SignInProviders providers;

    StrictJwtClaimsValidator(@Value("${micronaut.application.name}") String issuer, SignInProviders providers) {
        this.issuer = issuer;
        this.providers = providers;
        // Micronaut's token generator stamps exp/nbf from the system clock, not from the
        // campus Clock bean (which tests move to another day), so tokens are judged by it too
        this.clock = Clock.systemUTC();
    }

    @Override
    public boolean validate(Claims claims, @Nullable T request) {
        Instant now = clock.instant();
        Instant expires = instant(claims.get(Claims.EXPIRATION_TIME));
        if (expires == null || !expires.isAfter(now.minus(SKEW))) {
            return false;
        }
        if (!issuer.equals(claims.get(Claims.ISSUER)) && !providerAtItsCallback(claims, request)) {
            return false;
        }
        Object notBefore = claims.get(Claims.NOT_BEFORE);
        if (notBefore != null) {
            Instant nbf = instant(notBefore);
            return nbf != null && !nbf.isAfter(now.plus(SKEW));
        }
        return true;
    }

    /**
     * The token's issuer is the provider whose callback this request is. Micronaut hands the
     * ID token's claims over without the request, so it is taken from the request context.
     */
    private boolean providerAtItsCallback(Claims claims, @Nullable T request) {
        HttpRequest<?> current = request instanceof HttpRequest<?> given ? given
                : ServerRequestContext.currentRequest().orElse(null);
        if (current == null || !current.getPath().startsWith(CALLBACK) || !(claims.get(Claims.ISSUER) instanceof String iss)) {
            return false;
        }
        String provider = current.getPath().substring(CALLBACK.length());
        return providers.issuer(provider).map(configured -> configured.equals(SignInProviders.withoutTrailingSlash(iss)))
                .orElse(false);
    }

    /** A claim's time, however the token library hands it over (a Date, an Instant or epoch seconds). */
    @Nullable
    static Instant instant(@Nullable Object value) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof Number seconds) {
            return Instant.ofEpochSecond(seconds.longValue());
        }
        return null;
    }
}
