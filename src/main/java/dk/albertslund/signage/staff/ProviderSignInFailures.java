package dk.albertslund.signage.staff;

import dk.albertslund.signage.web.Pages;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * A callback from a provider that did not sign anyone in, for whatever reason Micronaut
 * stopped it (a state, nonce or PKCE check, a refused code, a token from another issuer or
 * audience, a provider that cannot be reached), is answered with the sign-in page and a
 * sentence, not a bare 401 or a stack trace. The library logs a failed nonce check with
 * every claim of the ID token; that logger is switched off in logback.xml and this says
 * what happened instead, without the token.
 */
@ServerFilter("/oauth/callback/**")
class ProviderSignInFailures {

    static final String LOGIN_PAGE = "/admin/login";
    /** Micronaut's cookie for the PKCE code verifier (micronaut.security.oauth2.pkce.persistence: cookie). */
    static final String PKCE_COOKIE = "OAUTH2_PKCE";
    private static final Set<String> REASONS = Set.of("login.oidc.failed", "login.oidc.noRole", "login.oidc.replayed",
            "login.oidc.deactivated");
    private static final Logger LOG = LoggerFactory.getLogger(ProviderSignInFailures.class);

    /** A reason the sign-in page may show (the page shows only these). */
    static boolean known(String key) {
        return REASONS.contains(key);
    }

    /**
     * A callback without the PKCE verifier that its sign-in began with is refused here,
     * before its code goes to the provider: a provider that does not insist on PKCE would
     * otherwise take a code intercepted on its way and used from another browser.
     */
    @RequestFilter
    @Nullable
    HttpResponse<?> requireVerifier(HttpRequest<?> request) {
        if (request.getCookies().findCookie(PKCE_COOKIE).isPresent() || request.getParameters().contains("error")) {
            return null;
        }
        LOG.warn("Sign-in at {} refused: no PKCE verifier cookie", request.getPath());
        return Pages.seeOther(LOGIN_PAGE + "?error=login.oidc.failed");
    }

    @ResponseFilter
    HttpResponse<?> toSignInPage(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.code() < 400) {
            return response;
        }
        LOG.warn("Sign-in at {} refused: the provider's answer did not pass the checks (state, nonce, PKCE, code, "
                + "signature, issuer or audience), HTTP {}", request.getPath(), response.code());
        MutableHttpResponse<?> page = Pages.seeOther(LOGIN_PAGE + "?error=login.oidc.failed");
        return page;
    }
}
