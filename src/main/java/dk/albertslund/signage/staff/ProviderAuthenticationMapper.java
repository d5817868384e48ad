package dk.albertslund.signage.staff;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.oauth2.endpoint.authorization.state.State;
import io.micronaut.security.oauth2.endpoint.token.response.DefaultOpenIdAuthenticationMapper;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdAuthenticationMapper;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdClaims;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdTokenResponse;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * Turns an ID token that passed Micronaut's checks (signature, issuer, audience, expiry,
 * nonce against its cookie) into a staff session of ours: the groups are mapped to roles
 * and institutions by the provider's settings and the account is created or brought up
 * to date ({@link ProviderAccounts}). Micronaut's default would make a session of the
 * token's claims as they are; this keeps only who the person is here, and the provider's
 * name so the session's lifetime can follow the provider's settings.
 */
@Singleton
@Replaces(DefaultOpenIdAuthenticationMapper.class)
class ProviderAuthenticationMapper implements OpenIdAuthenticationMapper {

    /** The claim of our own sign-in token naming the provider the session came through. */
    static final String PROVIDER_CLAIM = "provider";

    private final SignInProviders providers;
    private final ProviderAccounts accounts;
    private final Scheduler blocking;

    ProviderAuthenticationMapper(SignInProviders providers, ProviderAccounts accounts,
                                 @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.providers = providers;
        this.accounts = accounts;
        this.blocking = Schedulers.fromExecutorService(blocking);
    }

    @Override
    public Publisher<AuthenticationResponse> createAuthenticationResponse(String providerName, OpenIdTokenResponse tokenResponse,
                                                                          OpenIdClaims claims, @Nullable State state) {
        SignInProvider provider = providers.find(providerName).orElse(null);
        if (provider == null || claims.get(OpenIdClaims.CLAIMS_NONCE) == null) {
            return Mono.just(AuthenticationResponse.failure("login.oidc.failed"));
        }
        ProviderAccounts.Identity identity = identity(provider, claims);
        // the account is read and written in PostgreSQL: off the event loop that brought the token
        return Mono.fromCallable(() -> accounts.signIn(provider, identity))
                .subscribeOn(blocking)
                .map(outcome -> {
                    if (outcome.user() == null) {
                        return AuthenticationResponse.failure(outcome.refusal());
                    }
                    Authentication session = SignOuts.newSession(outcome.user());
                    Map<String, Object> attributes = new HashMap<>(session.getAttributes());
                    attributes.put(PROVIDER_CLAIM, provider.getName());
                    return AuthenticationResponse.success(session.getName(), session.getRoles(), attributes);
                });
    }

    static ProviderAccounts.Identity identity(SignInProvider provider, OpenIdClaims claims) {
        String subject = claims.getSubject();
        String username = first(claims, OpenIdClaims.CLAIMS_PREFERRED_USERNAME, OpenIdClaims.CLAIMS_EMAIL, "upn");
        if (username == null) {
            username = subject;
        }
        String name = first(claims, OpenIdClaims.CLAIMS_NAME);
        if (name == null) {
            String given = first(claims, OpenIdClaims.CLAIMS_GIVEN_NAME);
            String family = first(claims, OpenIdClaims.CLAIMS_FAMILY_NAME);
            name = given == null && family == null ? username : ((given == null ? "" : given) + " " + (family == null ? "" : family)).strip();
        }
        Set<String> groups = new LinkedHashSet<>();
        for (String claim : provider.getGroupClaims()) {
            Object value = claims.get(claim);
            if (value instanceof Collection<?> values) {
                values.forEach(each -> groups.add(String.valueOf(each)));
            } else if (value != null) {
                groups.add(value.toString());
            }
        }
        return new ProviderAccounts.Identity(subject, String.valueOf(claims.get(OpenIdClaims.CLAIMS_NONCE)),
                first(claims, "sid"), username, name, groups);
    }

    @Nullable
    private static String first(OpenIdClaims claims, String... names) {
        for (String name : names) {
            Object value = claims.get(name);
            if (value instanceof String text && !text.isBlank()) {
                return text.strip();
            }
        }
        return null;
    }
}
