package dk.albertslund.signage.staff;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.micronaut.context.BeanContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.oauth2.client.OpenIdProviderMetadata;
import io.micronaut.security.oauth2.configuration.OauthClientConfiguration;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenID Connect Back-Channel Logout 1.0: the provider posts a signed logout token when a
 * person signs out there, or an administrator ends their session or removes them; every
 * session of that person here ends at once (as a password change ends them). The token
 * must be signed with the provider's keys, name the provider as issuer and our client as
 * audience, carry the back-channel logout event and a subject or session, be fresh, and
 * carry no nonce (so an ID token cannot pass for one). Register
 * {@code https://HOST/oauth/backchannel-logout/NAME} at the provider.
 */
@Hidden // called by the provider, not part of the staff API
@Controller("/oauth/backchannel-logout")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
// answers have no body, so whatever the provider accepts will do
@Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.TEXT_HTML})
class BackChannelLogoutController {

    private static final Logger LOG = LoggerFactory.getLogger(BackChannelLogoutController.class);
    private static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
    /** A logout token older than this is not believed (a replay of an old one). */
    private static final Duration FRESH = Duration.ofMinutes(5);
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.ES256, JWSAlgorithm.ES384);

    private final BeanContext context;
    private final SignInProviders providers;
    private final ProviderAccounts accounts;
    private final Map<String, JWKSource<SecurityContext>> keys = new ConcurrentHashMap<>();

    BackChannelLogoutController(BeanContext context, SignInProviders providers, ProviderAccounts accounts) {
        this.context = context;
        this.providers = providers;
        this.accounts = accounts;
    }

    @Post(value = "/{provider}", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> logout(@PathVariable String provider, @Body("logout_token") @Nullable String logoutToken) {
        if (providers.find(provider).isEmpty() || logoutToken == null || logoutToken.isBlank()) {
            return refused(provider, "no such provider or no logout_token");
        }
        JWTClaimsSet claims;
        try {
            claims = processor(provider).process(logoutToken, null);
        } catch (Exception e) {
            // the reason (bad signature, wrong audience, …), never the token
            return refused(provider, e.getMessage());
        }
        Object events = claims.getClaim("events");
        if (!(events instanceof Map<?, ?> map) || !map.containsKey(EVENT)) {
            return refused(provider, "not a back-channel logout event");
        }
        Instant issued = claims.getIssueTime().toInstant();
        if (issued.isBefore(Clock.systemUTC().instant().minus(FRESH))) {
            return refused(provider, "issued more than " + FRESH.toMinutes() + " minutes ago");
        }
        String subject = claims.getSubject();
        String session = (String) claims.getClaim("sid");
        if (subject == null && session == null) {
            return refused(provider, "names neither a subject nor a session");
        }
        int ended = accounts.endSessions(provider, subject, session);
        LOG.info("Back-channel logout from provider {}: sessions of {} account(s) ended", provider, ended);
        return HttpResponse.ok().header("Cache-Control", "no-store");
    }

    /** Checks against the provider's discovery document: its keys and its issuer, as for ID tokens. */
    private DefaultJWTProcessor<SecurityContext> processor(String provider) throws Exception {
        OpenIdProviderMetadata metadata = context.getBean(OpenIdProviderMetadata.class, Qualifiers.byName(provider));
        String issuer = metadata.getIssuer();
        JWKSource<SecurityContext> source = keys.get(provider);
        if (source == null) {
            source = JWKSourceBuilder.create(URI.create(metadata.getJwksUri()).toURL()).retrying(false).build();
            keys.put(provider, source);
        }
        String clientId = context.getBean(OauthClientConfiguration.class, Qualifiers.byName(provider)).getClientId();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, source));
        // Nimbus asks these sets whether they contain null, which Set.of answers with an exception
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(new HashSet<>(List.of(clientId)),
                new JWTClaimsSet.Builder().issuer(issuer).build(), new HashSet<>(List.of("iat", "events")),
                new HashSet<>(List.of("nonce"))));
        return processor;
    }

    private static HttpResponse<?> refused(String provider, String why) {
        LOG.warn("Back-channel logout from provider {} refused: {}", provider, why);
        return HttpResponse.badRequest().header("Cache-Control", "no-store");
    }
}
