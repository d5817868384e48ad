package dk.albertslund.signage.kiosk;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.bearer.BearerTokenConfiguration;
import io.micronaut.security.token.bearer.BearerTokenReader;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The security filter reads bearer tokens for staff only: a device token is passed over
 * as if there were none. So a device token can never sign anyone in on a staff endpoint
 * (those answer 401 as to an anonymous caller), and the kiosk's calls, the busiest on the
 * server, cost no failed JWT parse. The kiosk endpoints check device tokens themselves,
 * through {@link DeviceAuthenticator}.
 */
@Singleton
@Replaces(BearerTokenReader.class)
@Requires(classes = HttpRequest.class)
@Requires(property = "micronaut.security.token.bearer.enabled", notEquals = "false")
class StaffBearerTokenReader extends BearerTokenReader {

    StaffBearerTokenReader(BearerTokenConfiguration configuration) {
        super(configuration);
    }

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        return super.findToken(request).filter(token -> !DeviceTokens.looksLikeOne(token));
    }
}
