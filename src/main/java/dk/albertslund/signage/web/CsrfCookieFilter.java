package dk.albertslund.signage.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.csrf.CsrfConfiguration;
import io.micronaut.security.csrf.repository.CsrfLoginCookieProvider;

/**
 * Gives every browser that opens a staff page a CSRF cookie, so the forms on the page,
 * the sign-in form included, carry a token that micronaut-security-csrf's filter checks
 * against it (double submit). The token is minted once per browser and kept. The public
 * submission form (/submit, README "Submission links") is a form of ours too.
 */
@ServerFilter({"/admin/**", "/submit/**"})
final class CsrfCookieFilter {

    private static final String NEW_COOKIE = CsrfCookieFilter.class.getName() + ".cookie";

    private final CsrfLoginCookieProvider cookies;
    private final String cookieName;

    CsrfCookieFilter(CsrfLoginCookieProvider cookies, CsrfConfiguration configuration) {
        this.cookies = cookies;
        this.cookieName = configuration.getCookieName();
    }

    @RequestFilter
    void mint(HttpRequest<?> request) {
        if (request.getMethod() == HttpMethod.GET && request.getCookies().findCookie(cookieName).isEmpty()) {
            request.setAttribute(NEW_COOKIE, cookies.provideCookie(request));
        }
    }

    @ResponseFilter
    void send(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(NEW_COOKIE, Cookie.class).ifPresent(response::cookie);
    }

    /** The token forms on this page must carry. */
    @Nullable
    String token(HttpRequest<?> request) {
        return request.getAttribute(NEW_COOKIE, Cookie.class).map(Cookie::getValue)
                .or(() -> request.getCookies().findCookie(cookieName).map(Cookie::getValue))
                .orElse(null);
    }
}
