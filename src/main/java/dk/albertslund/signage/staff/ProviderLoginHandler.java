package dk.albertslund.signage.staff;

import dk.albertslund.signage.config.SignageConfiguration;
import dk.albertslund.signage.web.Pages;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.handlers.RedirectingLoginHandler;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * What the browser gets back from {@code /oauth/callback/NAME}: on success our own sign-in
 * cookie (the same JWT as a local sign-in, living as long as the provider's
 * {@code session-lifetime}) and the dashboard; on a refusal the sign-in page saying why,
 * in the reader's language. Micronaut's OAuth routes need a redirecting login handler;
 * the staff UI's sign-in cookie is ours, so this is it.
 */
@Singleton
class ProviderLoginHandler implements RedirectingLoginHandler<HttpRequest<?>, MutableHttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderLoginHandler.class);

    private final TokenGenerator tokens;
    private final SignInProviders providers;
    private final boolean httpsPublicUrl;

    ProviderLoginHandler(TokenGenerator tokens, SignInProviders providers, SignageConfiguration configuration) {
        this.tokens = tokens;
        this.providers = providers;
        this.httpsPublicUrl = configuration.getPublicUrl().startsWith("https:");
    }

    @Override
    public MutableHttpResponse<?> loginSuccess(Authentication authentication, HttpRequest<?> request) {
        Object provider = authentication.getAttributes().get(ProviderAuthenticationMapper.PROVIDER_CLAIM);
        Duration lifetime = providers.find(String.valueOf(provider)).map(SignInProvider::getSessionLifetime)
                .orElse(Duration.ofHours(1));
        int seconds = (int) Math.max(60, lifetime.toSeconds());
        String token = tokens.generateToken(authentication, seconds).orElse(null);
        if (token == null) {
            return Pages.seeOther(ProviderSignInFailures.LOGIN_PAGE + "?error=login.oidc.failed");
        }
        return Pages.seeOther("/admin/dashboard").cookie(StaffCookies.signIn(token, seconds, request, httpsPublicUrl));
    }

    @Override
    public MutableHttpResponse<?> loginRefresh(Authentication authentication, String refreshToken, HttpRequest<?> request) {
        // the staff UI has no refresh tokens: a new sign-in goes through the provider again
        return HttpResponse.notFound();
    }

    @Override
    public MutableHttpResponse<?> loginFailed(AuthenticationResponse authenticationFailed, HttpRequest<?> request) {
        String reason = authenticationFailed.getMessage().filter(ProviderSignInFailures::known).orElse("login.oidc.failed");
        if (reason.equals("login.oidc.failed")) {
            // the library's own words (e.g. "State validation failed"), never a token or a claim
            LOG.warn("Sign-in at {} refused: {}", request.getPath(), authenticationFailed.getMessage().orElse("no reason given"));
        }
        return Pages.seeOther(ProviderSignInFailures.LOGIN_PAGE + "?error=" + reason);
    }
}
