package dk.albertslund.signage.staff;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Reads the sign-in cookie of the staff UI, and only on staff pages. The API is left to
 * bearer tokens: were the cookie accepted there, any site could make a signed-in
 * browser send JSON requests to it, which no CSRF token guards.
 */
@Singleton
final class StaffCookieTokenReader implements TokenReader<HttpRequest<?>> {

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        String path = request.getPath();
        if (!path.equals("/admin") && !path.startsWith("/admin/")) {
            return Optional.empty();
        }
        return request.getCookies().findCookie(StaffCookies.SIGN_IN).map(Cookie::getValue).filter(value -> !value.isEmpty());
    }

    @Override
    public int getOrder() {
        // after the Authorization header: a bearer token, when sent, is what the caller meant
        return 100;
    }
}
