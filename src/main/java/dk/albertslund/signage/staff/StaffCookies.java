package dk.albertslund.signage.staff;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;

import java.time.Duration;

/**
 * The staff UI's sign-in cookie: the JWT, out of reach of scripts (HttpOnly), sent on
 * top-level navigation from other sites (SameSite=Lax, so a link in an e-mail opens the
 * page signed in) but never on their form posts, which the CSRF token refuses anyway,
 * and Secure whenever the page was served over https.
 */
final class StaffCookies {

    /** The name Micronaut's cookie token reader looks for. */
    static final String SIGN_IN = "JWT";

    private StaffCookies() {
    }

    static Cookie signIn(String token, long seconds, HttpRequest<?> request, boolean httpsPublicUrl) {
        return Cookie.of(SIGN_IN, token).path("/").httpOnly(true).sameSite(SameSite.Lax)
                .secure(request.isSecure() || httpsPublicUrl).maxAge(Duration.ofSeconds(seconds));
    }

    static Cookie expiredSignIn() {
        return Cookie.of(SIGN_IN, "").path("/").httpOnly(true).sameSite(SameSite.Lax).maxAge(0);
    }
}
